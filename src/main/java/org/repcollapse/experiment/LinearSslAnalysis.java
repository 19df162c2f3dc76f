package org.repcollapse.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

import org.hipparchus.complex.Complex;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.dynamics.FlatDormandPrince853;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.NumericalFailure;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.ssl.CollapseBoundary;
import org.repcollapse.ssl.FullFixedPoint;
import org.repcollapse.ssl.LinearSslParameters;
import org.repcollapse.ssl.LinearSslStart;
import org.repcollapse.ssl.LinearSslSystem;
import org.repcollapse.ssl.ModeBranch;
import org.repcollapse.ssl.ModeFixedPoints;
import org.repcollapse.ssl.ModeSpectrum;

/**
 * {@code fixed-points}, {@code continue} and {@code basins} on the linear SSL model ({@link LinearSslModel};
 * papers/linear-ssl.md section 8): the full model's fixed point reached by a run with its finite-difference
 * spectrum ({@link FullFixedPoint}), the branches p*_(+-) of each eigenvalue of X along {@code ssl.weightDecay} or
 * {@code ssl.augmentationNoise} ({@link ModeBranch}) with the fold, and the basin map over the aligned start
 * {@code (ssl.start.p, ssl.start.s)} (every mode started there) with the derived boundary ({@link CollapseBoundary}).
 */
final class LinearSslAnalysis {

    /** The basin map's axis keys: the aligned start's p_0 and s_0, the same on every mode. */
    static final String START_P = "ssl.start.p";
    static final String START_S = "ssl.start.s";
    /** Largest state the dense finite-difference Jacobian is formed for. */
    static final int MAX_STATE = 1500;
    static final int MAX_CELLS = 10000;

    private final LinearSslModel model;
    private final LinearSslParameters par;
    private final Experiment e;

    LinearSslAnalysis(LinearSslModel model) {
        this.model = model;
        this.par = model.parameters();
        this.e = model.experiment();
    }

    private double[] integrate(LinearSslSystem flow, double[] z0) {
        double tEnd = e.integrator().tEnd();
        return new FlatDormandPrince853(e.integrator().rtol(), e.integrator().atol(), 1e-13 * Math.max(1, tEnd))
                .integrate(flow, z0, tEnd, new GridRecorder(new double[] {tEnd}, (t, z) -> { }, ExperimentRunner.BLOW_UP));
    }

    // ------------------------------------------------------------------ fixed-points

    ModelReport fixedPoints(double tol, int maxIterations, double zeroTol) {
        int n = model.layout().dimension();
        if (n > MAX_STATE) {
            throw ExperimentException.of("ssl.inputDim", par.inputDim(), "fixed-points forms the dense Jacobian of the"
                    + " state (" + n + " > " + MAX_STATE + " numbers): lower dim or ssl.inputDim");
        }
        System.err.printf(Locale.ROOT, "fixed-points: integrating to t = %g%n", e.integrator().tEnd());
        double[] end = integrate(model.flow(), model.system().initialState());
        FullFixedPoint a = FullFixedPoint.of(model.flow(), end, tol, maxIterations, zeroTol);
        ModeSpectrum.Modes m = model.spectrum().measure(a.point());
        Complex[] ev = a.eigenvalues();
        List<Map<String, Object>> modes = new ArrayList<>();
        double worstClosed = 0;
        for (int j = 0; j < par.dim(); j++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("mode", j + 1);
            r.put("p", m.p()[j]);
            r.put("s", m.s()[j]);
            double lambda = model.aligned() ? par.spectrum()[j] : Double.NaN;
            String reached = "other";
            double[] closed = null;
            for (double l : Double.isNaN(lambda) ? model.eigenvalues() : new double[] {lambda}) {
                ModeFixedPoints fp = ModeFixedPoints.of(par, l);
                double sPlus = par.directPred() ? ModeFixedPoints.directPredS(fp.pPlus(), par.epsilon()) : fp.sPlus();
                double sMinus = par.directPred() ? ModeFixedPoints.directPredS(fp.pMinus(), par.epsilon()) : fp.sMinus();
                double scale = Double.isNaN(sPlus) ? 1.0 : Math.max(sPlus, 1e-300);
                if (m.s()[j] <= 1e-8 * scale) {
                    reached = "collapsed";
                    // in the state's coordinates (p, w), s = lambda w^2: dw/dt = -eta w, dp/dt = -eta p at the collapsed point
                    // (the mode flow's -2 eta is that of s = lambda w^2, quadratic in the state)
                    closed = par.directPred() ? new double[] {-fp.eta() * l} : new double[] {-fp.eta() * l, -fp.eta() * l};
                } else if (fp.exists() && near(m.p()[j], fp.pPlus()) && near(m.s()[j], sPlus)) {
                    reached = "p*+";
                    closed = par.directPred() ? new double[] {l * fp.directPredEigenvalue(fp.pPlus(), par.epsilon())}
                            : scaled(fp.eigenvalues(fp.pPlus()), l);
                } else if (fp.exists() && near(m.p()[j], fp.pMinus()) && near(m.s()[j], sMinus)) {
                    reached = "p*-";
                    closed = par.directPred() ? new double[] {l * fp.directPredEigenvalue(fp.pMinus(), par.epsilon())}
                            : scaled(fp.eigenvalues(fp.pMinus()), l);
                }
                if (closed != null) {
                    r.put("lambda", l);
                    r.put("p_plus", fp.pPlus());
                    r.put("s_plus", sPlus);
                    r.put("p_minus", fp.pMinus());
                    r.put("s_minus", sMinus);
                    break;
                }
            }
            r.put("reached", reached);
            if (closed != null && par.hasTarget()) {
                r.put("mode_eigenvalues_closed_form", null);   // BYOL: the same fixed points, a 3 x 3 mode Jacobian (tau)
            } else if (closed != null) {
                List<Double> cl = new ArrayList<>();
                double dist = 0;
                for (double c : closed) {
                    cl.add(c);
                    double best = Double.POSITIVE_INFINITY;
                    for (Complex z : ev) {
                        best = Math.min(best, z.subtract(c).norm());
                    }
                    dist = Math.max(dist, best / Math.max(a.scale(), Double.MIN_NORMAL));
                }
                r.put("mode_eigenvalues_closed_form", cl);
                r.put("closed_form_in_spectrum_relative", dist);
                worstClosed = Math.max(worstClosed, dist);
            }
            modes.add(r);
        }
        String verdict = a.verdict().name().toLowerCase(Locale.ROOT);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("model", "linear-ssl");
        json.put("state_dimension", n);
        json.put("t_end", e.integrator().tEnd());
        json.put("verdict", verdict);
        json.put("converged", a.verdict() != FullFixedPoint.Verdict.NOT_CONVERGED);
        json.put("residual_start", a.startResidual());
        json.put("residual", a.residual());
        json.put("tol", tol);
        json.put("iterations", a.iterations());
        json.put("jacobian", "central differences of the full flow");
        json.put("modes", modes);
        json.put("closed_form_eigenvalues_in_spectrum_relative", worstClosed);
        Map<String, Object> fam = new LinkedHashMap<>();
        fam.put("predicted", a.family());
        fam.put("measured", a.zeros());
        fam.put("matches", a.family() == a.zeros());
        json.put("family", fam);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scale", a.scale());
        spec.put("zero_band", Math.max(zeroTol, FullFixedPoint.FD_ZERO));
        spec.put("largest_real_part", a.largestOutsideFamily());
        spec.put("margin", a.largestOutsideFamily() / a.scale());
        spec.put("unstable", a.unstable());
        List<List<Double>> list = new ArrayList<>();
        for (Complex c : ev) {
            list.add(List.of(c.getReal(), c.getImaginary()));
        }
        spec.put("eigenvalues", list);
        json.put("spectrum", spec);

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: state dimension %d (linear-ssl, d=%d, D=%d, %s, %s)", e.name(), n,
                par.dim(), par.inputDim(), par.hasTarget() ? "BYOL beta = " + par.emaRate() : "SimSiam",
                par.directPred() ? "DirectPred" : "learned predictor"));
        lines.add(String.format(Locale.ROOT, "start: end of the run at t = %g, residual |dz/dt| = %.3e; polished"
                + " (Gauss-Newton, minimum-norm steps, %d iterations): residual %.3e %s tol %.1e", e.integrator().tEnd(),
                a.startResidual(), a.iterations(), a.residual(), a.residual() <= tol ? "<=" : ">", tol));
        for (Map<String, Object> r : modes) {
            lines.add(String.format(Locale.ROOT, "  mode %d: p %.8g, s %.8g: %s%s", r.get("mode"), r.get("p"), r.get("s"),
                    r.get("reached"), r.containsKey("p_plus") ? String.format(Locale.ROOT,
                            " (closed form p*+ = %.8g, s*+ = %.8g; p*- = %.8g); mode eigenvalues %s", r.get("p_plus"),
                            r.get("s_plus"), r.get("p_minus"), r.get("mode_eigenvalues_closed_form")) : ""));
        }
        lines.add(String.format(Locale.ROOT, "Jacobian (central differences, %d x %d): family of fixed points (symmetry"
                + " orbit) predicted %d, zero eigenvalues measured %d; %s", n, n, a.family(), a.zeros(), par.hasTarget()
                ? "mode eigenvalues not in closed form with EMA" : String.format(Locale.ROOT, "closed-form mode"
                + " eigenvalues found in the spectrum to %.1e of the scale %.4g", worstClosed, a.scale())));
        StringBuilder top = new StringBuilder("  leading eigenvalues:");
        for (int i = 0; i < Math.min(8, ev.length); i++) {
            top.append(String.format(Locale.ROOT, " %.6g", ev[i].getReal()));
        }
        lines.add(top.toString());
        lines.add(String.format(Locale.ROOT, "verdict: %s (largest real part outside the family %.4e, %d unstable)",
                a.verdict() == FullFixedPoint.Verdict.STABLE ? "stable fixed point" : verdict.toUpperCase(Locale.ROOT),
                a.largestOutsideFamily(), a.unstable()));
        return new ModelReport(json, lines, verdict, null, null, null);
    }

    private static boolean near(double x, double y) {
        return Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(y), 1e-12);
    }

    private static double[] scaled(double[] v, double l) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) {
            o[i] *= l;
        }
        return o;
    }

    // ------------------------------------------------------------------ continue

    /** The SimSiam mode fixed points of eigenvalue lambda at value v of the key. */
    private DoubleFunction<ModeFixedPoints> modes(String key, double lambda) {
        double sigma2 = par.augmentationNoise();
        double eta = par.weightDecay();
        double alpha = par.predictorRate();
        return "ssl.weightDecay".equals(key)
                ? v -> new ModeFixedPoints(1 + sigma2 / lambda, v / lambda, alpha / lambda, 1.0)
                : v -> new ModeFixedPoints(1 + v / lambda, eta / lambda, alpha / lambda, 1.0);
    }

    /** The fold of eigenvalue lambda's branch in the key: eta = lambda / (4 k_lambda), or sigma^2 = lambda (lambda / (4 eta) - 1). */
    private double foldClosedForm(String key, double lambda) {
        return "ssl.weightDecay".equals(key) ? lambda / (4 * (1 + par.augmentationNoise() / lambda))
                : par.weightDecay() > 0 ? lambda * (lambda / (4 * par.weightDecay()) - 1) : Double.NaN;
    }

    ModelReport branch(String key, double from, double to, int steps, double tol) {
        if (!"ssl.weightDecay".equals(key) && !"ssl.augmentationNoise".equals(key)) {
            throw ExperimentException.of("--param", key, "continue on model linear-ssl follows ssl.weightDecay or"
                    + " ssl.augmentationNoise");
        }
        if (par.directPred()) {
            throw ExperimentException.of("ssl.directPred.enabled", true, "continue follows the learned predictor's"
                    + " fixed points (SimSiam mode flow): set it to false");
        }
        if (par.hasTarget()) {
            throw ExperimentException.of("ssl.emaRate", par.emaRate(), "continue follows the SimSiam mode flow"
                    + " (its stability without the target's third variable): set ssl.emaRate=0");
        }
        for (double v : new double[] {from, to}) {
            if (!(v >= 0)) {
                throw ExperimentException.of(key, v, "must be >= 0");
            }
        }
        List<String> header = List.of(key, "lambda", "branch", "p", "s", "p_closed_form", "s_closed_form", "eig_1",
                "eig_2", "eig_1_closed_form", "eig_2_closed_form", "stable", "residual");
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> perLambda = new ArrayList<>();
        List<double[]> stablePts = new ArrayList<>();
        List<double[]> unstablePts = new ArrayList<>();
        List<Double> foldValues = new ArrayList<>();
        boolean failed = false;
        double lo = Math.min(from, to);
        double hi = Math.max(from, to);
        for (double lambda : model.eigenvalues()) {
            DoubleFunction<ModeFixedPoints> mf = modes(key, lambda);
            double start = mf.apply(from).exists() ? from : mf.apply(to).exists() ? to : Double.NaN;
            double other = start == from ? to : from;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("lambda", lambda);
            double foldClosed = foldClosedForm(key, lambda);
            info.put("fold_closed_form", foldClosed);
            List<ModeBranch> branches = new ArrayList<>();
            if (!Double.isNaN(start)) {
                ModeFixedPoints fp = mf.apply(start);
                ModeBranch plus = new ModeBranch(mf).run(fp.pPlus(), fp.sPlus(), start, other, steps, tol, 20 * steps);
                branches.add(plus);
                if (plus.folds().isEmpty() && fp.pMinus() > 0) {
                    branches.add(new ModeBranch(mf).run(fp.pMinus(), fp.sMinus(), start, other, steps, tol, 20 * steps));
                }
            }
            List<Double> folds = new ArrayList<>();
            List<String> stops = new ArrayList<>();
            int count = 0;
            for (ModeBranch b : branches) {
                stops.add(b.stop());
                failed |= b.points().isEmpty() || b.stop().startsWith("step size") || b.stop().startsWith("the start");
                for (ModeBranch.Point p : b.points()) {
                    ModeFixedPoints at = mf.apply(p.v());
                    boolean upper = p.p() >= 1 / (2 * at.k());
                    double pc = p.fold() ? 1 / (2 * at.k()) : upper ? at.pPlus() : at.pMinus();
                    double[] ec = scaled(at.eigenvalues(pc), lambda);
                    double[] em = scaled(p.eigenvalues(), lambda);
                    java.util.Arrays.sort(ec);
                    java.util.Arrays.sort(em);
                    boolean stable = em[1] < -1e-9 * Math.abs(em[0]);   // the fold's zero eigenvalue is not stable
                    rows.add(List.of(num(p.v()), num(lambda), p.fold() ? "fold" : upper ? "p*+" : "p*-", num(p.p()),
                            num(p.s()), num(pc), num(pc * pc / at.alpha()), num(em[1]), num(em[0]), num(ec[1]),
                            num(ec[0]), Boolean.toString(stable), num(p.residual())));
                    (stable ? stablePts : unstablePts).add(new double[] {p.v(), p.p()});
                    count++;
                }
                for (ModeBranch.Point f : b.folds()) {
                    folds.add(f.v());
                    foldValues.add(f.v());
                }
            }
            info.put("points", count);
            info.put("folds", folds);
            info.put("fold_relative_error", folds.isEmpty() ? null : Math.abs(folds.get(0) - foldClosed) / foldClosed);
            info.put("fold_in_interval_predicted", foldClosed >= lo && foldClosed <= hi);
            info.put("stops", stops);
            perLambda.add(info);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("model", "linear-ssl");
        new ContinuationSettings(key, from, to, steps, tol).putInto(json);
        json.put("method", "pseudo-arclength on the SimSiam mode equations G(p, s; v) = 0 (s > 0), started at the"
                + " closed-form p*+ (and p*- when no fold turns the branch back)");
        json.put("branches", perLambda);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: fixed points p*+ and p*- of the SimSiam mode flow against %s, %d points",
                e.name(), key, rows.size()));
        lines.add(String.format(Locale.ROOT, "%12s %8s %6s %12s %12s %12s %12s %7s", key, "lambda", "branch", "p",
                "p closed", "eig_1", "eig_2", "stable"));
        for (List<String> r : rows) {
            lines.add(String.format(Locale.ROOT, "%12.6g %8.4g %6s %12.8f %12.8f %12.4e %12.4e %7s%s",
                    Double.parseDouble(r.get(0)), Double.parseDouble(r.get(1)), r.get(2), Double.parseDouble(r.get(3)),
                    Double.parseDouble(r.get(5)), Double.parseDouble(r.get(7)), Double.parseDouble(r.get(8)),
                    "true".equals(r.get(11)) ? "yes" : "NO", "fold".equals(r.get(2)) ? "   <- fold" : ""));
        }
        for (Map<String, Object> info : perLambda) {
            lines.add(String.format(Locale.ROOT, "lambda = %.4g: fold at %s = %s (closed form %.10g)%s", info.get("lambda"),
                    key, info.get("folds"), info.get("fold_closed_form"),
                    info.get("fold_relative_error") == null ? "" : String.format(Locale.ROOT, ", relative error %.1e",
                            info.get("fold_relative_error"))));
        }
        String title = "Fixed points p*± of " + e.name() + " against " + key;
        return new ModelReport(json, lines, failed ? "failed" : "done", header, rows,
                () -> branchFigure(title, key, lo, hi, stablePts, unstablePts, foldValues));
    }

    private JFreeChart branchFigure(String title, String key, double lo, double hi, List<double[]> stable,
                                    List<double[]> unstable, List<Double> folds) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries s = new XYSeries("stable (p*+)", false);
        stable.forEach(q -> s.add(q[0], q[1]));
        XYSeries u = new XYSeries("unstable (p*-)", false);
        unstable.forEach(q -> u.add(q[0], q[1]));
        data.addSeries(s);
        data.addSeries(u);
        XYSeriesCollection theory = new XYSeriesCollection();
        for (double lambda : model.eigenvalues()) {
            DoubleFunction<ModeFixedPoints> mf = modes(key, lambda);
            XYSeries plus = new XYSeries("closed form p*± (lambda = " + lambda + ")", false);
            for (int i = 0; i <= 400; i++) {
                double v = lo + (hi - lo) * i / 400;
                if (mf.apply(v).exists()) {
                    plus.add(v, mf.apply(v).pPlus());
                }
            }
            for (int i = 400; i >= 0; i--) {
                double v = lo + (hi - lo) * i / 400;
                if (mf.apply(v).exists()) {
                    plus.add(v, mf.apply(v).pMinus());
                }
            }
            theory.addSeries(plus);
        }
        XYPlot plot = new XYPlot(data, new NumberAxis(key), new NumberAxis("predictor eigenvalue p at the fixed point"),
                new XYLineAndShapeRenderer(false, true));
        plot.setDataset(1, theory);
        XYLineAndShapeRenderer th = new XYLineAndShapeRenderer(true, false);
        th.setDefaultStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        th.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(1, th);
        for (double f : folds) {
            plot.addDomainMarker(new ValueMarker(f, Color.GRAY, new BasicStroke(1f)));
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    // ------------------------------------------------------------------ basins

    ModelReport basins(String xKey, double[] xs, String yKey, double[] ys) {
        for (String k : new String[] {xKey, yKey}) {
            if (!START_P.equals(k) && !START_S.equals(k)) {
                throw ExperimentException.of(k.equals(xKey) ? "--x" : "--y", k, "basins on model linear-ssl maps the"
                        + " aligned start: --x " + START_P + "=FROM:TO:n --y " + START_S + "=FROM:TO:n");
            }
        }
        boolean pOnX = START_P.equals(xKey);
        double[] pAxis = pOnX ? xs : ys;
        double[] sAxis = pOnX ? ys : xs;
        for (double s0 : sAxis) {
            if (!(s0 >= 0)) {
                throw ExperimentException.of(START_S, s0, "an eigenvalue of W X W^T must be >= 0");
            }
        }
        if ((long) xs.length * ys.length > MAX_CELLS) {
            throw ExperimentException.of("--x", xs.length + " x " + ys.length + " cells", "at most " + MAX_CELLS);
        }
        int d = par.dim();
        double[] u = model.basis() != null ? model.basis()
                : LinearSslStart.basis(d, new RandomStreams(e.seed()).stream(RandomStreams.Purpose.STUDENT, 1));
        double[] lambdaOf = par.spectrum();
        boolean derived = !par.hasTarget() && par.learnsPredictor();
        Map<Double, CollapseBoundary> boundaries = new LinkedHashMap<>();
        if (derived) {
            for (double l : model.eigenvalues()) {
                boundaries.put(l, CollapseBoundary.of(ModeFixedPoints.of(par, l)));
            }
        }
        int cells = xs.length * ys.length;
        String[][] results = new String[cells][];
        LinearSslSystem[] flows = new LinearSslSystem[cells];
        IntStream.range(0, cells).parallel().forEach(c -> {
            double x = xs[c % xs.length];
            double y = ys[c / xs.length];
            double p0 = pOnX ? x : y;
            double s0 = pOnX ? y : x;
            double[] pj = new double[d];
            double[] sj = new double[d];
            java.util.Arrays.fill(pj, p0);
            java.util.Arrays.fill(sj, s0);
            LinearSslSystem flow = new LinearSslSystem(par);
            String status = "ok";
            String[] ends = new String[d];
            try {
                double[] end = integrate(flow, LinearSslStart.aligned(par, pj, sj, u));
                ModeSpectrum.Modes m = ModeSpectrum.fixedBasis(flow, u).measure(end);
                for (int j = 0; j < d; j++) {
                    ends[j] = model.classify(m.p()[j], m.s()[j], s0);
                }
            } catch (NumericalFailure f) {
                status = "failed";
            }
            String[] predicted = new String[d];
            for (int j = 0; j < d; j++) {
                Boolean col = derived ? boundaries.get(lambdaOf[j]).collapses(p0, s0) : null;
                predicted[j] = col == null ? null : col ? "collapsed" : "p*+";
            }
            List<String> row = new ArrayList<>(List.of(num(x), num(y), Long.toString(e.seed()), status,
                    "ok".equals(status) ? verdict(ends) : "", Long.toString(count(ends, "collapsed")),
                    Long.toString(count(ends, "p*+")), derived && count(predicted, null) == 0 ? verdict(predicted) : ""));
            double b = derived ? boundaries.get(lambdaOf[0]).s(p0) : Double.NaN;
            row.add(num(b));
            for (int j = 0; j < d; j++) {
                row.add(ends[j] == null ? "" : ends[j]);
            }
            results[c] = row.toArray(new String[0]);
        });
        List<String> header = new ArrayList<>(List.of(xKey, yKey, "seed", "status", "collapse", "modes_collapsed",
                "modes_at_p_plus", "theory_collapse", "boundary_s"));
        for (int j = 1; j <= d; j++) {
            header.add("mode_" + j);
        }
        List<List<String>> rows = new ArrayList<>();
        int agree = 0;
        int compared = 0;
        for (String[] r : results) {
            rows.add(List.of(r));
            if (!r[7].isEmpty() && !r[4].isEmpty()) {
                compared++;
                agree += r[7].equals(r[4]) ? 1 : 0;
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("model", "linear-ssl");
        json.put("x", xKey);
        json.put("y", yKey);
        json.put("cells", cells);
        json.put("t_end", e.integrator().tEnd());
        json.put("boundary", derived ? "stable manifold of the saddle (p*-, s*-), CollapseBoundary" : null);
        json.put("cells_compared_with_boundary", compared);
        json.put("cells_on_predicted_side", agree);
        List<String> lines = List.of(String.format(Locale.ROOT, "%s: %d cells over (%s, %s) run to t = %g; %s", e.name(),
                cells, xKey, yKey, e.integrator().tEnd(), derived ? String.format(Locale.ROOT,
                        "%d of %d end on the side of the derived boundary they started on", agree, compared)
                        : "no derived boundary (EMA or DirectPred)"));
        String title = "Outcome of " + e.name() + " over the aligned start (p0, s0)";
        return new ModelReport(json, lines, "done", header, rows,
                () -> basinFigure(title, pAxis, sAxis, rows, pOnX, boundaries));
    }

    private static long count(String[] v, String what) {
        long n = 0;
        for (String s : v) {
            n += java.util.Objects.equals(s, what) ? 1 : 0;
        }
        return n;
    }

    /** complete (every mode collapsed), none (none collapsed), dimensional (some). */
    private static String verdict(String[] ends) {
        long c = count(ends, "collapsed");
        return c == ends.length ? "complete" : c == 0 ? "none" : "dimensional";
    }

    private JFreeChart basinFigure(String title, double[] pAxis, double[] sAxis, List<List<String>> rows, boolean pOnX,
                                   Map<Double, CollapseBoundary> boundaries) {
        int n = rows.size();
        double[][] xyz = new double[3][n];
        for (int i = 0; i < n; i++) {
            List<String> r = rows.get(i);
            double x = Double.parseDouble(r.get(0));
            double y = Double.parseDouble(r.get(1));
            xyz[0][i] = pOnX ? x : y;
            xyz[1][i] = pOnX ? y : x;
            String c = r.get(4);
            xyz[2][i] = "complete".equals(c) ? 0 : "dimensional".equals(c) ? 1 : "none".equals(c) ? 2 : 3;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("outcome", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(pAxis.length > 1 ? Math.abs(pAxis[1] - pAxis[0]) : 1);
        r.setBlockHeight(sAxis.length > 1 ? Math.abs(sAxis[1] - sAxis[0]) : 1);
        LookupPaintScale scale = new LookupPaintScale(-0.5, 3.5, Color.LIGHT_GRAY);
        scale.add(-0.5, new Color(68, 1, 84));
        scale.add(0.5, new Color(39, 127, 142));
        scale.add(1.5, new Color(253, 231, 37));
        scale.add(2.5, new Color(220, 220, 220));
        r.setPaintScale(scale);
        NumberAxis xAxis = new NumberAxis("p0 (ssl.start.p): predictor eigenvalue at the start");
        NumberAxis yAxis = new NumberAxis("s0 (ssl.start.s): eigenvalue of W X Wᵀ at the start");
        xAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        XYSeriesCollection curves = new XYSeriesCollection();
        double pLo = java.util.Arrays.stream(pAxis).min().orElse(0);
        double pHi = java.util.Arrays.stream(pAxis).max().orElse(1);
        double sHi = java.util.Arrays.stream(sAxis).max().orElse(1);
        for (Map.Entry<Double, CollapseBoundary> b : boundaries.entrySet()) {
            XYSeries c = new XYSeries("collapse boundary s = S(p), lambda = " + b.getKey(), false);
            for (int i = 0; i <= 400; i++) {
                double p = pLo + (pHi - pLo) * i / 400;
                double s = b.getValue().s(p);
                if (Double.isFinite(s) && s <= 1.2 * sHi) {
                    c.add(p, s);
                }
            }
            curves.addSeries(c);
        }
        plot.setDataset(1, curves);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setDefaultStroke(new BasicStroke(2.5f));
        line.setAutoPopulateSeriesStroke(false);
        line.setSeriesPaint(0, Color.RED);
        plot.setRenderer(1, line);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle("dark: every mode collapsed; teal: some collapsed;"
                + " yellow: every mode at p*+; grey: other / failed; red: derived boundary"));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
