package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLayout;

/**
 * The head's predictor loss against EMA and/or centred stop-gradient targets ({@link TargetPredictorLoss})
 * on the linear student {@code x_i = W xi_i} (spec section 5). The EMA target network is a copy
 * {@code Wbar} of the encoder (BYOL), {@code xbar_i = Wbar xi_i}, with {@code dWbar/dt = -rho (Wbar - W)}
 * and {@code dybar_c/dt = -rho (ybar_c - y_c)}; the centre follows {@code dc/dt = -rho_c (c - m)}, m the mean
 * uncentred target. The head's drive reaches W by the chain rule {@code G_W = sum_i G_{x_i} xi_i^T};
 * the targets take no drive from the loss (stop-gradient), so the copies' drives are their relaxations alone.
 *
 * <p>Since {@code Wbar} relaxes linearly, {@code xbar_i = Wbar xi_i} is exactly the EMA of {@code x_i}
 * (papers/prevention.md). Cost {@code O(N d D)} per call on top of {@link TargetPredictorLoss}'s
 * {@code O(|E| d^2)}; the embedding state and drive live in buffers, nothing is allocated.
 */
public final class StudentTargetPredictorLoss implements LinearisedLossTerm {

    private final StudentLayout layout;
    private final StateLayout embedding;
    private final double[] inputs;
    private final TargetPredictorLoss term;
    private final double[] state;
    private final double[] drive;
    private final double[] direction;

    /**
     * @param embedding the embedding layout with the same target blocks ({@code xbar, ybar} with EMA, {@code c} with centring)
     * @param inputs    the N x D inputs {@code xi_i}, row-major
     */
    public StudentTargetPredictorLoss(StudentLayout layout, StateLayout embedding, double[] inputs,
                                      TargetPredictorLoss term) {
        if (!layout.hasHead() || layout.hasTargets() != embedding.hasTargets()
                || layout.hasCentre() != embedding.hasCentre()) {
            throw new IllegalArgumentException("the student and embedding layouts must carry the same target blocks");
        }
        this.layout = layout;
        this.embedding = embedding;
        this.inputs = inputs;
        this.term = term;
        this.state = new double[embedding.dimension()];
        this.drive = new double[embedding.dimension()];
        this.direction = new double[embedding.dimension()];
    }

    /** {@code out[to + i d + a] = sum_b M[a][b] xi_i[b]} for the d x D matrix M at {@code z[from]}. */
    private void encode(double[] z, int from, double[] out, int to) {
        int d = layout.dim();
        int dd = layout.inputDim();
        for (int i = 0; i < embedding.samples(); i++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += z[from + a * dd + b] * inputs[i * dd + b];
                }
                out[to + i * d + a] = s;
            }
        }
    }

    /** {@code e = (W Xi^T, y, P, Wbar Xi^T, ybar, c)} of student state z (or direction v). */
    private void embed(double[] z, double[] e) {
        int d = layout.dim();
        int k = layout.classes();
        encode(z, layout.w(), e, embedding.x(0));
        System.arraycopy(z, layout.y(0), e, embedding.y(0), k * d);
        System.arraycopy(z, layout.p(), e, embedding.p(), d * d);
        if (layout.hasTargets()) {
            encode(z, layout.wTarget(), e, embedding.xTarget(0));
            System.arraycopy(z, layout.yTarget(0), e, embedding.yTarget(0), k * d);
        }
        if (layout.hasCentre()) {
            System.arraycopy(z, layout.centre(), e, embedding.centre(), d);
        }
    }

    /**
     * {@code g_W += sum_i ge_{x_i} xi_i^T}; labels, head, label copies and centre copied over. The rows of
     * {@code xbar} hold only the embedding copies' relaxation {@code xbar - x}: they are replaced by the
     * encoder copy's {@code Wbar - W} at z (drive) or at the direction (its derivative: the relaxation is linear).
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
        for (int j = 0; j < k * d; j++) {
            g[layout.y(0) + j] += ge[embedding.y(0) + j];
        }
        for (int j = 0; j < d * d; j++) {
            g[layout.p() + j] += ge[embedding.p() + j];
        }
        if (layout.hasTargets()) {
            int t = layout.wTarget();
            for (int j = 0; j < d * dd; j++) {
                g[t + j] += z[t + j] - z[w + j];
            }
            for (int j = 0; j < k * d; j++) {
                g[layout.yTarget(0) + j] += ge[embedding.yTarget(0) + j];
            }
        }
        if (layout.hasCentre()) {
            for (int a = 0; a < d; a++) {
                g[layout.centre() + a] += ge[embedding.centre() + a];
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
        Arrays.fill(drive, 0.0);
        term.addDrive(state, drive);
        pullBack(drive, z, g);
    }

    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        embed(z, state);
        embed(v, direction);
        Arrays.fill(drive, 0.0);
        term.addDriveDerivative(state, direction, drive);
        pullBack(drive, v, out);
    }
}
