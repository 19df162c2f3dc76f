package org.repcollapse.theory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.model.FrustrationMode;
import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StudentLabels;
import org.repcollapse.model.StudentLayout;
import org.repcollapse.model.Teacher;

/**
 * Which R9 regime a linear teacher-student experiment is in (spec section 5), with the exact linear
 * theory behind it ({@link StudentLinearTheory}: effective frustration, t = infinity clusters,
 * slow rate) and the EOM limit ({@code kappa = 0}, input Gram matrix near {@code s^2 I},
 * {@code eta_x = eta_W s^2}).
 *
 * <p>Regimes, N inputs of dimension D, noise sigma, frustration fraction phi:
 * {@code separable} (phi = 0 and sigma = 0 or N <= D), {@code effective-frustration}
 * (phi = 0, sigma > 0, N > D: slow collapse), {@code duplicate} (collapse as in the EOM),
 * {@code flip-collapse} (flip with sigma = 0 or N > D), {@code flip-memorised} (flip with
 * N <= D, sigma > 0: finite contraction). A head with stop-gradient keeps a finite separation
 * in each; a head without it collapses as predicted for no head.
 */
public final class TeacherStudentRegime {

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
    /** The exact linear theory, or null when not solved (input rank above MAX_OPERATOR_DIM, or no convergence). */
    private final StudentLinearTheory linear;
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
        StudentLinearTheory solved = null;
        if (stats.rank() <= MAX_OPERATOR_DIM) {
            try {
                solved = new StudentLinearTheory(stats, etaW, gamma);
            } catch (MathIllegalStateException ex) {
                solved = null; // a theory that cannot be computed must not cost the run: reported as unknown
            }
        }
        this.linear = solved;
    }

    /** The regime of a built system; without a head it also predicts the final label separation. */
    public static TeacherStudentRegime of(TeacherStudentSystem ts, boolean head, boolean stopGradient) {
        TeacherStudentRegime r = new TeacherStudentRegime(ts.labels(), ts.teacher(), ts.statistics(),
                ts.parameters().etaX(), ts.parameters().degreeGamma(ts.labels().training()), head, stopGradient);
        if (!head && r.linear != null) {
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

    /** {@code ||G / s^2 - I||_2} and {@code s^2 = tr G / N} for the input Gram matrix G. */
    private static double[] gramDeviation(Teacher t) {
        int n = t.samples();
        int dd = t.inputDim();
        double[] xi = t.inputs();
        double[][] g = SmallMatrices.rowGram(xi, 0, n, dd);
        double trace = 0;
        for (int i = 0; i < n; i++) {
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
        return linear == null ? new double[0] : linear.effectiveFrustration();
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
        return linear == null ? null : linear.clusters();
    }

    /** none, cluster or complete: the kernel's clusters without a head or without sg; none with sg. */
    public String predictedCollapse() {
        int k = labels.training().classes();
        if (head && stopGradient) {
            return "none";
        }
        List<List<Integer>> clusters = predictedClusters();
        if (clusters == null) {
            return regime == Regime.SEPARABLE || regime == Regime.FLIP_MEMORISED ? "none" : "complete";
        }
        return clusters.size() == 1 ? "complete" : clusters.size() < k ? "cluster" : "none";
    }

    /** See {@link StudentLinearTheory#slowRate()}; NaN when the linear theory was not solved. */
    public double slowRate() {
        return linear == null ? Double.NaN : linear.slowRate();
    }

    /** See {@link StudentLinearTheory#perturbativeSlowRate()}; NaN when not solved. */
    public double perturbativeSlowRate() {
        return linear == null ? Double.NaN : linear.perturbativeSlowRate();
    }

    /** The exact labels at time t without a head ({@link StudentLinearTheory#labels}). */
    public double[] labels(double t, double[] z0, StudentLayout layout) {
        if (linear == null) {
            throw new IllegalStateException("the linear theory was not solved (input rank above "
                    + MAX_OPERATOR_DIM + " or no convergence)");
        }
        return linear.labels(t, z0, layout);
    }

    /** The labels at t = infinity without a head. */
    public double[] finalLabels(double[] z0, StudentLayout layout) {
        return labels(Double.POSITIVE_INFINITY, z0, layout);
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
        m.put("predicted_clusters", head && stopGradient ? null : predictedClusters());
        m.put("effective_frustration", effectiveFrustration());
        m.put("predicted_final_min_label_distance", predictedSeparation);
        m.put("slow_rate", head ? Double.NaN : slowRate());
        m.put("slow_rate_first_order", head ? Double.NaN : perturbativeSlowRate());
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
