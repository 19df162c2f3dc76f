package org.repcollapse.analysis;

import org.repcollapse.model.Embeddings;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * The covariance spectrum of the sample embeddings, {@code C = X_c^T X_c / N} with
 * {@code X_c} the centred N x d matrix, and what follows from it: per-dimension variances
 * (VICReg style) and the effective rank {@code exp(H(sigma / sum sigma))} of the singular
 * values {@code sigma_k = sqrt(N lambda_k)} of {@code X_c} (Roy and Vetterli 2007).
 */
public final class EmbeddingSpectrum {

    private final double[] eigenvalues;
    private final double[] variance;

    public EmbeddingSpectrum(Embeddings e) {
        this(covariance(e));
    }

    /** The spectrum of a given covariance matrix {@code C} (d x d, symmetric; e.g. from group statistics). */
    public EmbeddingSpectrum(double[][] c) {
        int d = c.length;
        double trace = 0;
        variance = new double[d];
        for (int a = 0; a < d; a++) {
            variance[a] = c[a][a];
            trace += c[a][a];
        }
        if (!(trace > 0) || !Double.isFinite(trace)) {
            eigenvalues = new double[d];
        } else {
            double[] ev = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(c)).getEigenvalues();
            for (int k = 0; k < d; k++) {
                ev[k] = Math.max(ev[k], 0.0);
            }
            eigenvalues = ev;
        }
    }

    /** {@code C = X_c^T X_c / N}. */
    private static double[][] covariance(Embeddings e) {
        int n = e.samples();
        int d = e.dim();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += e.x(i, k);
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double[][] c = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                row[k] = e.x(i, k) - mean[k];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                for (int b = a; b < d; b++) {
                    c[a][b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                c[a][b] /= n;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** Covariance eigenvalues, descending, clipped at 0. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    public double[] variances() {
        return variance.clone();
    }

    public double effectiveRank() {
        double sum = 0;
        for (double l : eigenvalues) {
            sum += Math.sqrt(l);
        }
        if (!(sum > 0)) {
            return 0.0;
        }
        double h = 0;
        for (double l : eigenvalues) {
            double q = Math.sqrt(l) / sum;
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return Math.exp(h);
    }
}
