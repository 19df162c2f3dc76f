package org.repcollapse.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.model.FrustrationMode;
import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StudentLabels;
import org.repcollapse.model.StudentLayout;
import org.repcollapse.model.Teacher;

/**
 * Which R9 regime a linear teacher-student experiment is in, and the exact linear theory behind it.
 *
 * <p>Without a head the flow is linear, {@code d(w, y)/dt = -R H (w, y)} for each embedding
 * coordinate, {@code w} a row of W, with {@code H = [[C, -M^T], [-M, diag(n)]]} and
 * {@code R = diag(eta_W I_D, gamma/n_c)}. Its kernel is the zero-loss set {@code Xi_E w = L_E y};
 * the label parts of the kernel are the {@code y} with {@code L_E y} in the column space of the
 * edge inputs, i.e. the kernel of {@code Q = L_E^T (I - Pi_E) L_E = diag(n) - M C^+ M^T}.
 * The eigenvalues of {@code diag(n)^-1 Q} are the <em>effective frustration</em>
 * {@code epsilon_k = 1 - tau_k^eff} (for the EOM they are {@code 1 - tau_k} of spec section 1).
 * Labels converge to the {@code R^-1}-orthogonal projection of the initial state on ker H;
 * the separation decays at the smallest non-zero eigenvalue of {@code R H} that moves labels apart.
 * W components outside the row space of the inputs are frozen and never reach y, so H is
 * diagonalised on that row space only: {@code min(N, D) + K} dimensions (papers/teacher-student.md).
 *
 * <p>Regimes (spec R9), N inputs of dimension D, noise sigma, frustration fraction phi:
 * {@code separable} (phi = 0 and sigma = 0 or N <= D), {@code effective-frustration}
 * (phi = 0, sigma > 0, N > D: slow collapse), {@code duplicate} (collapse as in the EOM),
 * {@code flip-collapse} (flip with sigma = 0 or N > D), {@code flip-memorised} (flip with
 * N <= D, sigma > 0: finite contraction). A head with stop-gradient keeps a finite separation
 * in each; a head without it collapses as predicted for no head.
 */
public final class TeacherStudentRegime {

    /** Eigenvalues below this fraction of the largest count as zero. */
    public static final double ZERO = 1.0e-9;
    /** Largest input rank min(N, D) for which the (rank+K)-dimensional linear operator is diagonalised. */
    public static final int MAX_OPERATOR_DIM = 1500;
    /** Gram-matrix deviation {@code ||G / s^2 - I||_2} below which the EOM limit is said to apply. */
    public static final double EOM_LIMIT_DEVIATION = 0.25;
    /** Largest N for which the input Gram matrix is diagonalised. */
    public static final int MAX_GRAM = 2000;

    /** The R9 regimes. */
    public enum Regime {
        SEPARABLE("phi = 0 and (sigma = 0 or N <= D): every label can be fitted by a linear student; no collapse"),
        EFFECTIVE_FRUSTRATION("phi = 0, sigma > 0, N > D: within-class noise the student cannot fit acts as an"
                + " effective frustration; slow collapse"),
        DUPLICATE("duplicate frustration: identical inputs with conflicting labels; collapse as in the EOM"),
        FLIP_COLLAPSE("flip frustration with sigma = 0 or N > D: the wrong labels cannot be memorised; collapse"),
        FLIP_MEMORISED("flip frustration with N <= D, sigma > 0: the student memorises the wrong labels; the"
                + " separation contracts to a finite value");

        private final String statement;

        Regime(String statement) {
            this.statement = statement;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public String statement() {
            return statement;
        }
    }

    private final StudentLabels labels;
    private final Teacher teacher;
    private final double etaW;
    private final double gamma;
    private final boolean head;
    private final boolean stopGradient;
    private final Regime regime;
    private final double gramDeviation;
    private final double meanSquaredNorm;
    /** Not solved (input rank above MAX_OPERATOR_DIM, or a decomposition failed to converge): null or NaN. */
    private double[] effectiveFrustration = new double[0];
    private double perturbativeSlowRate = Double.NaN;
    private double slowRate = Double.NaN;
    /** Orthonormal basis of the input row space (D x r). */
    private double[][] basis;
    private int rank;
    private double[] rateSqrt;
    private double[] lambda;
    private double[][] modes;
    private double[][] kernel;
    private List<List<Integer>> clusters;
    private double predictedSeparation = Double.NaN;

    public TeacherStudentRegime(StudentLabels labels, Teacher teacher, InputStatistics stats, double etaW,
                                double gamma, boolean head, boolean stopGradient) {
        this.labels = labels;
        this.teacher = teacher;
        this.etaW = etaW;
        this.gamma = gamma;
        this.head = head;
        this.stopGradient = stopGradient;
        this.regime = classify(labels, teacher);
        int n = teacher.samples();
        int dd = teacher.inputDim();
        double[] gram = teacher.kappa() == 0 && n <= dd && n <= MAX_GRAM ? gramDeviation(teacher) : new double[] {Double.NaN, Double.NaN};
        this.gramDeviation = gram[0];
        this.meanSquaredNorm = Double.isNaN(gram[1]) ? meanNorm(teacher) : gram[1];
        if (stats.rank() <= MAX_OPERATOR_DIM) {
            try {
                solve(stats);
            } catch (MathIllegalStateException ex) {
                // a theory that cannot be computed must not cost the run: report it as unknown
                kernel = null;
                modes = null;
                clusters = null;
                effectiveFrustration = new double[0];
                perturbativeSlowRate = Double.NaN;
                slowRate = Double.NaN;
            }
        }
    }

    /** The row-space reduction, the effective frustration and the spectrum of the linear operator. */
    private void solve(InputStatistics stats) {
        int dd = stats.inputDim();
        int k = stats.classes();
        // Row space of the inputs: F = U S V^T. W components outside it are frozen and never reach y.
        SingularValueDecomposition svd = new SingularValueDecomposition(factorMatrix(stats));
        rank = svd.getRank();
        double[] sv = svd.getSingularValues();
        RealMatrix v = svd.getV();
        basis = new double[dd][rank];
        for (int b = 0; b < dd; b++) {
            for (int j = 0; j < rank; j++) {
                basis[b][j] = v.getEntry(b, j);
            }
        }
        double[] m = stats.classSums();
        double[][] mv = new double[k][rank];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < rank; j++) {
                double t = 0;
                for (int b = 0; b < dd; b++) {
                    t += m[c * dd + b] * basis[b][j];
                }
                mv[c][j] = t;
            }
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

    /** The regime of a built system; without a head it also predicts the final label separation. */
    public static TeacherStudentRegime of(TeacherStudentSystem ts, boolean head, boolean stopGradient) {
        TeacherStudentRegime r = new TeacherStudentRegime(ts.labels(), ts.teacher(), ts.statistics(),
                ts.parameters().etaX(), ts.parameters().gamma(), head, stopGradient);
        if (!head && r.kernel != null) {
            double[] y = r.finalLabels(ts.initialState(), ts.layout());
            r.predictedSeparation = new LabelGeometry(y, ts.layout().classes(), ts.layout().dim()).min();
        }
        return r;
    }

    static Regime classify(StudentLabels labels, Teacher teacher) {
        boolean memorisable = teacher.sigma() > 0 && teacher.samples() <= teacher.inputDim();
        if (labels.frustrated() == 0) {
            return teacher.sigma() == 0 || memorisable ? Regime.SEPARABLE : Regime.EFFECTIVE_FRUSTRATION;
        }
        if (labels.mode() == FrustrationMode.DUPLICATE) {
            return Regime.DUPLICATE;
        }
        return memorisable ? Regime.FLIP_MEMORISED : Regime.FLIP_COLLAPSE;
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

    private static RealMatrix factorMatrix(InputStatistics stats) {
        int dd = stats.inputDim();
        int r = stats.rank();
        double[] fa = stats.factor();
        RealMatrix f = MatrixUtils.createRealMatrix(r, dd);
        for (int i = 0; i < r; i++) {
            for (int b = 0; b < dd; b++) {
                f.setEntry(i, b, fa[i * dd + b]);
            }
        }
        return f;
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

    /** Eigenvalues (ascending) of {@code diag(n)^-1 Q}, {@code Q = diag(n) - (M V) S^-2 (M V)^T = diag(n) - M C^+ M^T}. */
    private static double[] effectiveFrustration(InputStatistics stats, double[][] mv, double[] sv, int rank) {
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

    /** The first-order slow rate (see the private method of the same name); NaN when nothing collapses. */
    public double perturbativeSlowRate() {
        return perturbativeSlowRate;
    }

    /** {@code ||G / s^2 - I||_2} and {@code s^2 = tr G / N} for the input Gram matrix G. */
    private static double[] gramDeviation(Teacher t) {
        int n = t.samples();
        int dd = t.inputDim();
        double[] xi = t.inputs();
        double[][] g = new double[n][n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += xi[i * dd + b] * xi[j * dd + b];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
            trace += g[i][i];
        }
        double s2 = trace / n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = g[i][j] / s2 - (i == j ? 1.0 : 0.0);
            }
        }
        double dev = 0;
        for (double l : new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(g)).getEigenvalues()) {
            dev = Math.max(dev, Math.abs(l));
        }
        return new double[] {dev, s2};
    }

    private static double meanNorm(Teacher t) {
        double s = 0;
        for (double v : t.inputs()) {
            s += v * v;
        }
        return s / t.samples();
    }

    public Regime regime() {
        return regime;
    }

    /** Ascending eigenvalues of {@code diag(n)^-1 Q}: zero for label modes the student can fit. */
    public double[] effectiveFrustration() {
        return effectiveFrustration.clone();
    }

    /** {@code ||G / s^2 - I||_2} of the input Gram matrix (NaN when kappa > 0 or N > D: no EOM limit then). */
    public double gramDeviation() {
        return gramDeviation;
    }

    /** {@code eta_x = eta_W s^2}, {@code s^2 = mean |xi_i|^2}: the EOM rate the student tracks as G tends to s^2 I. */
    public double eomSampleRate() {
        return etaW * meanSquaredNorm;
    }

    /** kappa = 0 and the input Gram matrix within {@link #EOM_LIMIT_DEVIATION} of a multiple of I. */
    public boolean eomLimit() {
        return teacher.kappa() == 0 && gramDeviation < EOM_LIMIT_DEVIATION;
    }

    /** Label clusters at t = infinity without a head, from the kernel (null when min(N, D) exceeds MAX_OPERATOR_DIM). */
    public List<List<Integer>> predictedClusters() {
        return clusters;
    }

    /** none, cluster or complete: the kernel's clusters without a head or without sg; none with sg. */
    public String predictedCollapse() {
        int k = labels.training().classes();
        if (head && stopGradient) {
            return "none";
        }
        if (clusters == null) {
            return regime == Regime.SEPARABLE || regime == Regime.FLIP_MEMORISED ? "none" : "complete";
        }
        return clusters.size() == 1 ? "complete" : clusters.size() < k ? "cluster" : "none";
    }

    /**
     * The exact late-time decay rate of the label separation without a head: the smallest
     * non-zero eigenvalue of {@code R H} whose mode moves labels apart. NaN when no collapse is
     * predicted (the separation then tends to a finite value) or min(N, D) exceeds MAX_OPERATOR_DIM.
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
        if (modes == null) {
            throw new IllegalStateException("input rank above " + MAX_OPERATOR_DIM);
        }
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
                    s += basis[b][j] * z0[wr + b];
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

    /** The ordered map for summary.json and the theory command. */
    public Map<String, Object> report() {
        LabelStructure s = labels.training();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "teacher-student");
        m.put("regime", regime.key());
        m.put("regime_statement", regime.statement());
        if (head) {
            m.put("head", stopGradient
                    ? "linear head with stop-gradient: finite separation predicted in every regime"
                    : "linear head without stop-gradient: collapses as predicted without a head");
        }
        m.put("classes", s.classes());
        m.put("samples", s.samples());
        m.put("input_dim", teacher.inputDim());
        m.put("noise", teacher.sigma());
        m.put("prototype_scale", teacher.kappa());
        m.put("frustration_mode", labels.mode().name().toLowerCase(Locale.ROOT));
        m.put("frustrated", labels.frustrated());
        m.put("edges", s.edgeCount());
        m.put("memorisable", teacher.sigma() > 0 && s.samples() <= teacher.inputDim());
        m.put("predicted_collapse", predictedCollapse());
        m.put("predicted_clusters", head && stopGradient ? null : clusters);
        m.put("effective_frustration", effectiveFrustration.clone());
        m.put("predicted_final_min_label_distance", predictedSeparation);
        m.put("slow_rate", head ? Double.NaN : slowRate);
        m.put("slow_rate_first_order", head ? Double.NaN : perturbativeSlowRate);
        m.put("fast_rate", Double.NaN);
        Map<String, Object> eom = new LinkedHashMap<>();
        eom.put("applies", eomLimit());
        eom.put("gram_deviation", gramDeviation);
        eom.put("eta_x_equivalent", eomSampleRate());
        if (eomLimit()) {
            eom.put("embedding_only", TheoryReport.embedding(s, eomSampleRate(), gamma));
        }
        m.put("eom_limit", eom);
        return m;
    }
}
