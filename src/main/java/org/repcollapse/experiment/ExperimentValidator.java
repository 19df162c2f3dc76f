package org.repcollapse.experiment;

import java.util.List;
import java.util.Set;
import java.util.function.ObjDoubleConsumer;

import org.repcollapse.dynamics.IntegratorMethod;
import org.repcollapse.model.LabelStructure;

/** Range and cross-key checks of a bound experiment; the first failure is thrown. */
public final class ExperimentValidator {

    /** Copies of the state an adaptive integration keeps alive (stages, interpolation, recording). */
    static final int STATE_COPIES = 24;

    private ExperimentValidator() {
    }

    public static void validate(Experiment e) {
        require(e.name() != null && !e.name().isBlank(), "name", e.name(), "must be non-empty text");
        require(e.name().length() <= MAX_NAME, "name", e.name().length() > MAX_NAME
                ? e.name().substring(0, 20) + "..." : e.name(), "at most " + MAX_NAME + " characters");
        require(e.name().matches("[A-Za-z0-9_-][A-Za-z0-9._-]*"), "name", e.name(),
                "use letters, digits, '.', '_' or '-', not starting with '.' (it names the output directory)");
        oneOf("model", e.model(), Models.names());
        if ("linear-ssl".equals(e.model())) {
            LinearSslModel.validate(e);   // the ssl: block's ranges and cross-key checks
        }
        require(e.classes() >= 2, "classes", e.classes(), "need at least 2 classes");
        require(e.classes() <= 100_000, "classes", e.classes(), "at most 100000");
        require(e.samples() >= 1, "samples", e.samples(), "must be positive");
        require(e.dim() >= 1, "dim", e.dim(), "must be positive");
        require(e.dim() <= 4096, "dim", e.dim(), "at most 4096");
        Experiment.Frustration f = e.frustration();
        finite("frustration.fraction", f.fraction());
        require(f.fraction() >= 0 && f.fraction() <= 1, "frustration.fraction", f.fraction(), "must lie in [0, 1]");
        oneOf("frustration.pairing", f.pairing(), Set.of("adjacent", "random", "explicit"));
        oneOf("frustration.mode", f.mode(), Set.of("duplicate", "flip"));
        require(f.pairs() != null, "frustration.pairs", null, "must be a list of pairs");
        for (int k = 0; k < f.pairs().size(); k++) {
            List<Integer> p = f.pairs().get(k);
            String key = "frustration.pairs[" + k + "]";
            require(p != null && p.size() == 2, key, p, "a pair is two class indices [a, b]");
            require(p.get(0) != null && p.get(1) != null, key, p, "a pair is two class indices [a, b]");
            require(p.get(0) >= 0 && p.get(0) < e.classes() && p.get(1) >= 0 && p.get(1) < e.classes(),
                    key, p, "class indices must lie in 0.." + (e.classes() - 1));
            require(!p.get(0).equals(p.get(1)), key, p, "a pair needs two distinct classes");
        }
        int nf = LabelStructure.frustratedCount(f.fraction(), e.samples());
        if ("explicit".equals(f.pairing()) && nf > 0) {
            require(!f.pairs().isEmpty(), "frustration.pairs", "[]", "explicit pairing needs at least one pair");
        }
        if (!"explicit".equals(f.pairing())) {
            require(f.pairs().isEmpty(), "frustration.pairs", f.pairs(),
                    "pairs are used only with pairing: explicit (pairing is " + f.pairing() + ")");
        }
        if ("flip".equals(f.mode())) {
            require(e.isTeacherStudent(), "frustration.mode", "flip", "flip frustration needs model: teacher-student");
        }
        require(e.samples() >= e.classes(), "samples", e.samples(), "need at least as many samples as classes ("
                + e.classes() + ")");
        oneOf("head", e.head(), Set.of("none", "linear"));
        if (e.stopGradient()) {
            require(e.hasHead(), "stopGradient", true, "stop-gradient acts on the head's targets: set head: linear");
        }
        double[] rates = {e.rates().samples(), e.rates().labels(), e.rates().head()};
        double[] inits = {e.init().samples(), e.init().labels(), e.init().head()};
        eachBlock("rates", rates, ExperimentValidator::positive);
        eachBlock("rates", rates, ExperimentValidator::rate);
        eachBlock("init", inits, ExperimentValidator::nonNegative);
        eachBlock("init", inits, (key, v) -> require(v <= MAX_INIT, key, v, "at most " + MAX_INIT));
        require(e.teacher().inputDim() >= 1, "teacher.inputDim", e.teacher().inputDim(), "must be positive");
        require(e.teacher().inputDim() <= 1_000_000, "teacher.inputDim", e.teacher().inputDim(), "at most 1000000");
        nonNegative("teacher.noise", e.teacher().noise());
        nonNegative("teacher.prototypeScale", e.teacher().prototypeScale());
        if (e.isTeacherStudent()) {
            require(e.teacher().noise() > 0 || e.teacher().prototypeScale() > 0, "teacher.noise", e.teacher().noise(),
                    "with teacher.prototypeScale = 0 the inputs are all zero: need noise > 0");
        }
        Experiment.Integrator in = e.integrator();
        try {
            IntegratorMethod.parse(in.method());
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw ExperimentException.of("integrator.method", in.method(),
                    "expected auto, dop853, ros34pw2, rodas4, exact, dop54, hh54, gbs or rk4");
        }
        if (IntegratorMethod.parse(in.method()) == IntegratorMethod.EXACT) {
            require(!e.hasHead(), "integrator.method", in.method(), "the exact propagator is for linear flows:"
                    + " head: linear makes the flow nonlinear (use auto or dop853)");
        }
        positive("integrator.rtol", in.rtol());
        require(in.rtol() >= MIN_RTOL && in.rtol() < 1, "integrator.rtol", in.rtol(),
                "must lie in [" + MIN_RTOL + ", 1): a smaller tolerance is below double precision");
        positive("integrator.atol", in.atol());
        positive("integrator.tEnd", in.tEnd());
        positive("integrator.step", in.step());
        require(in.tEnd() <= 1e12, "integrator.tEnd", in.tEnd(), "at most 1e12");
        if (IntegratorMethod.parse(in.method()) == IntegratorMethod.RK4) {
            require(in.tEnd() / in.step() <= 1e9, "integrator.step", in.step(), "more than 1e9 fixed steps to tEnd");
        }
        Experiment.Record r = e.record();
        require(r.points() >= 2, "record.points", r.points(), "need at least 2 recorded points");
        require(r.points() <= 1_000_000, "record.points", r.points(), "at most 1000000");
        oneOf("record.spacing", r.spacing(), Set.of("log", "linear"));
        finite("record.tStart", r.tStart());
        if ("log".equals(r.spacing())) {
            require(r.tStart() > 0, "record.tStart", r.tStart(), "log spacing needs tStart > 0");
        } else {
            require(r.tStart() >= 0, "record.tStart", r.tStart(), "must be >= 0");
        }
        require(r.tStart() < in.tEnd(), "record.tStart", r.tStart(), "must be below integrator.tEnd = " + in.tEnd());
        oneOf("solver", e.solver(), Set.of("full", "reduced", "mean-field", "auto"));
        if ("reduced".equals(e.solver()) || "mean-field".equals(e.solver())) {
            require(!e.isTeacherStudent(), "solver", e.solver(), "the group reduction is for model: embedding");
        }
        prevention(e);
        checkMemory(e);
    }

    /** The keys of issue 16: rates.labelScaling, headLoss and the prevention terms. */
    private static void prevention(Experiment e) {
        oneOf("rates.labelScaling", e.rates().labelScaling(), Set.of("degree", "none"));
        oneOf("headLoss", e.headLoss(), Set.of("symmetric", "sample"));
        if ("sample".equals(e.headLoss())) {
            require(e.hasHead(), "headLoss", e.headLoss(), "the head loss needs a head: set head: linear");
        }
        Experiment.Prevention p = e.prevention();
        require(p != null && p.contrastive() != null && p.variance() != null && p.covariance() != null
                && p.centering() != null && p.ema() != null && p.reconstruction() != null, "prevention", null,
                "expected a mapping with keys contrastive, variance, covariance, centering, ema, reconstruction");
        nonNegative("prevention.contrastive.weight", p.contrastive().weight());
        positive("prevention.contrastive.temperature", p.contrastive().temperature());
        require(p.contrastive().temperature() >= 1e-6, "prevention.contrastive.temperature",
                p.contrastive().temperature(), "at least 1e-6 (the logits |x - y|^2 / 2T overflow the step control)");
        nonNegative("prevention.variance.weight", p.variance().weight());
        positive("prevention.variance.target", p.variance().target());
        positive("prevention.variance.epsilon", p.variance().epsilon());
        positive("prevention.variance.width", p.variance().width());
        nonNegative("prevention.covariance.weight", p.covariance().weight());
        nonNegative("prevention.centering.rate", p.centering().rate());
        nonNegative("prevention.ema.rate", p.ema().rate());
        nonNegative("prevention.reconstruction.weight", p.reconstruction().weight());
        require(p.reconstruction().weight() == 0 || e.isTeacherStudent(), "prevention.reconstruction.weight",
                p.reconstruction().weight(), "the decoder reconstructs teacher inputs: needs model: teacher-student");
        if (p.centering().rate() > 0) {
            require(e.hasHead() && e.stopGradient(), "prevention.centering.rate", p.centering().rate(),
                    "the centre shifts the head's stop-gradient targets: needs head: linear and stopGradient: true");
            rate("prevention.centering.rate", p.centering().rate());
        }
        if (p.ema().rate() > 0) {
            require(e.hasHead() && e.stopGradient(), "prevention.ema.rate", p.ema().rate(),
                    "EMA targets replace the head's stop-gradient targets: needs head: linear and stopGradient: true");
            rate("prevention.ema.rate", p.ema().rate());
        }
        boolean terms = p.contrastive().weight() > 0 || p.variance().weight() > 0 || p.covariance().weight() > 0
                || p.ema().rate() > 0 || p.centering().rate() > 0 || p.reconstruction().weight() > 0;
        if (e.hasPrevention()) {
            require(!"reduced".equals(e.solver()) && !"mean-field".equals(e.solver()), "solver", e.solver(),
                    "the group reduction is for the flow of spec sections 2-3: prevention terms and headLoss: sample"
                            + " need solver: full");
        }
        if (terms) {
            require(IntegratorMethod.parse(e.integrator().method()) != IntegratorMethod.EXACT, "integrator.method",
                    e.integrator().method(), "the exact propagator is for linear flows: a prevention term makes the"
                            + " flow nonlinear (use auto or dop853)");
        }
    }

    /** Estimated bytes of one run, and the key (with its value) that drives them. */
    public record MemoryNeed(double bytes, String key, Object value) {
    }

    /** Largest initial scale (divergence is declared at ExperimentRunner.BLOW_UP = 1e30). */
    static final double MAX_INIT = 1.0e6;

    /** Longest run name (it names the output directory). */
    static final int MAX_NAME = 100;
    /** Smallest relative tolerance: about 50 ulps of 1; below it adaptive steps underflow. */
    static final double MIN_RTOL = 1.0e-14;

    /**
     * Bytes the run needs and the key that drives them: the state copies of the integration
     * ({@code samples}), the recorded trajectory ({@code record.points}), and the class-level
     * theory ({@code classes}: dense K x K coupling and the (groups + K)^2 group generator,
     * groups at most {@code K + min(N_f, K(K-1)/2)}).
     */
    public static MemoryNeed memoryNeed(Experiment e) {
        double k = e.classes();
        double n = e.samples();
        double nf = org.repcollapse.model.LabelStructure.frustratedCount(e.frustration().fraction(), e.samples());
        double groups = Math.min(n, k + Math.min(nf, k * (k - 1) / 2));
        double state = memoryEstimate(e);
        double trajectory = 8.0 * e.record().points() * (16.0 + e.dim());
        double theory = 8.0 * (6 * k * k + 4 * (groups + k) * (groups + k));
        double total = state + trajectory + theory;
        String key = state >= trajectory && state >= theory ? "samples"
                : trajectory >= theory ? "record.points" : "classes";
        Object value = key.equals("samples") ? e.samples() : key.equals("classes") ? e.classes() : e.record().points();
        return new MemoryNeed(total, key, value);
    }

    /** Bytes the run needs, estimated from the state size: see {@link #STATE_COPIES}. */
    public static long memoryEstimate(Experiment e) {
        long d = e.dim();
        long rows = (long) e.samples() + e.classes();
        long state = rows * d + (e.hasHead() ? d * d : 0);
        if (e.isTeacherStudent()) {
            long inputs = (long) e.samples() * e.teacher().inputDim();
            state = d * e.teacher().inputDim() + e.classes() * d + (e.hasHead() ? d * d : 0);
            return 8L * (inputs + (long) e.teacher().inputDim() * e.teacher().inputDim()
                    + STATE_COPIES * state + 4L * e.samples() * d);
        }
        if ("mean-field".equals(e.solver())) {
            return 8L * STATE_COPIES * ((long) e.classes() * e.classes() * d + 4 * d * d);
        }
        if ("reduced".equals(e.solver())) {
            // x(0) kept for reconstruction, one reconstructed copy per recorded point, a small reduced state
            return 8L * (3 * (long) e.samples() * d + STATE_COPIES * ((long) e.classes() * e.classes() * d + 4 * d * d));
        }
        return 8L * STATE_COPIES * state;
    }

    private static void checkMemory(Experiment e) {
        MemoryNeed need = memoryNeed(e);
        double bytes = need.bytes();
        long have = Runtime.getRuntime().maxMemory();
        if (bytes > have) {
            throw ExperimentException.of(need.key(), need.value(), String.format(java.util.Locale.ROOT,
                    "needs about %.1f GiB, the heap allows %.1f GiB (raise -Xmx or shrink the problem)",
                    bytes / 1073741824.0, have / 1073741824.0));
        }
    }

    /** One check of {@code group.samples, group.labels, group.head} (the three blocks), in that order. */
    private static void eachBlock(String group, double[] values, ObjDoubleConsumer<String> check) {
        String[] blocks = {"samples", "labels", "head"};
        for (int b = 0; b < blocks.length; b++) {
            check.accept(group + "." + blocks[b], values[b]);
        }
    }

    private static void require(boolean ok, String key, Object value, String why) {
        if (!ok) {
            throw ExperimentException.of(key, value, why);
        }
    }

    private static void oneOf(String key, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw ExperimentException.of(key, value, "expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
    }

    private static void finite(String key, double v) {
        require(Double.isFinite(v), key, v, "must be a finite number");
    }

    private static void positive(String key, double v) {
        finite(key, v);
        require(v > 0, key, v, "must be positive");
    }

    /** Rates span at most 1e-15 .. 1e15 (beyond, the theory's eigensolver overflows; dynamics that stiff fail anyway). */
    private static void rate(String key, double v) {
        require(v >= 1e-15 && v <= 1e15, key, v, "must lie in [1e-15, 1e15]");
    }

    private static void nonNegative(String key, double v) {
        finite(key, v);
        require(v >= 0, key, v, "must be >= 0");
    }
}
