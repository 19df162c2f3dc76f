package org.repcollapse.continuation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;

import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.experiment.ContinuationSettings;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.Systems;
import org.repcollapse.fixedpoint.FixedPointAnalysis;
import org.repcollapse.fixedpoint.LinearFixedPoint;
import org.repcollapse.model.ClassCoupling;
import org.repcollapse.model.Embeddings;

/**
 * The branch of fixed points of the linear teacher-student flow without head (spec section 5) along one
 * continuous key, through the machinery of {@code fixed-points} ({@link LinearFixedPoint}). Per
 * embedding coordinate {@code d(w, y)/dt = -R H (w, y)} on the input row space, so the fixed point
 * reached from the seeded start is exact, {@code z(inf) = lim exp(-A t) z0}: the projection of z0 onto
 * {@code ker H} orthogonal in the {@code R^-1} inner product (the rate-weighted amplitudes of the kernel
 * modes are conserved), and the spectrum modulo the family (the kernel) is {@code -lambda_j(A)}, d times
 * each. The limit is unique and depends continuously on the key while {@code dim ker A} and the rank of
 * the inputs stay fixed, so no corrector or arclength parametrisation is needed: the branch is evaluated
 * exactly on a grid of the key (natural parameter), and a change of the family's dimension (where the
 * limit may jump, e.g. teacher.noise -> 0, where a class's inputs coincide) is located by bisection.
 * Continuous keys: {@code rates.samples} (eta_W) and {@code rates.labels} (gamma), which move the
 * projection and the spectrum, not the kernel; {@code teacher.noise} (sigma) and
 * {@code teacher.prototypeScale} (kappa), which move the inputs (the same seeded draws, scaled). The
 * frustration fraction is discrete here (a count of inputs), unlike the mean-field embedding model.
 */
public final class StudentBranch {

    /** The keys that can be continued for the teacher-student model. */
    public static final List<String> KEYS = List.of("rates.samples", "rates.labels", "teacher.noise",
            "teacher.prototypeScale");

    /** branch.csv columns that are empty (NaN) for the teacher-student branch. */
    public static final List<String> EMPTY_COLUMNS = List.of("bordered_sign", "dlambda_ds", "head_eig_k",
            "head_eig_k_predicted", "head_eig_k_relative_difference");

    /** One point: parameter, the exact fixed point and its analysis, separations, arclength, event (or null). */
    public record Point(double lambda, LinearFixedPoint fixedPoint, double[] separations, double minSeparation,
                        double[] tau, double arclength, String event) {

        public boolean stable() {
            return fixedPoint.verdict() == FixedPointAnalysis.Verdict.STABLE;
        }

        /** Eigenvalues modulo the family with real part below -eps, with multiplicity. */
        public int stableCount() {
            int n = 0;
            for (double[] e : fixedPoint.spectrum()) {
                n += e[0] < -fixedPoint.uncertainty() ? (int) e[1] : 0;
            }
            return n;
        }

        public int unstableCount() {
            int n = 0;
            for (double[] e : fixedPoint.spectrum()) {
                n += e[0] > fixedPoint.uncertainty() ? (int) e[1] : 0;
            }
            return n;
        }
    }

    private final Experiment experiment;
    private final String key;
    private final DoubleFunction<Experiment> at;
    private final List<Point> points = new ArrayList<>();
    private final List<Point> events = new ArrayList<>();

    /**
     * @param experiment the experiment as given (teacher-student, no head)
     * @param at         the experiment with the key set to a value (validated as for run)
     */
    public StudentBranch(Experiment experiment, String key, DoubleFunction<Experiment> at) {
        check(experiment, key);
        this.experiment = experiment;
        this.key = key;
        this.at = at;
    }

    /** Refuses a key or experiment this branch does not handle (one line naming it). */
    public static void check(Experiment e, String key) {
        if (e.hasHead()) {
            throw ExperimentException.of("head", e.head(), "continue handles the teacher-student model without head"
                    + " only (its flow is then linear; with a head it is not)");
        }
        if (key.equals("frustration.fraction")) {
            throw ExperimentException.of("--param", key, "is discrete for the teacher-student model (a count of"
                    + " inputs; group weights are real only in the mean-field embedding model); continuous keys: "
                    + String.join(", ", KEYS));
        }
        if (!KEYS.contains(key)) {
            throw ExperimentException.of("--param", key, "cannot be continued for the teacher-student model"
                    + " (continuous keys: " + String.join(", ", KEYS) + ")");
        }
    }

    /** Rates positive; sigma and kappa non-negative. */
    public static boolean admissible(String key, double v) {
        return key.startsWith("rates.") ? v > 0 && Double.isFinite(v) : v >= 0 && Double.isFinite(v);
    }

    public String key() {
        return key;
    }

    public Experiment experiment() {
        return experiment;
    }

    public List<Point> points() {
        return points;
    }

    public List<Point> events() {
        return events;
    }

    /** The exact fixed point at a value of the key. */
    public Point evaluate(double lambda, double tol) {
        Experiment e = at.apply(lambda);
        TeacherStudentSystem ts = Systems.teacherStudent(e);
        LinearFixedPoint fp = LinearFixedPoint.of(ts, e.integrator().tEnd(), tol);
        Embeddings em = ts.embeddings(fp.point());
        int k = e.classes();
        LabelGeometry labels = new LabelGeometry(em.labels(), k, e.dim());
        double[] sep = labels.pairs();
        double min = labels.min();
        double[] tau = new ClassCoupling(ts.structure()).eigenvalues();
        return new Point(lambda, fp, sep, min, tau, 0.0, null);
    }

    /**
     * The branch on {@code steps + 1} equally spaced values from {@code from} to {@code to}; where the
     * family's dimension changes between two values, the first value with the new dimension is located by
     * bisection (to 1e-12 of the interval) and inserted with event {@code family_change}; when it passes
     * through intermediate dimensions there (eigenvalues crossing the kernel's threshold one by one, e.g.
     * teacher.noise -> 0), the first value leaving the old dimension and the first reaching the new one.
     */
    public void run(double from, double to, int steps, double tol, Consumer<String> progress) {
        Point last = null;
        for (int i = 0; i <= steps; i++) {
            double lambda = i == steps ? to : from + (to - from) * i / steps;
            Point p = evaluate(lambda, tol);
            if (last != null && p.fixedPoint().family() != last.fixedPoint().family()) {
                // the first value where the family leaves last's dimension, and the first where it has p's
                Point first = locate(last, p, last.fixedPoint().family(), true, tol);
                Point reached = locate(last, p, p.fixedPoint().family(), false, tol);
                for (Point change : first.lambda() == reached.lambda() ? List.of(first) : List.of(first, reached)) {
                    add(change, "family_change");
                    events.add(points.get(points.size() - 1));
                    progress.accept(String.format(Locale.ROOT, "family change at %s = %.12g: dimension %d -> %d", key,
                            change.lambda(), last.fixedPoint().family(), change.fixedPoint().family()));
                    last = points.get(points.size() - 1);
                }
            }
            if (last != null && last.lambda() == p.lambda()) {
                continue;   // p itself is the last change point
            }
            add(p, null);
            last = points.get(points.size() - 1);
            if (points.size() % 10 == 0) {
                progress.accept(String.format(Locale.ROOT, "point %d: %s = %.6g, residual %.2e", points.size(), key,
                        lambda, p.fixedPoint().residual()));
            }
        }
    }

    /**
     * Bisection on [a, b] for the family dimension {@code family}: with {@code leaving}, the first value
     * where it is no longer {@code family} (a has it); otherwise the first value from which it is
     * {@code family} (b has it). To 1e-12 of the interval.
     */
    private Point locate(Point a, Point b, int family, boolean leaving, double tol) {
        double lo = a.lambda();
        Point hi = b;
        for (int it = 0; it < 60 && Math.abs(hi.lambda() - lo) > 1.0e-12 * Math.abs(b.lambda() - a.lambda()); it++) {
            double mid = 0.5 * (lo + hi.lambda());
            if (mid == lo || mid == hi.lambda()) {
                break;
            }
            Point m = evaluate(mid, tol);
            boolean right = leaving ? m.fixedPoint().family() != family : m.fixedPoint().family() == family;
            if (right) {
                hi = m;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private void add(Point p, String event) {
        double s = 0;
        if (!points.isEmpty()) {
            Point prev = points.get(points.size() - 1);
            double[] u = prev.fixedPoint().point();
            double[] v = p.fixedPoint().point();
            double d2 = (p.lambda() - prev.lambda()) * (p.lambda() - prev.lambda());
            for (int i = 0; i < u.length; i++) {
                d2 += (u[i] - v[i]) * (u[i] - v[i]);
            }
            s = prev.arclength() + Math.sqrt(d2);
        }
        points.add(new Point(p.lambda(), p.fixedPoint(), p.separations(), p.minSeparation(), p.tau(), s, event));
    }

    /** The columns of branch.csv, as for the mean-field branch ({@link BranchReport#header()}). */
    public List<String> header() {
        return BranchReport.header(key, experiment.classes());
    }

    /** The rows of branch.csv (empty for NaN: {@link #EMPTY_COLUMNS}). */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            LinearFixedPoint f = p.fixedPoint();
            List<String> r = new ArrayList<>(List.of(Integer.toString(i), num(p.lambda()), num(p.arclength()),
                    p.event() == null ? "" : p.event(), num(f.residual()), "0", Boolean.toString(p.stable()),
                    Integer.toString(p.stableCount()), Integer.toString(p.unstableCount()), Integer.toString(f.family()),
                    num(f.slowest()), num(f.scale()), num(f.uncertainty()), "", "", num(p.minSeparation())));
            for (double s : p.separations()) {
                r.add(num(s));
            }
            for (double t : p.tau()) {
                r.add(num(t));
                r.addAll(List.of("", "", ""));
            }
            rows.add(r);
        }
        return rows;
    }

    /** The JSON summary (continuation.json). */
    public Map<String, Object> summary(double from, double to, int steps, double tol) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", experiment.name());
        new ContinuationSettings(key, from, to, steps, tol).putInto(m);
        m.put("system", "teacher-student linear flow without head: the exact fixed point lim exp(-A t) z0 of the seeded"
                + " start (projection onto ker H, R^-1-orthogonal), as fixed-points computes it");
        m.put("method", "exact fixed point on an equally spaced grid of the key (natural parameter; no corrector:"
                + " the limit is unique); family changes located by bisection");
        m.put("state_dimension", points.isEmpty() ? null : points.get(0).fixedPoint().point().length);
        m.put("family_dimension", points.isEmpty() ? null : points.get(0).fixedPoint().family());
        m.put("phase_conditions", null);
        m.put("points", points.size());
        m.put("reached_end", !points.isEmpty() && points.get(points.size() - 1).lambda() == to);
        m.put("stop", "reached lambda = " + to);
        double worst = 0;
        int stable = 0;
        for (Point p : points) {
            worst = Math.max(worst, p.fixedPoint().residual());
            stable += p.stable() ? 1 : 0;
        }
        m.put("max_residual", worst);
        m.put("stable_points", stable);
        m.put("max_head_eig_relative_difference", null);
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Point p : events) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", p.event());
            e.put(key, p.lambda());
            e.put("arclength", p.arclength());
            e.put("family_dimension", p.fixedPoint().family());
            e.put("min_label_distance", p.minSeparation());
            e.put("note", "the dimension of the family of fixed points changes here: the limit of the flow may jump");
            ev.add(e);
        }
        m.put("events", ev);
        m.put("critical_frustration", null);
        m.put("empty_columns", EMPTY_COLUMNS);
        m.put("columns", header());
        return m;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
