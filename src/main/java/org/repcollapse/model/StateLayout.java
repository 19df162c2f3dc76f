package org.repcollapse.model;

/**
 * Where each parameter block sits in the flat state vector: sample embeddings
 * {@code x_i} (row i of an N x d table), label embeddings {@code y_c} (K x d),
 * then, when there is a head, {@code P} (d x d, row-major), then, with EMA targets (issue 16,
 * BYOL-style), their copies {@code xbar_i} (N x d) and {@code ybar_c} (K x d), then, with centred
 * targets (DINO-style), the running centre {@code c} (d numbers).
 */
public record StateLayout(int samples, int classes, int dim, boolean hasHead, boolean hasTargets, boolean hasCentre)
        implements BlockLayout {

    public StateLayout(int samples, int classes, int dim, boolean hasHead) {
        this(samples, classes, dim, hasHead, false, false);
    }

    /** Offset of the centre {@code c} (with {@link #hasCentre}). */
    public int centre() {
        return p() + (hasHead ? dim * dim : 0) + (hasTargets ? (samples + classes) * dim : 0);
    }

    /** Offset of the EMA target {@code xbar_i} (with {@link #hasTargets}). */
    public int xTarget(int i) {
        return p() + (hasHead ? dim * dim : 0) + i * dim;
    }

    /** Offset of the EMA target {@code ybar_c} (with {@link #hasTargets}). */
    public int yTarget(int c) {
        return xTarget(samples + c);
    }

    /** Offset of {@code x_i}. */
    public int x(int i) {
        return i * dim;
    }

    /** Offset of {@code y_c}. */
    public int y(int c) {
        return (samples + c) * dim;
    }

    /** Offset of {@code P[0][0]}; {@code P[a][b]} is at {@code p() + a*d + b}. */
    public int p() {
        return (samples + classes) * dim;
    }

    @Override
    public int dimension() {
        return centre() + (hasCentre ? dim : 0);
    }

    /** The embeddings view of state z laid out here (shares z's storage). */
    public Embeddings embeddings(double[] z) {
        return new Embeddings(samples, classes, dim, z, x(0), z, y(0), hasHead ? z : null, hasHead ? p() : 0);
    }

    /** {@code x} (N x d), {@code y} (K x d), then {@code P} (d x d) with a head. */
    @Override
    public java.util.List<Block> blocks() {
        java.util.List<Block> b = new java.util.ArrayList<>();
        b.add(new Block("x", x(0), samples, dim));
        b.add(new Block("y", y(0), classes, dim));
        if (hasHead) {
            b.add(new Block("P", p(), dim, dim));
        }
        if (hasTargets) {
            b.add(new Block("xbar", xTarget(0), samples, dim));
            b.add(new Block("ybar", yTarget(0), classes, dim));
        }
        if (hasCentre) {
            b.add(new Block("c", centre(), 1, dim));
        }
        return b;
    }
}
