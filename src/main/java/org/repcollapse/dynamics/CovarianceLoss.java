package org.repcollapse.dynamics;

import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;

/**
 * VICReg's covariance penalty on the sample embeddings, normalised per sample:
 * {@code L = (w N / 4) sum_{a != b} C_ab^2}, {@code C = (1/N) sum_i (x_i - mu)(x_i - mu)^T}, so that the
 * drive is {@code G_{x_i} = w C_off (x_i - mu)} ({@code C_off} = C without its diagonal): it decorrelates
 * the dimensions and, alone, does not stop a collapse (derivation in {@code papers/prevention.md}).
 *
 * <p>Cost {@code O(N d^2)} per call into buffers of size {@code d^2}; nothing is allocated.
 */
public final class CovarianceLoss extends SampleMomentTerm {

    private final double[] cov;
    private final double[] dCov;
    private final double[] vMean;

    public CovarianceLoss(StateLayout layout, double weight) {
        super(layout, weight);
        int d = layout.dim();
        vMean = new double[d];
        cov = new double[d * d];
        dCov = new double[d * d];
    }

    /** {@code mu} and {@code C} with its diagonal cleared. */
    private void covariance(double[] z) {
        int d = layout.dim();
        int n = layout.samples();
        mean(z, n, d, mean);
        java.util.Arrays.fill(cov, 0.0);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double ua = z[i * d + a] - mean[a];
                for (int b = a + 1; b < d; b++) {
                    cov[a * d + b] += ua * (z[i * d + b] - mean[b]);
                }
            }
        }
        scaleUpperAndMirror(cov, d, n);
    }

    @Override
    public double value(double[] z) {
        covariance(z);
        return 0.25 * weight * layout.samples() * SmallMatrices.dot(cov, cov);
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        covariance(z);
        addProducts(z, cov, mean, g);
    }

    /** {@code out_i += w M (u_i - m)} over the samples, u read from {@code src}. */
    private void addProducts(double[] src, double[] m, double[] mu, double[] out) {
        int d = layout.dim();
        for (int i = 0; i < layout.samples(); i++) {
            int x = i * d;
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += m[a * d + b] * (src[x + b] - mu[b]);
                }
                out[x + a] += weight * s;
            }
        }
    }

    /**
     * {@code dG_i = w [dC_off (x_i - mu) + C_off (v_i - vbar)]},
     * {@code dC = (1/N) sum_j ((v_j - vbar)(x_j - mu)^T + (x_j - mu)(v_j - vbar)^T)}.
     */
    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        covariance(z);
        int d = layout.dim();
        int n = layout.samples();
        mean(v, n, d, vMean);
        java.util.Arrays.fill(dCov, 0.0);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double xa = z[i * d + a] - mean[a];
                double va = v[i * d + a] - vMean[a];
                for (int b = a + 1; b < d; b++) {
                    dCov[a * d + b] += va * (z[i * d + b] - mean[b]) + xa * (v[i * d + b] - vMean[b]);
                }
            }
        }
        scaleUpperAndMirror(dCov, d, n);
        addProducts(z, dCov, mean, out);
        addProducts(v, cov, vMean, out);
    }
}
