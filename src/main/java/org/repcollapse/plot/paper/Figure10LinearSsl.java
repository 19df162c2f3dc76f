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
 * {@code s* = (p* - epsilon)^2} (DirectPred), with the runs' ends.
 */
public final class Figure10LinearSsl extends PaperFigure {

    static final String MODEL = "linear-ssl.yaml";
    static final double[] ETAS = {0.01, 0.04, 0.08, 0.12, 0.15, 0.16};

    public Figure10LinearSsl() {
        super("fig10-linear-ssl", List.of(MODEL), 1000,
                "The linear non-contrastive SSL model (Tian, Chen & Ganguli 2021; models/linear-ssl.yaml: d = 4, "
                + "D = 8, sigma^2 = 0.5 so k = 1.5, eta = 0.04, alpha_p = 1, modes started aligned). Top: the four "
                + "modes in the (p, s) plane, SimSiam (solid) and BYOL with beta = 0.5 (second colour); dashed: the "
                + "collapse boundary s = S(p), the stable manifold of the saddle (p*-, s*-) traced backwards from it; "
                + "modes started below it collapse (s -> 0), above it they reach (p*+, s*+). Middle: eta = p (1 - k p), "
                + "the weight decay at which p is a fixed point; its top is the fold eta_crit = 1/(4k) where p*+ and "
                + "p*- meet; circles: p_1 at t = 1000 of runs over eta (one mode). Bottom: the square-root law at the "
                + "fixed point, s* = p*^2/alpha_p for the learned predictor and s* = (p* - epsilon)^2 for DirectPred "
                + "(epsilon = 0.1), with the same runs' ends: the analogue of the minimal model's head eigenvalue "
                + "sqrt(tau_k) (R5, figure 5).");
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
        List<Run> runs = ctx.runAll(all);
        double k = 1 + simSiam.ssl().augmentationNoise();
        double alpha = simSiam.ssl().predictorRate();
        double epsilon = simSiam.ssl().directPred().epsilon();
        ModeFixedPoints fp = new ModeFixedPoints(k, simSiam.ssl().weightDecay(), alpha, 1.0);

        // top: (p, s) plane
        XYSeriesCollection paths = new XYSeriesCollection();
        paths.addSeries(path("SimSiam modes", runs.get(0)));
        paths.addSeries(path("BYOL (beta = 0.5) modes", runs.get(1)));
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

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.linear("predictor eigenvalue p", -0.15, 0.9, 0.1));
        plot.setGap(10);
        for (XYPlot p : List.of(top, middle, bottom)) {
            PaperStyle.plot(p);
        }
        plot.add(top, 3);
        plot.add(middle, 2);
        plot.add(bottom, 2);
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
