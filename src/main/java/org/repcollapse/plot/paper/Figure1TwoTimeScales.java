package org.repcollapse.plot.paper;

import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.plot.Style;
import org.repcollapse.theory.EmbeddingTheory;
import org.repcollapse.theory.GroupSolution;

/**
 * Figure 1 (R3, R4): the embedding-only model without and with frustration. Accuracy rises on
 * the fast scale {@code 1/lambda_f} ({@code lambda_f} = {@link EmbeddingTheory#fastRate()}, the
 * slowest fast rate: the same definition as the run plot's); with frustration the label separation then decays on the
 * slow scale {@code 1/lambda_s} while the loss keeps falling. Theory: the exact solution
 * {@link GroupSolution} for loss and separation, and the two time scales.
 */
public final class Figure1TwoTimeScales extends PaperFigure {

    public Figure1TwoTimeScales() {
        super("fig1-two-time-scales", List.of("eom-clean.yaml", "eom-frustrated.yaml"), 820);
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        List<Experiment> es = List.of(ctx.load("eom-clean.yaml"), ctx.load("eom-frustrated.yaml"));
        List<Run> runs = ctx.runAll(es);
        XYSeriesCollection acc = new XYSeriesCollection();
        XYSeriesCollection loss = new XYSeriesCollection();
        XYSeriesCollection sep = new XYSeriesCollection();
        XYSeriesCollection lossTh = new XYSeriesCollection();
        XYSeriesCollection sepTh = new XYSeriesCollection();
        double tMin = es.get(0).record().tStart();
        double tMax = es.get(0).integrator().tEnd();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int k = 0; k < runs.size(); k++) {
            Run r = runs.get(k);
            Experiment e = r.experiment();
            String phi = "phi = " + e.frustration().fraction();
            GroupSolution exact = new GroupSolution(r.system().structure(), e.rates().samples(), e.rates().labels(),
                    r.system().initialState(), r.system().dim());
            XYSeries a = new XYSeries(phi);
            XYSeries l = new XYSeries(phi + " loss");
            XYSeries d = new XYSeries(phi + " separation");
            XYSeries lt = new XYSeries(phi + " loss theory");
            XYSeries dt = new XYSeries(phi + " separation theory");
            double worst = 0;
            double d0 = r.result().initial()[Metrics.MIN_LABEL_DISTANCE];
            for (double[] row : r.result().trajectory().rows()) {
                double t = row[Metrics.T];
                PaperStyle.add(a, t, row[Metrics.ACCURACY], false);
                PaperStyle.add(l, t, row[Metrics.LOSS], true);
                PaperStyle.add(d, t, row[Metrics.MIN_LABEL_DISTANCE], true);
                double theoryD = exact.distance(t, 0, 1);
                double theoryL = exact.loss(t);
                if (theoryD > 1e-9 * d0) {
                    PaperStyle.add(dt, t, theoryD, true);
                    worst = Math.max(worst, Math.abs(row[Metrics.MIN_LABEL_DISTANCE] - theoryD) / theoryD);
                }
                if (theoryL > 1e-12 * r.result().initial()[Metrics.LOSS]) {
                    PaperStyle.add(lt, t, theoryL, true);
                }
                hi = Math.max(hi, Math.max(row[Metrics.LOSS], row[Metrics.MIN_LABEL_DISTANCE]));
            }
            lo = Math.min(lo, 1e-12 * r.result().initial()[Metrics.LOSS]);
            acc.addSeries(a);
            loss.addSeries(l);
            sep.addSeries(d);
            lossTh.addSeries(lt);
            sepTh.addSeries(dt);
            String key = e.frustration().fraction() == 0 ? "clean" : "frustrated";
            ctx.measure(key + "_separation_max_rel_error_vs_exact", worst);
            ctx.measure(key + "_final_separation", r.result().trajectory().last()[Metrics.MIN_LABEL_DISTANCE]);
        }
        Run frustrated = runs.get(1);
        EmbeddingTheory th = new EmbeddingTheory(frustrated.system().structure(),
                frustrated.experiment().rates().samples(), frustrated.experiment().rates().labels());
        double slow = th.slowRate();
        // the fast time scale 1/lambda_f: one definition, EmbeddingTheory.fastRate() (the slowest of the fast
        // rates, theory "fast_rate"), as in the run plot (RunFigure), summary.json and sweep.csv
        double fast = th.fastRate();
        ctx.measure("slow_rate_closed_form", slow);
        ctx.measure("slow_rate_fitted", frustrated.result().slowRateFitted());
        ctx.measure("slow_rate_rel_error", Math.abs(frustrated.result().slowRateFitted() / slow - 1));

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.time(tMin / 1.5, tMax));
        plot.setGap(10);
        XYPlot top = new XYPlot(acc, null, PaperStyle.linear("accuracy", 0.4, 1.05), PaperStyle.simulation(2));
        XYPlot mid = new XYPlot(loss, null, PaperStyle.log("loss", lo, hi * 3, 3), PaperStyle.simulation(2));
        PaperStyle.overlayTheory(mid, lossTh, 2);
        XYPlot bottom = new XYPlot(sep, null, PaperStyle.log("separation |y_0 − y_1|", 1e-9, 10, 2),
                PaperStyle.simulation(2));
        PaperStyle.overlayTheory(bottom, sepTh, 2);
        for (XYPlot p : List.of(top, mid, bottom)) {
            PaperStyle.plot(p);
            // labelled at the bottom of the accuracy panel, where the curve (near 1 by then) leaves room
            PaperStyle.mark(p, 1 / fast, p == top ? "1/λf" : null, false);
            PaperStyle.mark(p, 1 / slow, p == top ? "1/λₛ" : null, false);
            for (int s = 0; s < 2; s++) {
                p.getRenderer().setSeriesStroke(s, Style.stroke(s, 3.0f));
            }
        }
        // phi > 0 drawn last: its dashes stay visible where both accuracies are 1
        top.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        plot.add(top, 2);
        plot.add(mid, 3);
        plot.add(bottom, 3);
        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < runs.size(); k++) {
            legend.add(legendLine("simulation, φ = " + runs.get(k).experiment().frustration().fraction(),
                    top.getRenderer(), k));
        }
        legend.add(legendLine("exact solution (theory)", bottom.getRenderer(1), 0));
        plot.setFixedLegendItems(legend);
        return PaperStyle.chart("Figure 1. Two time scales: fast classification, slow collapse", plot);
    }

    static LegendItem legendLine(String label, org.jfree.chart.renderer.xy.XYItemRenderer r, int series) {
        LegendItem item = new LegendItem(label, null, null, null, new java.awt.geom.Line2D.Double(-14, 0, 14, 0),
                r.getSeriesStroke(series), r.getSeriesPaint(series));
        return item;
    }

}
