package org.repcollapse.dynamics;

import java.util.Arrays;

/**
 * A loss term of the sample embeddings carried over to the linear student {@code x_i = W xi_i}
 * (spec section 5) by the chain rule ({@link StudentEmbedding}): {@code L(W, Y, P) = l(X = W Xi^T, Y, P)},
 * {@code G_W = sum_i G_{x_i} xi_i^T}, the label and head rows unchanged. A term on the target blocks
 * ({@link StudentTargetPredictorLoss}) also sees {@code xbar_i = Wbar xi_i}, the label copies and the centre.
 * Costs {@code O(N d D)} per call on top of the term's own; the embedding state and drive live in
 * buffers, nothing is allocated.
 */
public class StudentEmbeddingTerm implements LinearisedLossTerm {

    private final StudentEmbedding map;
    private final LossTerm term;
    /** Whether the term reads and drives the target blocks ({@code Wbar, ybar, c}). */
    private final boolean targets;
    private final double[] state;
    private final double[] drive;
    private final double[] direction;

    public StudentEmbeddingTerm(StudentEmbedding map, LossTerm term) {
        this(map, term, false);
    }

    StudentEmbeddingTerm(StudentEmbedding map, LossTerm term, boolean targets) {
        int n = map.embedding().dimension();
        this.map = map;
        this.term = term;
        this.targets = targets;
        this.state = new double[n];
        this.drive = new double[n];
        this.direction = term instanceof LinearisedLossTerm ? new double[n] : null;
    }

    /** The term on the embedding state. */
    public LossTerm term() {
        return term;
    }

    @Override
    public double value(double[] z) {
        map.embed(z, state, targets);
        return term.value(state);
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        map.embed(z, state, targets);
        Arrays.fill(drive, 0.0);
        term.addDrive(state, drive);
        map.pullBack(drive, z, g, targets);
    }

    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        if (direction == null) {
            throw new UnsupportedOperationException("no linearisation of " + term.getClass().getSimpleName());
        }
        map.embed(z, state, targets);
        map.embed(v, direction, targets);
        Arrays.fill(drive, 0.0);
        ((LinearisedLossTerm) term).addDriveDerivative(state, direction, drive);
        map.pullBack(drive, v, out, targets);
    }
}
