package org.repcollapse.dynamics;

/**
 * The label block of {@code M = I - c J} after the sample (or encoder) rows are eliminated: the
 * Schur complement on the K d label unknowns, in the eigenbasis of B ({@link FrozenHead}),
 *
 * <pre>
 *   L[(c,a),(c',b)] = delta (1 + c g_c n_c beta_a) - c^2 g_c eta sum_e Ahat_ae Ahat_eb S^e_cc'
 * </pre>
 *
 * with {@code g_c} the label rate, {@code eta} the sample rate and
 * {@code S^e_cc' = sum_j Qhat_cj Qhat_c'j / (1 + c eta beta_e lambda_j)} the class coupling seen
 * through the eliminated rows (filled by the caller). Dense LU with partial pivoting on flat
 * arrays: K d is small (at most a few hundred), and it is refactorised only with {@code c}.
 */
final class LabelSchur {

    private final int k;
    private final int d;
    private final int n;
    private final double[] lu;
    private final int[] pivot;
    /** {@code S^e_cc'} at {@code s[(e*K + c)*K + c']}, to be filled before {@link #factor}. */
    final double[] s;

    LabelSchur(int classes, int dim) {
        this.k = classes;
        this.d = dim;
        this.n = classes * dim;
        this.lu = new double[n * n];
        this.pivot = new int[n];
        this.s = new double[dim * classes * classes];
    }

    /**
     * Forms and factorises L.
     *
     * @param labelRate g_c
     * @param degree    n_c
     */
    void factor(double c, double eta, double[] labelRate, int[] degree, FrozenHead head) {
        double[] ah = head.aHat;
        double[] tmp = new double[d * d];
        for (int cc = 0; cc < k; cc++) {
            for (int c2 = 0; c2 < k; c2++) {
                // tmp[a][b] = sum_e Ahat_ae Ahat_eb S^e_{cc, c2}
                java.util.Arrays.fill(tmp, 0.0);
                for (int e = 0; e < d; e++) {
                    double see = s[(e * k + cc) * k + c2];
                    if (see == 0.0) {
                        continue;
                    }
                    for (int a = 0; a < d; a++) {
                        double w = ah[a * d + e] * see;
                        for (int b = 0; b < d; b++) {
                            tmp[a * d + b] += w * ah[e * d + b];
                        }
                    }
                }
                double scale = c * c * labelRate[cc] * eta;
                for (int a = 0; a < d; a++) {
                    int row = (cc * d + a) * n + c2 * d;
                    for (int b = 0; b < d; b++) {
                        lu[row + b] = -scale * tmp[a * d + b];
                    }
                    if (cc == c2) {
                        lu[row + a] += 1.0 + c * labelRate[cc] * degree[cc] * head.beta[a];
                    }
                }
            }
        }
        DenseLu.decompose(lu, pivot, n);
    }

    /** Overwrites {@code b} (K d, index c*d + a) with {@code L^{-1} b}. */
    void solve(double[] b) {
        DenseLu.solve(lu, pivot, n, b);
    }
}
