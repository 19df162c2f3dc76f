package org.repcollapse.theory;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * The exact theory of the linear teacher-student flow without a head (spec section 5):
 * {@code d(w, y)/dt = -R H (w, y)} for each embedding coordinate, {@code w} a row of W,
 * {@code H = [[C, -M^T], [-M, diag(n)]]}, {@code R = diag(eta_W I_D, gamma/n_c)}, diagonalised on
 * the row space of the inputs ({@code min(N, D) + K} dimensions; W components outside it are
 * frozen and never reach y). Gives the effective frustration (eigenvalues of
 * {@code diag(n)^-1 Q}, {@code Q = diag(n) - M C^+ M^T}), the t = infinity clusters from ker H,
 * the exact solution {@code z(t) = R^1/2 U exp(-Lambda t) U^T R^-1/2 z(0)}, the slow rate and
 * its first-order approximation (papers/teacher-student.md).
 */
public final class StudentLinearTheory {

    /** Eigenvalues below this fraction of the largest count as zero. */
    public static final double ZERO = 1.0e-9;

    private final double etaW;
    private final double gamma;
    private final double[] effectiveFrustration;
    private final double perturbativeSlowRate;
    private final double slowRate;
    /** Orthonormal basis of the input row space (D x r, row-major). */
    private final double[] basis;
    private final int rank;
    private final double[] rateSqrt;
    private final double[] lambda;
    private final double[][] modes;
    private final double[][] kernel;
    private final List<List<Integer>> clusters;

    /**
     * Reduces to the input row space and diagonalises the operator.
     *
     * @throws MathIllegalStateException when a decomposition does not converge
     */
    public StudentLinearTheory(InputStatistics stats, double etaW, double gamma) {
        this.etaW = etaW;
        this.gamma = gamma;
        int k = stats.classes();
        // Row space of the inputs (C = V S^2 V^T): W components outside it are frozen and never reach y.
        org.repcollapse.model.InputRowSpace rs = stats.rowSpace();
        rank = rs.rank();
        double[] sv = rs.singularValues();
        basis = rs.basis();
        double[] flat = stats.classSumsInRowSpace();
        double[][] mv = new double[k][];
        for (int c = 0; c < k; c++) {
            mv[c] = java.util.Arrays.copyOfRange(flat, c * rank, (c + 1) * rank);
        }
        effectiveFrustration = effectiveFrustration(stats, mv, sv, rank);
        perturbativeSlowRate = perturbativeSlowRate(stats, mv, sv);
        rateSqrt = new double[rank + k];
        for (int j = 0; j < rank; j++) {
            rateSqrt[j] = Math.sqrt(etaW);
        }
        for (int c = 0; c < k; c++) {
            rateSqrt[rank + c] = Math.sqrt(gamma / stats.degree(c));
        }
        EigenDecompositionSymmetric eig =
                new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(symmetricOperator(stats, mv, sv)));
        lambda = eig.getEigenvalues();
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, Math.abs(l));
        }
        List<double[]> ker = new ArrayList<>();
        double slow = Double.POSITIVE_INFINITY;
        modes = new double[lambda.length][];
        for (int j = 0; j < lambda.length; j++) {
            double[] u = eig.getEigenvector(j).toArray();
            modes[j] = u;
            if (lambda[j] <= ZERO * max) {
                lambda[j] = 0.0;
                ker.add(u);
            } else if (labelSpread(u, k) > 1.0e-8) {
                slow = Math.min(slow, lambda[j]);
            }
        }
        kernel = ker.toArray(new double[0][]);
        clusters = kernelClusters(k);
        slowRate = clusters.size() < k && Double.isFinite(slow) ? slow : Double.NaN;
    }

    /** Spread of the label block of eigenvector u of the symmetrised operator, in state coordinates. */
    private double labelSpread(double[] u, int k) {
        double mean = 0;
        for (int c = 0; c < k; c++) {
            mean += rateSqrt[rank + c] * u[rank + c] / k;
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            double v = rateSqrt[rank + c] * u[rank + c] - mean;
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * {@code R^1/2 H R^1/2} on the input row space, (r+K) x (r+K): in the basis V of right singular
     * vectors {@code C = V S^2 V^T}, so {@code H = [[S^2, -(M V)^T], [-M V, diag(n)]]}.
     */
    private double[][] symmetricOperator(InputStatistics stats, double[][] mv, double[] sv) {
        int k = stats.classes();
        double[][] h = new double[rank + k][rank + k];
        for (int j = 0; j < rank; j++) {
            h[j][j] = sv[j] * sv[j];
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < rank; j++) {
                h[rank + c][j] = -mv[c][j];
                h[j][rank + c] = -mv[c][j];
            }
            h[rank + c][rank + c] = stats.degree(c);
        }
        for (int a = 0; a < rank + k; a++) {
            for (int b = 0; b < rank + k; b++) {
                h[a][b] *= rateSqrt[a] * rateSqrt[b];
            }
        }
        return h;
    }

    /** Labels a and b end in one cluster iff every kernel mode gives them the same position. */
    private List<List<Integer>> kernelClusters(int k) {
        int width = Math.max(kernel.length, 1);
        double[] pos = new double[k * width];
        double norm = 0;
        for (int j = 0; j < kernel.length; j++) {
            for (int c = 0; c < k; c++) {
                double v = rateSqrt[rank + c] * kernel[j][rank + c];
                pos[c * width + j] = v;
                norm = Math.max(norm, Math.abs(v));
            }
        }
        if (kernel.length == 0 || norm == 0) {
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                all.add(c);
            }
            return List.of(all);
        }
        return new LabelGeometry(pos, k, width).clusters(1.0e-6 * norm);
    }

    /** {@code diag(n)^-1/2 Q diag(n)^-1/2}, symmetric, with the spectrum of {@code diag(n)^-1 Q}. */
    private static double[][] frustrationMatrix(InputStatistics stats, double[][] mv, double[] sv, int rank) {
        int k = stats.classes();
        double[][] q = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double t = a == b ? stats.degree(a) : 0.0;
                for (int j = 0; j < rank; j++) {
                    t -= mv[a][j] * mv[b][j] / (sv[j] * sv[j]);
                }
                q[a][b] = t / Math.sqrt((double) stats.degree(a) * stats.degree(b));
            }
        }
        return q;
    }

    /** Eigenvalues (ascending) of {@code diag(n)^-1 Q}, {@code Q = diag(n) - (M V) S^-2 (M V)^T = diag(n) - M C^+ M^T}. */
    private static double[] effectiveFrustration(InputStatistics stats, double[][] mv, double[] sv, int rank) {
        double[][] q = frustrationMatrix(stats, mv, sv, rank);
        double[] eps = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(q)).getEigenvalues();
        for (int j = 0; j < eps.length; j++) {
            eps[j] = Math.max(eps[j], 0.0);
        }
        java.util.Arrays.sort(eps);
        return eps;
    }

    /**
     * First-order slow rate {@code lambda ~ gamma eps / (1 + (gamma/eta_W) h)} for the smallest
     * non-zero effective frustration eps with label pattern y ({@code n^-1 Q y = eps y}), where
     * {@code h = |w*|^2 / sum_c n_c y_c^2} and {@code w* = C^+ M^T y} is the minimum-norm encoder
     * row that fits the pattern. For the EOM ({@code h = 1}) this is R3's small-r limit
     * {@code gamma eta_x r / (eta_x + gamma)}.
     */
    private double perturbativeSlowRate(InputStatistics stats, double[][] mv, double[] sv) {
        int k = stats.classes();
        double[][] q = frustrationMatrix(stats, mv, sv, rank);
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(q));
        double[] eps = eig.getEigenvalues();
        double max = 0;
        for (double e : eps) {
            max = Math.max(max, Math.abs(e));
        }
        int best = -1;
        for (int j = 0; j < k; j++) {
            if (eps[j] > 1.0e-9 * Math.max(max, 1.0) && (best < 0 || eps[j] < eps[best])) {
                best = j;
            }
        }
        if (best < 0) {
            return Double.NaN;
        }
        double[] u = eig.getEigenvector(best).toArray();
        double[] y = new double[k];
        double mass = 0;
        for (int c = 0; c < k; c++) {
            y[c] = u[c] / Math.sqrt(stats.degree(c));
            mass += stats.degree(c) * y[c] * y[c];
        }
        double w2 = 0;
        for (int j = 0; j < rank; j++) {
            double t = 0;
            for (int c = 0; c < k; c++) {
                t += mv[c][j] * y[c];
            }
            w2 += t * t / Math.pow(sv[j], 4);
        }
        double h = w2 / mass;
        return gamma * eps[best] / (1 + gamma / etaW * h);
    }

    /** Ascending eigenvalues of {@code diag(n)^-1 Q}: zero for label modes the student can fit. */
    public double[] effectiveFrustration() {
        return effectiveFrustration.clone();
    }

    /** The first-order slow rate; NaN when nothing is effectively frustrated. */
    public double perturbativeSlowRate() {
        return perturbativeSlowRate;
    }

    /** Label clusters at t = infinity: classes whose kernel positions coincide. */
    public List<List<Integer>> clusters() {
        return clusters;
    }

    /**
     * The exact late-time decay rate of the label separation without a head: the smallest
     * non-zero eigenvalue of {@code R H} whose mode moves labels apart. NaN when no collapse is
     * predicted (the separation then tends to a finite value).
     */
    public double slowRate() {
        return slowRate;
    }

    /**
     * The labels at t = infinity without a head (K x d): the {@code R^-1}-orthogonal projection
     * of the initial student state on ker H, coordinate by coordinate.
     */
    public double[] finalLabels(double[] z0, StudentLayout layout) {
        return labels(Double.POSITIVE_INFINITY, z0, layout);
    }

    /**
     * The exact labels at time t without a head (K x d), from the eigen-decomposition
     * {@code R^1/2 H R^1/2 = U Lambda U^T}: {@code z(t) = R^1/2 U exp(-Lambda t) U^T R^-1/2 z(0)}
     * for each embedding coordinate.
     */
    public double[] labels(double t, double[] z0, StudentLayout layout) {
        int dd = layout.inputDim();
        int k = layout.classes();
        int d = layout.dim();
        double[] y = new double[k * d];
        double[] v = new double[rank + k];
        for (int a = 0; a < d; a++) {
            int wr = layout.w() + a * dd;
            for (int j = 0; j < rank; j++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += basis[b * rank + j] * z0[wr + b];
                }
                v[j] = s / rateSqrt[j];
            }
            for (int c = 0; c < k; c++) {
                v[rank + c] = z0[layout.y(c) + a] / rateSqrt[rank + c];
            }
            for (int j = 0; j < modes.length; j++) {
                double decay = lambda[j] == 0.0 ? 1.0 : Math.exp(-lambda[j] * t);
                if (decay == 0.0) {
                    continue;
                }
                double[] u = modes[j];
                double p = 0;
                for (int m = 0; m < v.length; m++) {
                    p += u[m] * v[m];
                }
                for (int c = 0; c < k; c++) {
                    y[c * d + a] += rateSqrt[rank + c] * u[rank + c] * p * decay;
                }
            }
        }
        return y;
    }

}
