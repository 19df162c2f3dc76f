package org.repcollapse.ssl;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.model.BlockLayout;

/**
 * Where the blocks of the linear SSL state live in one flat array, each row-major:
 * {@code W} (d x D) at 0, then {@code W_p} (d x d) when learned, then {@code W_a} (d x D) when
 * {@code beta > 0}. Without a target block {@code W_a = W}; without a predictor block {@code W_p}
 * is computed from W ({@link DirectPredictor}).
 */
public record LinearSslLayout(int dim, int inputDim, boolean predictor, boolean target) implements BlockLayout {

    public static LinearSslLayout of(LinearSslParameters p) {
        return new LinearSslLayout(p.dim(), p.inputDim(), p.learnsPredictor(), p.hasTarget());
    }

    /** Offset of {@code W}. */
    public int online() {
        return 0;
    }

    /** Offset of {@code W_p} (or -1 when it is not a state variable). */
    public int predictorOffset() {
        return predictor ? dim * inputDim : -1;
    }

    /** Offset of {@code W_a} (the online block itself when there is no target block). */
    public int targetOffset() {
        return target ? dim * inputDim + (predictor ? dim * dim : 0) : 0;
    }

    /** Blocks {@code W}, {@code W_p} (when learned), {@code W_a} (when {@code beta > 0}). */
    @Override
    public List<Block> blocks() {
        List<Block> b = new ArrayList<>();
        b.add(new Block("W", online(), dim, inputDim));
        if (predictor) {
            b.add(new Block("W_p", predictorOffset(), dim, dim));
        }
        if (target) {
            b.add(new Block("W_a", targetOffset(), dim, inputDim));
        }
        return b;
    }

    @Override
    public int dimension() {
        return dim * inputDim * (target ? 2 : 1) + (predictor ? dim * dim : 0);
    }
}
