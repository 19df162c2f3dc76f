package org.repcollapse.dynamics;

import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLayout;

/**
 * A loss term of the sample embeddings carried over to the linear student {@code x_i = W xi_i}
 * (spec section 5) by the chain rule: {@code L(W, Y, P) = l(X = W Xi^T, Y, P)},
 * {@code G_W = sum_i G_{x_i} xi_i^T}, the label and head rows unchanged. Costs {@code O(N d D)} per call
 * on top of the term's own; the embedding state and drive live in buffers, nothing is allocated.
 */
public final class StudentEmbeddingTerm implements LinearisedLossTerm {

    private final StudentLayout layout;
    private final StateLayout embedding;
    private final double[] inputs;
    private final LossTerm term;
    private final double[] state;
    private final double[] drive;
    private final double[] direction;

    /** @param inputs the N x D inputs {@code xi_i}, row-major */
    public StudentEmbeddingTerm(StudentLayout layout, StateLayout embedding, double[] inputs, LossTerm term) {
        this.layout = layout;
        this.embedding = embedding;
        this.inputs = inputs;
        this.term = term;
        this.state = new double[embedding.dimension()];
        this.drive = new double[embedding.dimension()];
        this.direction = term instanceof LinearisedLossTerm ? new double[embedding.dimension()] : null;
    }

    /** The term on the embedding state. */
    public LossTerm term() {
        return term;
    }

    /** {@code e = (W Xi^T, y, P)} of student state z (or direction v). */
    private void embed(double[] z, double[] e) {
        int d = layout.dim();
        int dd = layout.inputDim();
        int w = layout.w();
        for (int i = 0; i < embedding.samples(); i++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += z[w + a * dd + b] * inputs[i * dd + b];
                }
                e[embedding.x(i) + a] = s;
            }
        }
        System.arraycopy(z, layout.y(0), e, embedding.y(0), layout.classes() * d);
        if (layout.hasHead()) {
            System.arraycopy(z, layout.p(), e, embedding.p(), d * d);
        }
    }

    /** {@code g_W += sum_i ge_{x_i} xi_i^T}; the label and head rows copied over. */
    private void pullBack(double[] ge, double[] g) {
        int d = layout.dim();
        int dd = layout.inputDim();
        int w = layout.w();
        for (int i = 0; i < embedding.samples(); i++) {
            for (int a = 0; a < d; a++) {
                double ga = ge[embedding.x(i) + a];
                if (ga != 0) {
                    for (int b = 0; b < dd; b++) {
                        g[w + a * dd + b] += ga * inputs[i * dd + b];
                    }
                }
            }
        }
        for (int k = 0; k < layout.classes() * d; k++) {
            g[layout.y(0) + k] += ge[embedding.y(0) + k];
        }
        if (layout.hasHead()) {
            for (int k = 0; k < d * d; k++) {
                g[layout.p() + k] += ge[embedding.p() + k];
            }
        }
    }

    @Override
    public double value(double[] z) {
        embed(z, state);
        return term.value(state);
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        embed(z, state);
        java.util.Arrays.fill(drive, 0.0);
        term.addDrive(state, drive);
        pullBack(drive, g);
    }

    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        if (direction == null) {
            throw new UnsupportedOperationException("no linearisation of " + term.getClass().getSimpleName());
        }
        embed(z, state);
        embed(v, direction);
        java.util.Arrays.fill(drive, 0.0);
        ((LinearisedLossTerm) term).addDriveDerivative(state, direction, drive);
        pullBack(drive, out);
    }
}
