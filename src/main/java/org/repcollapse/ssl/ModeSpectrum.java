package org.repcollapse.ssl;

import org.repcollapse.model.SmallMatrices;

/**
 * The modes of a linear SSL state: {@code s_j}, the eigenvalues of {@code F = W X W^T} (descending),
 * with eigenvectors {@code u_j}; the predictor on each, {@code p_j = u_j^T W_p u_j}; the target ratio
 * {@code tau_j = u_j^T W_a X W^T u_j / s_j} (1 without a target block). When W_p, F and the target share
 * eigenvectors (the aligned start of the reduction) these are exactly the mode variables of {@link ModeFlow}.
 *
 * <p>{@link #fixedBasis} measures in a given basis U instead (the aligned start's: the eigenvectors do not
 * move under the reduction), so that mode j keeps its identity when two s_j cross.
 */
public final class ModeSpectrum {

    private final LinearSslSystem system;
    private final double[] basis;

    private ModeSpectrum(LinearSslSystem system, double[] basis) {
        this.system = system;
        this.basis = basis;
    }

    /** Eigenvectors of F at each measurement, sorted by descending s. */
    public static ModeSpectrum sorted(LinearSslSystem system) {
        return new ModeSpectrum(system, null);
    }

    /** A fixed orthonormal basis U (row-major d x d, column j = u_j). */
    public static ModeSpectrum fixedBasis(LinearSslSystem system, double[] u) {
        return new ModeSpectrum(system, u.clone());
    }

    /** The modes at z: {@code p[j], s[j], tau[j]}. */
    public record Modes(double[] p, double[] s, double[] tau) {

        /** Roy and Vetterli's effective rank {@code exp(H(s / sum s))} of F (0 when F = 0). */
        public double effectiveRank() {
            double total = 0;
            for (double v : s) {
                total += Math.max(v, 0.0);
            }
            if (!(total > 0)) {
                return 0.0;
            }
            double h = 0;
            for (double v : s) {
                double q = Math.max(v, 0.0) / total;
                if (q > 0) {
                    h -= q * Math.log(q);
                }
            }
            return Math.exp(h);
        }
    }

    public Modes measure(double[] z) {
        LinearSslParameters par = system.parameters();
        LinearSslLayout l = system.layout();
        int d = par.dim();
        int dd = par.inputDim();
        double[] lambda = par.spectrum();
        double[] f = new double[d * d];
        double[] fa = new double[d * d];
        int w = l.online();
        int ta = l.targetOffset();
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < d; c++) {
                double sum = 0;
                double sumA = 0;
                for (int b = 0; b < dd; b++) {
                    sum += z[w + a * dd + b] * lambda[b] * z[w + c * dd + b];
                    sumA += z[ta + a * dd + b] * lambda[b] * z[w + c * dd + b];
                }
                f[a * d + c] = sum;
                fa[a * d + c] = sumA;
            }
        }
        double[] u = new double[d * d];
        if (basis == null) {
            SymmetricSpectrum eig = SymmetricSpectrum.of(f, d);
            for (int j = 0; j < d; j++) {
                for (int a = 0; a < d; a++) {
                    u[a * d + j] = eig.vectors()[j * d + a];
                }
            }
        } else {
            System.arraycopy(basis, 0, u, 0, d * d);
        }
        double[] wp = system.predictorMatrix(z);
        double[] p = new double[d];
        double[] s = new double[d];
        double[] tau = new double[d];
        double[] columns = SmallMatrices.transpose(u, 0, d);
        for (int j = 0; j < d; j++) {
            p[j] = quadratic(wp, columns, j, d);
            s[j] = quadratic(f, columns, j, d);
            tau[j] = l.target() ? quadratic(fa, columns, j, d) / s[j] : 1.0;
        }
        return new Modes(p, s, tau);
    }

    /** {@code u_j^T M u_j} for the d x d matrix M, u_j the row j of {@code columns}. */
    private static double quadratic(double[] m, double[] columns, int j, int d) {
        double[] mu = new double[d];
        SmallMatrices.apply(m, 0, columns, j * d, mu, 0, d);
        return SmallMatrices.dot(columns, j * d, mu, 0, d);
    }
}
