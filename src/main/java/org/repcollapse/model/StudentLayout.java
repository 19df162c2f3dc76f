package org.repcollapse.model;

/**
 * Where each block of the teacher-student state sits: the student encoder {@code W}
 * (d x D, row-major), then the labels {@code y_c} (K x d), then, with a head, {@code P} (d x d), then,
 * with reconstruction (issue 16), the linear decoder {@code V} (D x d), then, with EMA targets
 * (BYOL's target network), the encoder copy {@code Wbar} (d x D, so {@code xbar_i = Wbar xi_i}) and the
 * label copies {@code ybar_c} (K x d), then, with centred targets (DINO-style), the centre {@code c} (d).
 */
public record StudentLayout(int inputDim, int classes, int dim, boolean hasHead, boolean hasDecoder,
                            boolean hasTargets, boolean hasCentre) implements BlockLayout {

    public StudentLayout(int inputDim, int classes, int dim, boolean hasHead) {
        this(inputDim, classes, dim, hasHead, false);
    }

    public StudentLayout(int inputDim, int classes, int dim, boolean hasHead, boolean hasDecoder) {
        this(inputDim, classes, dim, hasHead, hasDecoder, false, false);
    }

    /** Offset of {@code V[b][a]}: {@code v() + b * d + a} (with {@link #hasDecoder}). */
    public int v() {
        return p() + (hasHead ? dim * dim : 0);
    }

    /** Offset of {@code Wbar[a][b]}: {@code wTarget() + a * D + b} (with {@link #hasTargets}). */
    public int wTarget() {
        return v() + (hasDecoder ? inputDim * dim : 0);
    }

    /** Offset of the EMA label copy {@code ybar_c} (with {@link #hasTargets}). */
    public int yTarget(int c) {
        return wTarget() + dim * inputDim + c * dim;
    }

    /** Offset of the centre {@code c} (with {@link #hasCentre}). */
    public int centre() {
        return wTarget() + (hasTargets ? dim * inputDim + classes * dim : 0);
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
        return centre() + (hasCentre ? dim : 0);
    }

    /** {@code W} (d x D), {@code y} (K x d), then {@code P}, {@code V}, {@code Wbar}, {@code ybar}, {@code c} when present. */
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
        if (hasTargets) {
            b.add(new Block("Wbar", wTarget(), dim, inputDim));
            b.add(new Block("ybar", yTarget(0), classes, dim));
        }
        if (hasCentre) {
            b.add(new Block("c", centre(), 1, dim));
        }
        return b;
    }
}
