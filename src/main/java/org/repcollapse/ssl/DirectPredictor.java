package org.repcollapse.ssl;

/**
 * DirectPred (Tian, Chen and Ganguli 2021, section 5): the predictor is not learned but set from the
 * correlation of the online output,
 *
 * <pre>  F = W X W^T = U diag(s_j) U^T,   W_p = U diag(sqrt(max(s_j, 0)) + epsilon) U^T.</pre>
 *
 * <p>Normalisation: the paper's Eq. 18, {@code p_j = sqrt(s_j) + epsilon}, with the running estimate
 * {@code F^} taken equal to F (the limit of a fast running average: the flow has no mini-batches to
 * average over). The authors' code divides by the largest eigenvalue first,
 * {@code p_j = sqrt(s_j / s_max) + epsilon}; under that scaling the top mode has {@code p = 1 + epsilon}
 * whatever W is, so the flow has a non-collapsed fixed point only when
 * {@code (1 + epsilon)(1 - k (1 + epsilon)) = eta} by accident. With Eq. 18 every mode obeys
 * {@code ds/dt = 2 s (p (1 - k p) - eta)}, {@code p = sqrt(s) + epsilon}: fixed points
 * {@code s* = (p*_(+-) - epsilon)^2} ({@link ModeFixedPoints#directPredS}).
 *
 * <p>One symmetric eigen-decomposition per call (Hipparchus); buffers for F are reused.
 */
public final class DirectPredictor {

    private final int d;
    private final int inputDim;
    private final double[] lambda;
    private final double epsilon;
    private final double[] f;

    public DirectPredictor(LinearSslParameters p) {
        this.d = p.dim();
        this.inputDim = p.inputDim();
        this.lambda = p.spectrum();
        this.epsilon = p.epsilon();
        this.f = new double[d * d];
    }

    /** Writes {@code W_p} (d x d, row-major) of the online block {@code z[w .. w + d D)} into {@code out}. */
    public void predictor(double[] z, int w, double[] out) {
        for (int a = 0; a < d; a++) {
            for (int c = a; c < d; c++) {
                double sum = 0;
                int ra = w + a * inputDim;
                int rc = w + c * inputDim;
                for (int b = 0; b < inputDim; b++) {
                    sum += z[ra + b] * lambda[b] * z[rc + b];
                }
                f[a * d + c] = sum;
                f[c * d + a] = sum;
            }
        }
        SymmetricSpectrum eig = SymmetricSpectrum.of(f, d);
        java.util.Arrays.fill(out, 0, d * d, 0.0);
        for (int j = 0; j < d; j++) {
            double pj = Math.sqrt(Math.max(eig.values()[j], 0.0)) + epsilon;
            int v = j * d;
            for (int a = 0; a < d; a++) {
                double ua = pj * eig.vectors()[v + a];
                for (int c = 0; c < d; c++) {
                    out[a * d + c] += ua * eig.vectors()[v + c];
                }
            }
        }
    }

    /** The eigenvalue DirectPred gives a mode whose F-eigenvalue is s. */
    public double eigenvalue(double s) {
        return Math.sqrt(Math.max(s, 0.0)) + epsilon;
    }
}
