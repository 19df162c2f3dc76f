package org.repcollapse.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.repcollapse.analysis.CollapseType;
import org.repcollapse.analysis.CollapseVerdict;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.dynamics.AbstractFlowSystem;
import org.repcollapse.dynamics.FlatDormandPrince853;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.ssl.CollapseBoundary;
import org.repcollapse.ssl.LinearSslLayout;
import org.repcollapse.ssl.LinearSslParameters;
import org.repcollapse.ssl.LinearSslStart;
import org.repcollapse.ssl.LinearSslSystem;
import org.repcollapse.ssl.ModeFixedPoints;
import org.repcollapse.ssl.ModeFlow;
import org.repcollapse.ssl.ModeSpectrum;
import org.repcollapse.ssl.Theorem1Invariant;

/**
 * The linear non-contrastive SSL model ({@code model: linear-ssl}; Tian, Chen and Ganguli 2021):
 * {@link LinearSslSystem} from the {@code ssl:} block. Columns: {@code t, loss, effective_rank,
 * invariant_residual, p_1..p_d, s_1..s_d} (and {@code tau_1..tau_d} with {@code beta > 0}), the modes
 * measured by {@link ModeSpectrum} (in the aligned start's fixed basis, else sorted by s). Theory: the
 * closed-form fixed points of each eigenvalue of X, the fold {@code eta_crit}, the Jacobian eigenvalues and,
 * for an aligned start, each mode's predicted end (the collapse boundary, and the mode flow
 * integrated to {@code tEnd}) next to the simulated one. The label keys ({@code classes}, {@code samples},
 * {@code frustration}, {@code rates}, {@code teacher}) are not used; {@code init.samples} and
 * {@code init.head} scale a random start.
 */
public final class LinearSslModel extends AbstractModel<LinearSslModel.SslFlowSystem> {

    /** A mode with {@code s < COLLAPSED} times its scale (max of s*_+ and the initial s) has collapsed. */
    static final double COLLAPSED = 1e-6;
    /** A mode within this relative distance of (p*_+, s*_+) sits at the non-collapsed fixed point. */
    static final double AT_FIXED_POINT = 1e-3;

    private final LinearSslParameters parameters;
    private final double[] basis;
    private final ModeSpectrum spectrum;
    private final Theorem1Invariant invariant;
    /** The distinct eigenvalues of X, descending: each has its own fixed points ({@link ModeFixedPoints#of(LinearSslParameters, double)}). */
    private final double[] eigenvalues;
    private final List<String> columns;
    private double maxResidual = Double.NaN;
    private List<String> outcomes;

    public LinearSslModel(Experiment e) {
        this(e, parameters(e), new RandomStreams(e.seed()));
    }

    private LinearSslModel(Experiment e, LinearSslParameters p, RandomStreams streams) {
        this(e, p, aligned(e) ? LinearSslStart.basis(e.dim(), streams.stream(RandomStreams.Purpose.STUDENT, 1)) : null,
                streams);
    }

    /** @param basis the aligned start's basis U, or null for a random start */
    private LinearSslModel(Experiment e, LinearSslParameters p, double[] basis, RandomStreams streams) {
        super(e, new SslFlowSystem(new LinearSslSystem(p), basis == null
                ? LinearSslStart.random(p, e.init().samples(), e.init().head(), streams)
                : LinearSslStart.aligned(p, values(e.ssl().alignedInit().p()), values(e.ssl().alignedInit().s()), basis)));
        this.parameters = p;
        this.basis = basis;
        this.spectrum = basis == null ? ModeSpectrum.sorted(flow()) : ModeSpectrum.fixedBasis(flow(), basis);
        this.invariant = parameters.learnsPredictor() ? new Theorem1Invariant(parameters, system().initialState()) : null;
        this.eigenvalues = java.util.Arrays.stream(parameters.spectrum()).boxed().distinct()
                .sorted(java.util.Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray();
        this.columns = columnNames();
    }

    /** The parameters of the {@code ssl:} block, after its cross-key checks ({@link #validate}). */
    private static LinearSslParameters parameters(Experiment e) {
        validate(e);
        Experiment.Ssl s = e.ssl();
        double[] lambda = s.inputSpectrum().stream().mapToDouble(Double::doubleValue).toArray();
        return new LinearSslParameters(e.dim(), s.inputDim(), s.augmentationNoise(), s.weightDecay(),
                s.predictorRate(), s.emaRate(), lambda, s.directPred().enabled(), s.directPred().epsilon());
    }

    /** The cross-key checks of the {@code ssl:} block (one line naming key and value; exit 2). */
    static void validate(Experiment e) {
        Experiment.Ssl s = e.ssl();
        int d = e.dim();
        check(s.inputDim() >= d, "ssl.inputDim", s.inputDim(), "must be at least dim = " + d);
        check(s.inputDim() <= 100_000, "ssl.inputDim", s.inputDim(), "at most 100000");
        check((double) d * s.inputDim() <= 5e6, "ssl.inputDim", s.inputDim(), "dim x inputDim at most 5e6");
        nonNegative("ssl.augmentationNoise", s.augmentationNoise());
        nonNegative("ssl.weightDecay", s.weightDecay());
        check(Double.isFinite(s.predictorRate()) && s.predictorRate() > 0, "ssl.predictorRate", s.predictorRate(),
                "must be positive");
        nonNegative("ssl.emaRate", s.emaRate());
        check(s.inputSpectrum() != null, "ssl.inputSpectrum", null, "must be a list");
        if (!s.inputSpectrum().isEmpty()) {
            check(s.inputSpectrum().size() == s.inputDim(), "ssl.inputSpectrum", s.inputSpectrum().size() + " values",
                    "needs inputDim = " + s.inputDim() + " eigenvalues (or [] for the identity)");
            for (int b = 0; b < s.inputSpectrum().size(); b++) {
                Double v = s.inputSpectrum().get(b);
                check(v != null && Double.isFinite(v) && v > 0, "ssl.inputSpectrum[" + b + "]", v,
                        "eigenvalues of the data covariance must be positive");
            }
        }
        nonNegative("ssl.directPred.epsilon", s.directPred().epsilon());
        Experiment.AlignedInit a = s.alignedInit();
        check(a.p() != null && a.s() != null, "ssl.alignedInit", a, "p and s must be lists");
        if (!a.p().isEmpty() || !a.s().isEmpty()) {
            check(a.p().size() == d, "ssl.alignedInit.p", a.p().size() + " values", "needs dim = " + d + " values");
            check(a.s().size() == d, "ssl.alignedInit.s", a.s().size() + " values", "needs dim = " + d + " values");
            for (int j = 0; j < d; j++) {
                Double p = a.p().get(j);
                Double v = a.s().get(j);
                check(p != null && Double.isFinite(p), "ssl.alignedInit.p[" + j + "]", p, "must be a finite number");
                check(v != null && Double.isFinite(v) && v >= 0, "ssl.alignedInit.s[" + j + "]", v,
                        "an eigenvalue of W X W^T must be >= 0");
            }
        }
        check(!e.hasHead(), "head", e.head(), "model linear-ssl has its own predictor W_p (ssl.*): use head: none");
        String method = e.integrator().method();
        check(!"exact".equals(method) && !"ros34pw2".equals(method) && !"rodas4".equals(method),
                "integrator.method", method,
                "the linear SSL flow is nonlinear and has no structured implicit solve: use auto or dop853");
        check("full".equals(e.solver()) || "auto".equals(e.solver()), "solver", e.solver(),
                "model linear-ssl has one solver: full");
    }

    private static void check(boolean ok, String key, Object value, String why) {
        if (!ok) {
            throw ExperimentException.of(key, value, why);
        }
    }

    private static void nonNegative(String key, double v) {
        check(Double.isFinite(v) && v >= 0, key, v, "must be a finite number >= 0");
    }

    private static double[] values(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Whether the start is aligned ({@code ssl.alignedInit} given). */
    public boolean aligned() {
        return aligned(experiment());
    }

    private static boolean aligned(Experiment e) {
        return !e.ssl().alignedInit().p().isEmpty();
    }

    public LinearSslParameters parameters() {
        return parameters;
    }

    public LinearSslSystem flow() {
        return system().flow();
    }

    /** The aligned start's basis U (row-major, column j = u_j), or null for a random start. */
    public double[] basis() {
        return basis == null ? null : basis.clone();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    private List<String> columnNames() {
        int d = parameters.dim();
        List<String> c = new ArrayList<>(List.of("t", "loss", "effective_rank", "invariant_residual"));
        for (String name : parameters.hasTarget() ? new String[] {"p", "s", "tau"} : new String[] {"p", "s"}) {
            for (int j = 1; j <= d; j++) {
                c.add(name + "_" + j);
            }
        }
        return List.copyOf(c);
    }

    @Override
    public double[] row(double t, double[] z) {
        int d = parameters.dim();
        ModeSpectrum.Modes m = spectrum.measure(z);
        double[] r = new double[columns.size()];
        r[0] = t;
        r[1] = flow().loss(z);
        r[2] = m.effectiveRank();
        r[3] = invariant == null ? Double.NaN : invariant.residual(t, z);
        System.arraycopy(m.p(), 0, r, 4, d);
        System.arraycopy(m.s(), 0, r, 4 + d, d);
        if (parameters.hasTarget()) {
            System.arraycopy(m.tau(), 0, r, 4 + 2 * d, d);
        }
        return r;
    }

    /**
     * Each mode's end: {@code collapsed}, {@code p*+} (within {@link #AT_FIXED_POINT}) or {@code moving}; the
     * verdict is complete collapse when every mode collapsed, dimensional when some did, none otherwise.
     */
    @Override
    public Outcome outcome(Trajectory trajectory, double[] initialRow, double[] finalState) {
        ModeSpectrum.Modes end = spectrum.measure(finalState);
        ModeSpectrum.Modes start = spectrum.measure(system().initialState());
        outcomes = new ArrayList<>();
        int collapsed = 0;
        for (int j = 0; j < parameters.dim(); j++) {
            String o = classify(end.p()[j], end.s()[j], start.s()[j]);
            outcomes.add(o);
            collapsed += "collapsed".equals(o) ? 1 : 0;
        }
        double worst = Double.NaN;
        if (invariant != null && !trajectory.isEmpty()) {
            worst = initialRow[3];
            for (double v : trajectory.column(3)) {
                worst = Math.max(worst, v);
            }
        }
        maxResidual = worst;
        CollapseType type = collapsed == parameters.dim() ? CollapseType.COMPLETE
                : collapsed > 0 ? CollapseType.DIMENSIONAL : CollapseType.NONE;
        return new Outcome(new CollapseVerdict(type, List.of(), COLLAPSED), Double.NaN, Double.NaN);
    }

    /** The fixed points of a mode on an input eigen-direction with eigenvalue lambda. */
    private ModeFixedPoints fixedPoints(double lambda) {
        return ModeFixedPoints.of(parameters, lambda);
    }

    /** s*_+ of the flow in use on eigenvalue lambda: {@code lambda p*^2 / alpha_p}, or {@code (p* - epsilon)^2} with DirectPred. */
    private double sPlus(double lambda) {
        ModeFixedPoints fp = fixedPoints(lambda);
        return parameters.directPred() ? ModeFixedPoints.directPredS(fp.pPlus(), parameters.epsilon()) : fp.sPlus();
    }

    /**
     * {@code collapsed} (s below {@link #COLLAPSED} of the larger of s_0 and the largest s*_+), {@code p*+} (within
     * {@link #AT_FIXED_POINT} of the non-collapsed fixed point of one of X's eigenvalues), else {@code other}
     * (still moving, or at a fixed point of a mode that is not aligned with an input eigen-direction).
     */
    String classify(double p, double s, double s0) {
        double scale = s0;
        for (double lambda : eigenvalues) {
            double sStar = sPlus(lambda);
            scale = Double.isNaN(sStar) ? scale : Math.max(scale, sStar);
        }
        if (s < COLLAPSED * scale || s <= 0) {
            return "collapsed";
        }
        for (double lambda : eigenvalues) {
            ModeFixedPoints fp = fixedPoints(lambda);
            double sStar = sPlus(lambda);
            if (fp.exists() && Math.abs(p - fp.pPlus()) <= AT_FIXED_POINT * fp.pPlus()
                    && Math.abs(s - sStar) <= AT_FIXED_POINT * sStar) {
                return "p*+";
            }
        }
        return "other";
    }

    @Override
    public Map<String, Object> theoryReport() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("linear_ssl", SummaryJson.sanitize(prediction()));
        return out;
    }

    /** The closed forms (papers/linear-ssl.md) and, for an aligned start, each mode's predicted end. */
    private Map<String, Object> prediction() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", parameters.k());
        m.put("eta", parameters.weightDecay());
        m.put("alpha_p", parameters.predictorRate());
        m.put("beta", parameters.emaRate());
        m.put("target", parameters.hasTarget() ? "ema" : "online (SimSiam)");
        m.put("predictor", parameters.directPred() ? "DirectPred (sqrt(s) + epsilon)" : "learned");
        List<Map<String, Object>> points = new ArrayList<>();
        for (double lambda : eigenvalues) {
            points.add(fixedPointReport(lambda));
        }
        m.put("fixed_points", points);
        m.put("reduction_applies", aligned());
        if (!aligned()) {
            m.put("reduction_note", "random start: W_p and F share no eigenvectors (use ssl.alignedInit)");
        } else {
            m.put("modes", predictedModes());
        }
        return m;
    }

    /** p*_(+-), s*_(+-), the fold and the Jacobian eigenvalues (in the model's time) of modes on eigenvalue lambda of X. */
    private Map<String, Object> fixedPointReport(double lambda) {
        ModeFixedPoints fp = fixedPoints(lambda);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda", lambda);
        m.put("eta_critical", lambda * fp.etaCritical());
        m.put("exists", fp.exists());
        m.put("p_plus", fp.pPlus());
        m.put("p_minus", fp.pMinus());
        m.put("s_plus", fp.sPlus());
        m.put("s_minus", fp.sMinus());
        Map<String, Object> eig = new LinkedHashMap<>();
        eig.put("p_plus", fp.exists() ? scaled(fp.eigenvalues(fp.pPlus()), lambda) : null);
        eig.put("p_minus", fp.exists() ? scaled(fp.eigenvalues(fp.pMinus()), lambda) : null);
        eig.put("collapsed", scaled(fp.collapsedEigenvalues(), lambda));
        m.put("jacobian_eigenvalues", eig);
        if (parameters.directPred()) {
            Map<String, Object> dp = new LinkedHashMap<>();
            dp.put("epsilon", parameters.epsilon());
            dp.put("s_plus", ModeFixedPoints.directPredS(fp.pPlus(), parameters.epsilon()));
            dp.put("s_minus", ModeFixedPoints.directPredS(fp.pMinus(), parameters.epsilon()));
            dp.put("eigenvalue_plus", fp.exists() ? lambda * fp.directPredEigenvalue(fp.pPlus(), parameters.epsilon())
                    : null);
            m.put("direct_pred", dp);
        }
        return m;
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    /**
     * Per mode j (on input coordinate j, eigenvalue lambda_j): the start, the boundary S(p_0) and its side
     * (SimSiam with a learned predictor), and the end of the mode flow integrated to tEnd.
     */
    private List<Map<String, Object>> predictedModes() {
        Experiment.AlignedInit a = experiment().ssl().alignedInit();
        boolean simSiam = !parameters.hasTarget() && parameters.learnsPredictor();
        double tEnd = experiment().integrator().tEnd();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int j = 0; j < parameters.dim(); j++) {
            double lambda = parameters.spectrum()[j];
            double p0 = a.p().get(j);
            double s0 = a.s().get(j);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", j + 1);
            m.put("lambda", lambda);
            m.put("p0", p0);
            m.put("s0", s0);
            if (simSiam) {
                CollapseBoundary boundary = CollapseBoundary.of(fixedPoints(lambda));
                Boolean collapses = boundary.collapses(p0, s0);
                m.put("boundary_s", boundary.s(p0));
                m.put("boundary_side", collapses == null ? null : collapses ? "collapsed" : "p*+");
            }
            ModeFlow modes = ModeFlow.of(parameters, lambda);
            double[] y = ModeFlow.state(p0, s0, 1.0);
            List<double[]> end = new ArrayList<>();
            new FlatDormandPrince853(experiment().integrator().rtol(), experiment().integrator().atol(),
                    1e-13 * Math.max(1, tEnd)).integrate(modes, y, tEnd,
                    new GridRecorder(new double[] {tEnd}, (t, z) -> end.add(z.clone()), ExperimentRunner.BLOW_UP));
            double[] yEnd = end.isEmpty() ? y : end.get(0);
            m.put("mode_flow_p", modes.p(yEnd));
            m.put("mode_flow_s", yEnd[1]);
            m.put("mode_flow_end", classify(modes.p(yEnd), yEnd[1], s0));
            out.add(m);
        }
        return out;
    }

    @Override
    public Map<String, Object> theory(double[] finalState) {
        Map<String, Object> m = prediction();
        ModeSpectrum.Modes end = spectrum.measure(finalState);
        List<Map<String, Object>> fin = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> predicted = (List<Map<String, Object>>) m.get("modes");
        for (int j = 0; j < parameters.dim(); j++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("mode", j + 1);
            f.put("p", end.p()[j]);
            f.put("s", end.s()[j]);
            if (parameters.hasTarget()) {
                f.put("tau", end.tau()[j]);
            }
            f.put("end", outcomes == null ? null : outcomes.get(j));
            f.put("predicted", predicted == null ? null : predicted.get(j).get("mode_flow_end"));
            fin.add(f);
        }
        m.put("final", fin);
        m.put("max_invariant_residual", maxResidual);
        return m;
    }

    /** Lines of the {@code run} account: the verdict per mode next to the prediction, the fixed points, Theorem 1. */
    @Override
    public List<String> runReport(RunResult r) {
        List<String> lines = new ArrayList<>();
        if (!r.complete()) {
            lines.add(String.format(Locale.ROOT, "%s: failed at t = %.6g (%s); no verdict", experiment().name(),
                    r.failure().time(), r.failure().getMessage()));
            return lines;
        }
        long collapsed = outcomes.stream().filter("collapsed"::equals).count();
        long at = outcomes.stream().filter("p*+"::equals).count();
        lines.add(String.format(Locale.ROOT, "%s: %d of %d modes at p*+, %d collapsed%s [linear-ssl, %s, %s]",
                experiment().name(), at, outcomes.size(), collapsed,
                outcomes.size() - at - collapsed > 0 ? ", " + (outcomes.size() - at - collapsed) + " other" : "",
                parameters.hasTarget() ? "BYOL beta = " + parameters.emaRate() : "SimSiam",
                parameters.directPred() ? "DirectPred" : "learned predictor"));
        for (double lambda : eigenvalues) {
            ModeFixedPoints fp = fixedPoints(lambda);
            String on = eigenvalues.length == 1 && lambda == 1.0 ? "" : String.format(Locale.ROOT, "lambda = %.4g: ", lambda);
            lines.add(fp.exists()
                    ? String.format(Locale.ROOT, "  %sp*+ = %.6g, s*+ = %.6g; p*- = %.6g (saddle); eta = %.4g <= eta_crit = %.6g",
                            on, fp.pPlus(), sPlus(lambda), fp.pMinus(), parameters.weightDecay(), lambda * fp.etaCritical())
                    : String.format(Locale.ROOT, "  %seta = %.4g > eta_crit = %.6g: no non-collapsed fixed point",
                            on, parameters.weightDecay(), lambda * fp.etaCritical()));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fin = (List<Map<String, Object>>) r.theory().get("final");
        for (Map<String, Object> f : fin) {
            int j = (Integer) f.get("mode") - 1;
            lines.add(String.format(Locale.ROOT, "  mode %d: p %.5g -> %.5g, s %.5g -> %.5g: %s%s", j + 1,
                    r.initial()[4 + j], (Double) f.get("p"), r.initial()[4 + parameters.dim() + j], (Double) f.get("s"),
                    f.get("end"), f.get("predicted") == null ? "" : " (mode flow: " + f.get("predicted") + ")"));
        }
        lines.add(Double.isNaN(maxResidual) ? "  Theorem 1: not applicable (DirectPred sets W_p)"
                : String.format(Locale.ROOT, "  Theorem 1 invariant: largest relative residual %.3g", maxResidual));
        return lines;
    }

    /** The modes measured as in the trajectory (the aligned basis, else sorted by s). */
    ModeSpectrum spectrum() {
        return spectrum;
    }

    /** The distinct eigenvalues of X, descending. */
    double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public ModelReport ownFixedPoints(double tol, int maxIterations, double zeroTol) {
        return new LinearSslAnalysis(this).fixedPoints(tol, maxIterations, zeroTol);
    }

    @Override
    public ModelReport ownBranch(String key, double from, double to, int steps, double tol) {
        return new LinearSslAnalysis(this).branch(key, from, to, steps, tol);
    }

    @Override
    public ModelReport ownBasins(String xKey, double[] xs, String yKey, double[] ys) {
        return new LinearSslAnalysis(this).basins(xKey, xs, yKey, ys);
    }

    @Override
    public Map<String, Object> headReport(double[] z) {
        return null;
    }

    @Override
    public org.repcollapse.theory.ExactSlowRate exactSlowRate() {
        return null;
    }

    /** The flow as the runner sees it; the label views do not exist for this model. */
    static final class SslFlowSystem extends AbstractFlowSystem<LinearSslLayout, LinearSslSystem> {

        private final LinearSslSystem flow;

        SslFlowSystem(LinearSslSystem flow, double[] z0) {
            super(flow.layout(), z0, false);
            this.flow = flow;
        }

        @Override
        public LinearSslSystem flow() {
            return flow;
        }

        @Override
        public LabelStructure structure() {
            throw new UnsupportedOperationException("model linear-ssl has no labels");
        }

        @Override
        public Embeddings embeddings(double[] z) {
            throw new UnsupportedOperationException("model linear-ssl has no sample embeddings");
        }
    }
}
