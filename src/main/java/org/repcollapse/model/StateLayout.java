package org.repcollapse.model;

/**
 * Where each parameter block sits in the flat state vector: sample embeddings
 * {@code x_i} (row i of an N x d table), label embeddings {@code y_c} (K x d),
 * then, when there is a head, {@code P} (d x d, row-major), then, with EMA targets (issue 16,
 * BYOL-style), their copies {@code xbar_i} (N x d) and {@code ybar_c} (K x d).
 */
public final class StateLayout implements BlockLayout {

    private final int samples;
    private final int classes;
    private final int dim;
    private final boolean head;
    private final boolean targets;
    private final boolean centre;

    public StateLayout(int samples, int classes, int dim, boolean head) {
        this(samples, classes, dim, head, false, false);
    }

    /**
     * With {@code targets}, the EMA copies {@code xbar, ybar} follow the head; with {@code centre}, the
     * running centre {@code c} (d numbers) of the targets comes last (issue 16, DINO-style centring).
     */
    public StateLayout(int samples, int classes, int dim, boolean head, boolean targets, boolean centre) {
        this.samples = samples;
        this.classes = classes;
        this.dim = dim;
        this.head = head;
        this.targets = targets;
        this.centre = centre;
    }

    /** Whether the state carries the running centre {@code c} of the targets. */
    public boolean hasCentre() {
        return centre;
    }

    /** Offset of the centre {@code c} (with {@link #hasCentre}). */
    public int centre() {
        return p() + (head ? dim * dim : 0) + (targets ? (samples + classes) * dim : 0);
    }

    /** Whether the state carries EMA targets {@code xbar, ybar}. */
    public boolean hasTargets() {
        return targets;
    }

    /** Offset of the EMA target {@code xbar_i} (with {@link #hasTargets}). */
    public int xTarget(int i) {
        return p() + (head ? dim * dim : 0) + i * dim;
    }

    /** Offset of the EMA target {@code ybar_c} (with {@link #hasTargets}). */
    public int yTarget(int c) {
        return xTarget(samples + c);
    }

    public int samples() {
        return samples;
    }

    public int classes() {
        return classes;
    }

    public int dim() {
        return dim;
    }

    public boolean hasHead() {
        return head;
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
        return centre() + (centre ? dim : 0);
    }

    /** {@code x} (N x d), {@code y} (K x d), then {@code P} (d x d) with a head. */
    @Override
    public java.util.List<Block> blocks() {
        java.util.List<Block> b = new java.util.ArrayList<>();
        b.add(new Block("x", x(0), samples, dim));
        b.add(new Block("y", y(0), classes, dim));
        if (head) {
            b.add(new Block("P", p(), dim, dim));
        }
        if (targets) {
            b.add(new Block("xbar", xTarget(0), samples, dim));
            b.add(new Block("ybar", yTarget(0), classes, dim));
        }
        if (centre) {
            b.add(new Block("c", centre(), 1, dim));
        }
        return b;
    }
}
