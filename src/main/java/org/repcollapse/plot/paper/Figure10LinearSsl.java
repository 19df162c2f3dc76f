package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.ssl.CollapseBoundary;
import org.repcollapse.ssl.ModeFixedPoints;

/**
 * Figure 10: the linear SSL model (Tian, Chen and Ganguli 2021; papers/linear-ssl.md), three panels over the
 * predictor eigenvalue p. Top: mode trajectories in the (p, s) plane (SimSiam and BYOL) with the traced
 * collapse boundary S(p) and the fixed points. Middle: the weight decay at which p is a fixed point,
 * {@code eta = p (1 - k p)}, whose top is the fold {@code eta_crit = 1/(4k)}, with p*_+ reached by runs over eta.
 * Bottom: the square-root law at the fixed point, {@code s* = p*^2 / alpha_p} (learned predictor) and
 * {@code s* = (p* - epsilon)^2} (DirectPred), with the runs' ends. Fourth: the same square-root law in two settings,
 * the minimal model's stop-gradient head eigenvalue {@code sqrt(tau_1)} on the separation (small head-sg runs over
 * phi) and DirectPred's {@code p - epsilon = sqrt(s)}, against {@code tau_1, s = x^2}.
 */
public final class Figure10LinearSsl extends PaperFigure {

    static final String MODEL = "linear-ssl.yaml";
    static final double[] ETAS = {0.01, 0.04, 0.08, 0.12, 0.15, 0.16};
    /** The minimal model's stop-gradient head (R5), run small: K = 2, N = 20, d = 4, over these fractions. */
    static final String HEAD_MODEL = "head-sg.yaml";
    static final double[] PHIS = {0.1, 0.3, 0.5, 0.7, 0.9};

    public Figure10LinearSsl() {
        super("fig10-linear-ssl", List.of(MODEL, HEAD_MODEL), 1250);
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        Experiment simSiam = ctx.load(MODEL);
        Experiment byol = ctx.load(MODEL, "ssl.emaRate=0.5");
        List<Experiment> all = new ArrayList<>(List.of(simSiam, byol));
        for (double eta : ETAS) {
            for (String dp : new String[] {"false", "true"}) {
                all.add(ctx.load(MODEL, "dim=1", "ssl.alignedInit.p=[0.5]", "ssl.alignedInit.s=[0.3]",
                        "ssl.weightDecay=" + eta, "ssl.directPred.enabled=" + dp));
            }
        }
        int heads = all.size();
        for (double phi : PHIS) {
            all.add(ctx.load(HEAD_MODEL, "samples=20", "dim=4", "frustration.fraction=" + phi, "record.points=20"));
        }
        List<Run> runs = ctx.runAll(all);
        double k = 1 + simSiam.ssl().augmentationNoise();
        double alpha = simSiam.ssl().predictorRate();
        double epsilon = simSiam.ssl().directPred().epsilon();
        ModeFixedPoints fp = new ModeFixedPoints(k, simSiam.ssl().weightDecay(), alpha, 1.0);

        // top: (p, s) plane
        XYSeriesCollection paths = PaperStyle.collection(path("SimSiam modes", runs.get(0)), path("BYOL (beta = 0.5) modes", runs.get(1)));
        XYSeriesCollection boundary = new XYSeriesCollection();
        XYSeries curve = new XYSeries("collapse boundary s = S(p) (dashed)", false);
        CollapseBoundary b = CollapseBoundary.of(fp);
        for (int i = 0; i <= 400; i++) {
            double p = -0.15 + 1.05 * i / 400;
            addPositive(curve, p, b.s(p));
        }
        boundary.addSeries(curve);
        XYSeries points = new XYSeries("p*+ (stable), p*- (saddle)", false);
        points.add(fp.pPlus(), fp.sPlus());
        points.add(fp.pMinus(), fp.sMinus());
        boundary.addSeries(points);
        XYPlot top = new XYPlot(paths, null, PaperStyle.log("mode s (eigenvalue of W X Wᵀ)", 1e-6, 3, 2),
                PaperStyle.simulation(2));
        top.setDataset(1, boundary);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer th = PaperStyle.theory(2);
        th.setSeriesLinesVisible(1, false);
        th.setSeriesShapesVisible(1, true);
        th.setSeriesShape(1, PaperStyle.shape(1));
        top.setRenderer(1, th);
        int agree = 0;
        for (int r = 0; r < 2; r++) {
            agree += modesOnPredictedSide(runs.get(r));
        }
        ctx.measure("modes_ending_as_predicted", agree);

        // middle: fold
        XYSeriesCollection foldRuns = new XYSeriesCollection();
        XYSeries reached = new XYSeries("p₁ at t = 1000, runs over eta", false);
        XYSeriesCollection foldTheory = new XYSeriesCollection();
        XYSeries parabola = new XYSeries("eta = p (1 − k p): p*± (dashed)", false);
        for (int i = 0; i <= 200; i++) {
            double p = i / 200.0 / k;
            parabola.add(p, p * (1 - k * p));
        }
        foldTheory.addSeries(parabola);
        double worstFold = 0;
        // bottom: square-root law
        XYSeriesCollection ends = new XYSeriesCollection();
        XYSeries learned = new XYSeries("learned W_p: end of runs over eta", false);
        XYSeries direct = new XYSeries("DirectPred: end of runs over eta", false);
        for (int i = 0; i < ETAS.length; i++) {
            double[] l = runs.get(2 + 2 * i).result().trajectory().last();
            double[] dp = runs.get(3 + 2 * i).result().trajectory().last();
            reached.add(l[4], ETAS[i]);
            learned.add(l[4], l[5]);
            direct.add(dp[4], dp[5]);
            ModeFixedPoints at = new ModeFixedPoints(k, ETAS[i], alpha, 1.0);
            worstFold = Math.max(worstFold, Math.max(Math.abs(l[4] - at.pPlus()), Math.abs(dp[4] - at.pPlus())));
        }
        ctx.measure("p_plus_max_abs_error", worstFold);
        foldRuns.addSeries(reached);
        XYPlot middle = new XYPlot(foldRuns, null, PaperStyle.linear("weight decay eta", 0, 0.2, 0.05),
                PaperStyle.points(1));
        PaperStyle.overlayTheory(middle, foldTheory, 1);
        PaperStyle.level(middle, 1 / (4 * k));
        ends.addSeries(learned);
        ends.addSeries(direct);
        XYSeriesCollection laws = new XYSeriesCollection();
        XYSeries sq = new XYSeries("s* = p*²/alpha_p (dashed)", false);
        XYSeries dpLaw = new XYSeries("s* = (p* − epsilon)² (dotted)", false);
        for (int i = 0; i <= 200; i++) {
            double p = 0.25 + 0.5 * i / 200;
            sq.add(p, p * p / alpha);
            dpLaw.add(p, (p - epsilon) * (p - epsilon));
        }
        laws.addSeries(sq);
        laws.addSeries(dpLaw);
        XYPlot bottom = new XYPlot(ends, null, PaperStyle.linear("s at the fixed point", 0, 0.6, 0.1),
                PaperStyle.points(2));
        PaperStyle.overlayTheory(bottom, laws, 2);

        // fourth panel: the same square-root law in two settings, against the carried eigenvalue x
        XYSeriesCollection law = new XYSeriesCollection();
        XYSeries minimal = new XYSeries("minimal model (K = 2, N = 20, sg head): (head eigenvalue on y₀ − y₁, τ₁) over φ", false);
        XYSeries directLaw = new XYSeries("DirectPred: (p − epsilon, s) at the end of the runs over eta", false);
        double worstHead = 0;
        for (int i = 0; i < PHIS.length; i++) {
            Run r = runs.get(heads + i);
            org.repcollapse.model.Embeddings em = r.last();
            double h = org.repcollapse.theory.HeadTheory.separationEigenvalue(em);
            double tau1 = new org.repcollapse.model.ClassCoupling(r.system().structure()).eigenvalues()[1];
            minimal.add(h, tau1);
            worstHead = Math.max(worstHead, Math.abs(h - Math.sqrt(Math.max(tau1, 0))));
        }
        for (int i = 0; i < ETAS.length; i++) {
            double[] dp = runs.get(3 + 2 * i).result().trajectory().last();
            directLaw.add(dp[4] - epsilon, dp[5]);
        }
        ctx.measure("head_max_abs_error_vs_sqrt_tau1", worstHead);
        law.addSeries(minimal);
        law.addSeries(directLaw);
        XYSeriesCollection square = new XYSeriesCollection();
        XYSeries xx = new XYSeries("x = √τ₁ (head) = √s (DirectPred): τ₁, s = x² (dashed)", false);
        for (int i = 0; i <= 200; i++) {
            double x = i / 200.0;
            xx.add(x, x * x);
        }
        square.addSeries(xx);
        XYPlot sqrtLaw = new XYPlot(law, null, PaperStyle.linear("τ₁ (minimal) or s (DirectPred)", 0, 1.05, 0.2),
                PaperStyle.points(2));
        PaperStyle.overlayTheory(sqrtLaw, square, 1);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.linear(
                "predictor eigenvalue p (bottom panel: the carried eigenvalue x, head or p − epsilon)", -0.15, 1.02, 0.1));
        plot.setGap(10);
        for (XYPlot p : List.of(top, middle, bottom, sqrtLaw)) {
            PaperStyle.plot(p);
        }
        plot.add(top, 3);
        plot.add(middle, 2);
        plot.add(bottom, 2);
        plot.add(sqrtLaw, 2);
        return PaperStyle.chart("Figure 10. Linear SSL: collapse boundary, fold and square-root law", plot);
    }

    /** Adds (x, y) when both are finite and y > 0 (log axis of s; p may be negative). */
    private static void addPositive(XYSeries s, double x, double y) {
        if (Double.isFinite(x) && Double.isFinite(y) && y > 0) {
            s.add(x, y);
        }
    }

    /** The modes of a run as one path each, joined by gaps (NaN) so one series holds them all. */
    private static XYSeries path(String name, Run r) {
        XYSeries s = new XYSeries(name, false);
        int d = r.experiment().dim();
        for (int j = 0; j < d; j++) {
            if (j > 0) {
                s.add(Double.NaN, Double.NaN);
            }
            for (double[] row : r.result().trajectory().rows()) {
                addPositive(s, row[4 + j], row[4 + d + j]);
            }
        }
        return s;
    }

    /** How many modes of a run end as the mode flow predicts (summary.json's theory.final[].end == predicted). */
    @SuppressWarnings("unchecked")
    private static int modesOnPredictedSide(Run r) {
        int n = 0;
        for (Object o : (List<Object>) r.result().theory().get("final")) {
            java.util.Map<String, Object> m = (java.util.Map<String, Object>) o;
            n += m.get("end") != null && m.get("end").equals(m.get("predicted")) ? 1 : 0;
        }
        return n;
    }
}
