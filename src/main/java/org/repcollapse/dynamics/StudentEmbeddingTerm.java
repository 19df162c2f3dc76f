package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLayout;

/**
 * A loss term of the sample embeddings carried over to the linear student {@code x_i = W xi_i}
 * (spec section 5) by the chain rule: {@code L(W, Y, P) = l(X = W Xi^T, Y, P)},
 * {@code G_W = sum_i G_{x_i} xi_i^T}, the label and head rows unchanged. A term on the target blocks
 * ({@link StudentTargetPredictorLoss}) also sees {@code xbar_i = Wbar xi_i}, the label copies and the centre.
 * Costs {@code O(N d D)} per call on top of the term's own; the embedding state and drive live in
 * buffers, nothing is allocated.
 */
public class StudentEmbeddingTerm implements LinearisedLossTerm {

    private final StudentLayout layout;
    private final StateLayout embedding;
    private final double[] inputs;
    private final LossTerm term;
    /** Whether the term reads and drives the target blocks ({@code Wbar, ybar, c}). */
    private final boolean targets;
    private final double[] state;
    private final double[] drive;
    private final double[] direction;

    /** @param inputs the N x D inputs {@code xi_i}, row-major */
    public StudentEmbeddingTerm(StudentLayout layout, StateLayout embedding, double[] inputs, LossTerm term) {
        this(layout, embedding, inputs, term, false);
    }

    StudentEmbeddingTerm(StudentLayout layout, StateLayout embedding, double[] inputs, LossTerm term,
                         boolean targets) {
        this.layout = layout;
        this.embedding = embedding;
        this.inputs = inputs;
        this.term = term;
        this.targets = targets;
        this.state = new double[embedding.dimension()];
        this.drive = new double[embedding.dimension()];
        this.direction = term instanceof LinearisedLossTerm ? new double[embedding.dimension()] : null;
    }

    /** The term on the embedding state. */
    public LossTerm term() {
        return term;
    }

    /** {@code out[to + i d + a] = sum_b M[a][b] xi_i[b]} for the d x D matrix M at {@code z[from]}. */
    private void encode(double[] z, int from, double[] out, int to) {
        SmallMatrices.multiplyTransposed(inputs, 0, embedding.samples(), layout.inputDim(), z, from, layout.dim(),
                out, to);
    }

    /** {@code e = (W Xi^T, y, P)} of student state z (or direction v), with the targets {@code (Wbar Xi^T, ybar, c)}. */
    private void embed(double[] z, double[] e) {
        int d = layout.dim();
        int k = layout.classes();
        encode(z, layout.w(), e, embedding.x(0));
        System.arraycopy(z, layout.y(0), e, embedding.y(0), k * d);
        if (layout.hasHead()) {
            System.arraycopy(z, layout.p(), e, embedding.p(), d * d);
        }
        if (targets && layout.hasTargets()) {
            encode(z, layout.wTarget(), e, embedding.xTarget(0));
            System.arraycopy(z, layout.yTarget(0), e, embedding.yTarget(0), k * d);
        }
        if (targets && layout.hasCentre()) {
            System.arraycopy(z, layout.centre(), e, embedding.centre(), d);
        }
    }

    /** {@code g[to + j] += ge[from + j]} for {@code j < n}: a block the student shares with the embedding state. */
    private static void add(double[] ge, int from, double[] g, int to, int n) {
        for (int j = 0; j < n; j++) {
            g[to + j] += ge[from + j];
        }
    }

    /**
     * {@code g_W += sum_i ge_{x_i} xi_i^T}; labels and head (with the targets: label copies and centre) copied
     * over. The rows of {@code xbar} hold only the embedding copies' relaxation {@code xbar - x}: they are
     * replaced by the encoder copy's {@code Wbar - W} at z (drive) or at the direction (its derivative: the
     * relaxation is linear).
     */
    private void pullBack(double[] ge, double[] z, double[] g) {
        int d = layout.dim();
        int dd = layout.inputDim();
        int w = layout.w();
        int k = layout.classes();
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
        add(ge, embedding.y(0), g, layout.y(0), k * d);
        if (layout.hasHead()) {
            add(ge, embedding.p(), g, layout.p(), d * d);
        }
        if (targets && layout.hasTargets()) {
            int t = layout.wTarget();
            for (int j = 0; j < d * dd; j++) {
                g[t + j] += z[t + j] - z[w + j];
            }
            add(ge, embedding.yTarget(0), g, layout.yTarget(0), k * d);
        }
        if (targets && layout.hasCentre()) {
            add(ge, embedding.centre(), g, layout.centre(), d);
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
        Arrays.fill(drive, 0.0);
        term.addDrive(state, drive);
        pullBack(drive, z, g);
    }

    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        if (direction == null) {
            throw new UnsupportedOperationException("no linearisation of " + term.getClass().getSimpleName());
        }
        embed(z, state);
        embed(v, direction);
        Arrays.fill(drive, 0.0);
        ((LinearisedLossTerm) term).addDriveDerivative(state, direction, drive);
        pullBack(drive, v, out);
    }
}
