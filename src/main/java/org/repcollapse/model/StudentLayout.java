package org.repcollapse.model;

/**
 * Where each block of the teacher-student state sits: the student encoder {@code W}
 * (d x D, row-major), then the labels {@code y_c} (K x d), then, with a head, {@code P} (d x d), then,
 * with reconstruction (issue 16), the linear decoder {@code V} (D x d).
 */
public record StudentLayout(int inputDim, int classes, int dim, boolean hasHead, boolean hasDecoder)
        implements BlockLayout {

    public StudentLayout(int inputDim, int classes, int dim, boolean hasHead) {
        this(inputDim, classes, dim, hasHead, false);
    }

    /** Offset of {@code V[b][a]}: {@code v() + b * d + a} (with {@link #hasDecoder}). */
    public int v() {
        return p() + (hasHead ? dim * dim : 0);
    }

    /** Offset of {@code W[a][b]}: {@code a * D + b}. */
    public int w() {
        return 0;
    }

    /** Offset of {@code y_c}. */
    public int y(int c) {
        return dim * inputDim + c * dim;
    }

    /** Offset of {@code P[0][0]}. */
    public int p() {
        return dim * inputDim + classes * dim;
    }

    @Override
    public int dimension() {
        return v() + (hasDecoder ? inputDim * dim : 0);
    }

    /** {@code W} (d x D), {@code y} (K x d), then {@code P} (d x d) with a head. */
    @Override
    public java.util.List<Block> blocks() {
        java.util.List<Block> b = new java.util.ArrayList<>();
        b.add(new Block("W", w(), dim, inputDim));
        b.add(new Block("y", y(0), classes, dim));
        if (hasHead) {
            b.add(new Block("P", p(), dim, dim));
        }
        if (hasDecoder) {
            b.add(new Block("V", v(), inputDim, dim));
        }
        return b;
    }
}
