package org.repcollapse.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract every model's flat state vector obeys: an ordered list of named blocks, each a
 * row-major {@code rows x cols} matrix at its offset, tiling {@code [0, dimension())} without gaps
 * or overlap. {@link #pack} and {@link #unpack} are inverse to each other (checked for every layout
 * by {@code BlockLayoutTest}); the metrics, checkpoints and exports read a state through it.
 */
public interface BlockLayout {

    /** One block of the state: {@code name} (spec notation), offset, and shape. */
    record Block(String name, int offset, int rows, int cols) {

        public int size() {
            return rows * cols;
        }
    }

    /** The blocks in state order. */
    List<Block> blocks();

    /** The length of the state vector. */
    int dimension();

    /** The embedding dimension d: the width of the label and embedding blocks. */
    int dim();

    /** The block named {@code name}; an IllegalArgumentException names it when there is none. */
    default Block block(String name) {
        for (Block b : blocks()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no block " + name + " in " + blocks());
    }

    /** The state holding each named block's row-major entries (every block must be given). */
    default double[] pack(Map<String, double[]> values) {
        double[] z = new double[dimension()];
        for (Block b : blocks()) {
            double[] v = values.get(b.name());
            if (v == null || v.length != b.size()) {
                throw new IllegalArgumentException("block " + b.name() + " needs " + b.size() + " numbers");
            }
            System.arraycopy(v, 0, z, b.offset(), b.size());
        }
        return z;
    }

    /** Each block of state z as a copy of its row-major entries, in state order. */
    default Map<String, double[]> unpack(double[] z) {
        if (z.length != dimension()) {
            throw new IllegalArgumentException("state has " + z.length + " numbers, layout " + dimension());
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Block b : blocks()) {
            out.put(b.name(), java.util.Arrays.copyOfRange(z, b.offset(), b.offset() + b.size()));
        }
        return out;
    }
}
