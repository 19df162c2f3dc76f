package org.repcollapse.plot.paper;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.continuation.BranchMeasures;
import org.repcollapse.continuation.BranchPoint;
import org.repcollapse.continuation.BranchReport;
import org.repcollapse.continuation.GroupMeanFlow;
import org.repcollapse.continuation.MeanFieldProblem;
import org.repcollapse.continuation.PseudoArclength;
import org.repcollapse.continuation.SpecialPoint;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.model.Embeddings;
import org.repcollapse.plot.Style;
import org.repcollapse.theory.TwoClassRates;

/**
 * Figure 11: the bifurcation diagram of the stop-gradient head against the frustration fraction phi
 * (K = 2), from the continuation package ({@link PseudoArclength} on {@link MeanFieldProblem}) with
 * simulations over it. Two branches of fixed points of the group-mean flow:
 * <ul>
 *   <li>the separated branch, continued from the seeded mean-field start: stable, with the head
 *       eigenvalue on the separation mode {@code p = sqrt(tau_1) = sqrt((1 - phi)/(1 + phi))} (R5);</li>
 *   <li>a collapsed branch (every mean and label at e_1, {@code P = diag(1, p_c, ..., p_c)}), a fixed point
 *       for every phi: its separation modes off the data obey {@code du/dt = -(p^2 u - p q)},
 *       {@code dq/dt = -gamma (p^2 q - p tau_1 u)} with determinant {@code gamma p^2 (p^2 - tau_1)}, so it is
 *       unstable for {@code p_c^2 < tau_1} and stable beyond: an exchange of stability at
 *       {@code phi* = (1 - p_c^2)/(1 + p_c^2)}, detected by the continuation as a branch point.</li>
 * </ul>
 * Simulations: seeded mean-field runs (the reduced solver, {@code solver: mean-field}) at the marker phi
 * (head eigenvalue: gauge-invariant, compared with the branch), and runs started on each branch with a
 * seeded perturbation, integrated to late time (separation and head compared with the branch; those
 * from the unstable collapsed branch escape to the separated family).
 */
public final class Figure11Bifurcation extends PaperFigure {

    static final String MODEL = "head-sg.yaml";
    /** Small instance: d = 4 (state (3 + 2) 4 + 16 = 36), K = 2 from the model. */
    static final String[] OVERRIDES = {"dim=4", "solver=mean-field", "record.points=20"};
    static final double FROM = 0.05;
    static final double[] MARKERS = {0.2, 0.4, 0.6, 0.8};
    /** Head eigenvalue of the collapsed branch off the data direction. */
    static final double COLLAPSED_HEAD = 0.6;
    /** Relative size of the perturbation of the runs started on a branch. */
    static final double PERTURBATION = 1.0e-3;
    static final double T_END = 1000;

    public Figure11Bifurcation() {
        super("fig11-bifurcation", List.of(MODEL), 760);
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        Experiment base = ctx.load(MODEL, with("frustration.fraction=" + FROM));
        MeanFieldProblem problem = new MeanFieldProblem(base, "frustration.fraction");

        // the separated branch, in segments that land exactly on the marker fractions
        List<BranchPoint> separated = new ArrayList<>();
        double[] z = problem.integratedStart(FROM);
        double from = FROM;
        double[] stops = {MARKERS[0], MARKERS[1], MARKERS[2], MARKERS[3], 1.0};
        double[][] atMarker = new double[MARKERS.length][];
        for (int s = 0; s < stops.length; s++) {
            PseudoArclength.Result r = new PseudoArclength(problem, settings(from, stops[s], 8), m -> { }).run(z, from);
            if (!r.reachedEnd()) {
                throw new IllegalStateException("separated branch stopped: " + r.stop());
            }
            separated.addAll(s == 0 ? r.points() : r.points().subList(1, r.points().size()));
            BranchPoint last = r.points().get(r.points().size() - 1);
            if (s < MARKERS.length) {
                atMarker[s] = last.z();
            }
            z = last.z();
            from = stops[s];
        }

        // the collapsed branch: an explicit fixed point for every phi, continued to find its exchange of stability
        GroupMeanFlow f0 = problem.flow(FROM);
        double[] collapsed = collapsedPoint(f0);
        PseudoArclength.Result cr = new PseudoArclength(problem, settings(FROM, 0.95, 20), m -> { })
                .run(collapsed, FROM);
        double exchange = Double.NaN;
        for (SpecialPoint sp : cr.events()) {
            if (sp.type() == SpecialPoint.Type.BRANCH_POINT) {
                exchange = sp.lambda();
            }
        }
        double exchangeClosed = (1 - COLLAPSED_HEAD * COLLAPSED_HEAD) / (1 + COLLAPSED_HEAD * COLLAPSED_HEAD);

        // branch lines, split by stability
        XYSeriesCollection top = new XYSeriesCollection();
        XYSeriesCollection bottom = new XYSeriesCollection();
        List<Boolean> topStable = new ArrayList<>();
        List<Boolean> bottomStable = new ArrayList<>();
        List<Integer> topColour = new ArrayList<>();
        List<Integer> bottomColour = new ArrayList<>();
        double worstBranch = 0;
        List<Double> lam = new ArrayList<>();
        List<Double> sep = new ArrayList<>();
        List<Double> head = new ArrayList<>();
        List<Boolean> stable = new ArrayList<>();
        for (BranchPoint p : separated) {
            BranchMeasures m = BranchMeasures.of(problem.flow(p.lambda()), p.z());
            lam.add(p.lambda());
            sep.add(m.minSeparation());
            head.add(m.measured()[1]);
            stable.add(p.event() == null || stable.isEmpty() ? BranchReport.stable(p) : stable.get(stable.size() - 1));
            if (m.tau()[1] > 1.0e-2) {
                worstBranch = Math.max(worstBranch, Math.abs(m.measured()[1] - Math.sqrt(m.tau()[1])));
            }
        }
        segments(top, topStable, topColour, "separated branch", 0, lam, sep, stable);
        segments(bottom, bottomStable, bottomColour, "separated branch", 0, lam, head, stable);
        List<Double> cl = new ArrayList<>();
        List<Double> cs = new ArrayList<>();
        List<Double> ch = new ArrayList<>();
        List<Boolean> cst = new ArrayList<>();
        for (BranchPoint p : cr.points()) {
            cl.add(p.lambda());
            cs.add(BranchMeasures.of(problem.flow(p.lambda()), p.z()).minSeparation());
            ch.add(COLLAPSED_HEAD);
            // a special point closes the run it ends (the next run starts there)
            cst.add(p.event() == null || cst.isEmpty() ? BranchReport.stable(p) : cst.get(cst.size() - 1));
        }
        segments(top, topStable, topColour, "collapsed branch, head 0.6 off the data", 1, cl, cs, cst);
        segments(bottom, bottomStable, bottomColour, "collapsed branch, head 0.6 off the data", 1, cl, ch, cst);

        // simulations: runs started on each branch with a seeded perturbation
        XYSeries fromSeparated = new XYSeries("run from the separated branch (perturbed), t = 1000");
        XYSeries fromSeparatedHead = new XYSeries("run from the separated branch (perturbed), t = 1000");
        XYSeries fromCollapsed = new XYSeries("run from the collapsed branch (perturbed), t = 1000");
        XYSeries fromCollapsedHead = new XYSeries("run from the collapsed branch (perturbed), t = 1000");
        double worstSep = 0;
        double worstHead = 0;
        double worstEscaped = 0;
        double largestStaying = 0;
        Random random = new Random(base.seed());
        for (int k = 0; k < MARKERS.length; k++) {
            double phi = MARKERS[k];
            GroupMeanFlow flow = problem.flow(phi);
            BranchMeasures continued = BranchMeasures.of(flow, atMarker[k]);
            BranchMeasures back = BranchMeasures.of(flow, integrate(flow, perturb(atMarker[k], random)));
            fromSeparated.add(phi, back.minSeparation());
            fromSeparatedHead.add(phi, back.measured()[1]);
            worstSep = Math.max(worstSep, Math.abs(back.minSeparation() - continued.minSeparation()));
            worstHead = Math.max(worstHead, Math.abs(back.measured()[1] - continued.measured()[1]));
            BranchMeasures away = BranchMeasures.of(flow, integrate(flow, perturb(collapsed, random)));
            fromCollapsed.add(phi, away.minSeparation());
            if (phi < exchangeClosed) {
                fromCollapsedHead.add(phi, away.measured()[1]);
                worstEscaped = Math.max(worstEscaped, Math.abs(away.measured()[1] - Math.sqrt(away.tau()[1])));
            } else {
                largestStaying = Math.max(largestStaying, away.minSeparation());
            }
        }
        // simulations: seeded mean-field runs from their own start
        List<Experiment> seeded = new ArrayList<>();
        for (double phi : MARKERS) {
            seeded.add(ctx.load(MODEL, with(String.format(Locale.ROOT, "frustration.fraction=%s", phi))));
        }
        XYSeries seededHead = new XYSeries("mean-field run from the seeded start, t = 1000");
        double worstSeeded = 0;
        List<Run> runs = ctx.runAll(seeded);
        for (int k = 0; k < runs.size(); k++) {
            Run r = runs.get(k);
            Embeddings e = r.system().labelsAndHead(r.result().finalState());
            double p = org.repcollapse.theory.HeadTheory.separationEigenvalue(e);
            seededHead.add(MARKERS[k], p);
            worstSeeded = Math.max(worstSeeded, Math.abs(p - BranchMeasures.of(problem.flow(MARKERS[k]),
                    atMarker[k]).measured()[1]));
        }

        ctx.measure("branch_head_max_abs_error_vs_sqrt_tau1", worstBranch);
        ctx.measure("seeded_mean_field_runs_head_max_abs_difference_vs_continued", worstSeeded);
        ctx.measure("perturbed_runs_separation_max_abs_difference_vs_continued", worstSep);
        ctx.measure("perturbed_runs_head_max_abs_difference_vs_continued", worstHead);
        ctx.measure("exchange_of_stability_phi_continued", exchange);
        ctx.measure("exchange_of_stability_phi_closed_form", exchangeClosed);
        ctx.measure("exchange_of_stability_abs_difference", Math.abs(exchange - exchangeClosed));
        ctx.measure("escaped_runs_head_max_abs_error_vs_sqrt_tau1", worstEscaped);
        ctx.measure("stable_collapsed_runs_max_final_separation", largestStaying);
        ctx.measure("separated_branch_points", separated.size());

        XYSeriesCollection simTop = PaperStyle.collection(fromSeparated, fromCollapsed);
        XYSeriesCollection simBottom = PaperStyle.collection(fromSeparatedHead, fromCollapsedHead, seededHead);
        XYSeries sqrtTau = new XYSeries("theory: √τ₁ = √((1 − φ)/(1 + φ)) (R5)");
        for (int i = 0; i <= 400; i++) {
            double phi = i / 400.0;
            sqrtTau.add(phi, Math.sqrt(Math.max(0, 1 - TwoClassRates.rOf(phi))));
        }
        XYSeriesCollection theory = new XYSeriesCollection(sqrtTau);

        XYPlot upper = new XYPlot(simTop, null, PaperStyle.linear("separation |y₀ − y₁|", -0.05, 1.9, 0.25),
                markers(2));
        upper.setDataset(1, top);
        upper.setRenderer(1, branches(topStable, topColour));
        PaperStyle.plot(upper);
        XYPlot lower = new XYPlot(simBottom, null, PaperStyle.linear("head eigenvalue on the separation mode", -0.02,
                1.05, 0.1), markers(3));
        lower.getRenderer().setSeriesVisibleInLegend(0, false);   // the same runs as the upper panel's
        lower.getRenderer().setSeriesVisibleInLegend(1, false);
        lower.setDataset(1, bottom);
        XYLineAndShapeRenderer lowerBranches = branches(bottomStable, bottomColour);
        lowerBranches.setDefaultSeriesVisibleInLegend(false);
        lower.setRenderer(1, lowerBranches);
        lower.setDataset(2, theory);
        lower.setRenderer(2, PaperStyle.theory(1));
        PaperStyle.plot(lower);
        for (XYPlot p : List.of(upper, lower)) {
            PaperStyle.mark(p, exchange, p == upper ? "φ* (branch point)" : null);
        }
        NumberAxis x = PaperStyle.linear("frustration fraction φ", 0.0, 1.02, 0.1);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(10);
        plot.add(upper, 1);
        plot.add(lower, 1);
        return PaperStyle.chart("Figure 11. Bifurcation diagram: stop-gradient head against φ", plot);
    }

    private static String[] with(String extra) {
        String[] o = java.util.Arrays.copyOf(OVERRIDES, OVERRIDES.length + 1);
        o[OVERRIDES.length] = extra;
        return o;
    }

    private static PseudoArclength.Settings settings(double from, double to, int steps) {
        return new PseudoArclength.Settings(from, to, steps, 1.0e-10, 12, 1.0e-8);
    }

    /** Every group mean and label at e_1; {@code P = diag(1, p_c, ..., p_c)}: {@code P m = y}, {@code P y = m}. */
    static double[] collapsedPoint(GroupMeanFlow f) {
        int d = f.dim();
        double[] z = new double[f.dimension()];
        for (int g = 0; g < f.groups().groups(); g++) {
            z[f.m(g)] = 1;
        }
        for (int c = 0; c < f.groups().classes(); c++) {
            z[f.y(c)] = 1;
        }
        for (int a = 0; a < d; a++) {
            z[f.p() + a * d + a] = a == 0 ? 1 : COLLAPSED_HEAD;
        }
        return z;
    }

    /** z plus a seeded Gaussian perturbation of relative size {@link #PERTURBATION} (of max |z|). */
    private static double[] perturb(double[] z, Random random) {
        double scale = 0;
        for (double v : z) {
            scale = Math.max(scale, Math.abs(v));
        }
        double[] out = z.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += PERTURBATION * scale * random.nextGaussian();
        }
        return out;
    }

    /** The group-mean flow from z to {@link #T_END} (Hipparchus DOP853, rtol 1e-10, atol 1e-12). */
    private static double[] integrate(GroupMeanFlow f, double[] z) {
        DormandPrince853Integrator dop = new DormandPrince853Integrator(1.0e-12, T_END, 1.0e-12, 1.0e-10);
        return dop.integrate(new ExpandableODE(f), new ODEState(0.0, z), T_END).getPrimaryState();
    }

    /** Adds the branch as runs of equal stability (joined at their common point). */
    private static void segments(XYSeriesCollection out, List<Boolean> stableOut, List<Integer> colourOut, String name,
                                 int colour, List<Double> x, List<Double> y, List<Boolean> stable) {
        XYSeries current = null;
        Boolean state = null;
        for (int i = 0; i < x.size(); i++) {
            boolean s = stable.get(i);
            if (state == null || state != s) {
                XYSeries next = new XYSeries(name + (s ? ", stable" : ", not stable")
                        + (count(out, name + (s ? ", stable" : ", not stable")) == 0 ? "" : " (" + i + ")"), false);
                if (current != null && current.getItemCount() > 0) {
                    next.add(current.getX(current.getItemCount() - 1), current.getY(current.getItemCount() - 1));
                }
                out.addSeries(next);
                stableOut.add(s);
                colourOut.add(colour);
                current = next;
                state = s;
            }
            if (Double.isFinite(y.get(i))) {
                current.add(x.get(i), y.get(i));
            }
        }
    }

    private static int count(XYSeriesCollection c, String prefix) {
        int n = 0;
        for (int s = 0; s < c.getSeriesCount(); s++) {
            n += c.getSeriesKey(s).toString().startsWith(prefix) ? 1 : 0;
        }
        return n;
    }

    private static XYLineAndShapeRenderer branches(List<Boolean> stable, List<Integer> colour) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int s = 0; s < stable.size(); s++) {
            r.setSeriesPaint(s, Style.color(colour.get(s)));
            r.setSeriesStroke(s, stable.get(s) ? new BasicStroke(2.4f)
                    : new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
        }
        return r;
    }

    private static XYLineAndShapeRenderer markers(int series) {
        XYLineAndShapeRenderer r = PaperStyle.points(series);
        if (series > 2) {
            r.setSeriesPaint(2, java.awt.Color.BLACK);
            r.setSeriesShape(2, new java.awt.geom.Path2D.Double(new java.awt.Polygon(new int[] {0, 5, 0, -5},
                    new int[] {-5, 0, 5, 0}, 4)));
        }
        return r;
    }
}
