package org.repcollapse.ssl;

import org.repcollapse.model.SmallMatrices;

/**
 * Theorem 1 of Tian, Chen and Ganguli (2021): along the flow of {@link LinearSslSystem} with a learned
 * predictor,
 *
 * <pre>  M(t) = W W^T - W_p^T W_p / alpha_p = exp(-2 eta t) M(0)</pre>
 *
 * for any data covariances and any target (dM/dt = -2 eta M: the cross terms of
 * {@code d(W W^T)/dt} and {@code d(W_p^T W_p)/dt / alpha_p} are the same, see papers/linear-ssl.md).
 * {@link #residual} is the relative violation
 * {@code |M(t) - exp(-2 eta t) M(0)|_F / (|W W^T|_F + |W_p^T W_p|_F / alpha_p)}, a number of the order of
 * the integration's relative error. Work arrays are allocated once.
 */
public final class Theorem1Invariant {

    private final LinearSslLayout layout;
    private final double eta;
    private final double alpha;
    private final double[] m0;
    private final double[] ww;
    private final double[] pp;
    private final double[] m;

    public Theorem1Invariant(LinearSslParameters p, double[] z0) {
        if (!p.learnsPredictor()) {
            throw new IllegalArgumentException("Theorem 1 needs a learned predictor (DirectPred sets W_p)");
        }
        this.layout = LinearSslLayout.of(p);
        this.eta = p.weightDecay();
        this.alpha = p.predictorRate();
        int d = p.dim();
        this.ww = new double[d * d];
        this.pp = new double[d * d];
        this.m0 = new double[d * d];
        this.m = new double[d * d];
        invariant(z0, m0);
    }

    /** {@code M = W W^T - W_p^T W_p / alpha_p} at z into {@code out}; fills the two Gram buffers. */
    public void invariant(double[] z, double[] out) {
        int d = layout.dim();
        int dd = layout.inputDim();
        int w = layout.online();
        int po = layout.predictorOffset();
        SmallMatrices.multiplyTransposed(z, w, d, dd, z, w, d, ww, 0);
        SmallMatrices.headGram(z, po, d, 0.0, pp, 0);
        for (int k = 0; k < d * d; k++) {
            pp[k] /= alpha;
            out[k] = ww[k] - pp[k];
        }
    }

    /** The relative residual of Theorem 1 at (t, z). */
    public double residual(double t, double[] z) {
        int n = m0.length;
        double decay = Math.exp(-2 * eta * t);
        double diff = 0;
        double nw = 0;
        double np = 0;
        invariant(z, m);
        for (int k = 0; k < n; k++) {
            double e = m[k] - decay * m0[k];
            diff += e * e;
            nw += ww[k] * ww[k];
            np += pp[k] * pp[k];
        }
        double scale = Math.sqrt(nw) + Math.sqrt(np);
        return scale > 0 ? Math.sqrt(diff) / scale : Math.sqrt(diff);
    }

    /** {@code M(0)} (a copy). */
    public double[] initial() {
        return m0.clone();
    }
}
