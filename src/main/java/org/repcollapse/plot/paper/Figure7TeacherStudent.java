package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.plot.Style;

/**
 * Figure 7 (R9): the linear teacher-student model, figures 1 and 4 again: duplicate frustration,
 * flip frustration, and flip with head + stop-gradient..
 */
public final class Figure7TeacherStudent extends PaperFigure {

    static final List<String> MODELS = List.of("ts-duplicate.yaml", "ts-flip.yaml", "ts-flip-sg.yaml");
    static final String[] LABELS = {"duplicate", "flip", "flip, head + stop-gradient"};

    public Figure7TeacherStudent() {
        super("fig7-teacher-student", MODELS, 760);
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        List<Experiment> es = new ArrayList<>();
        for (String f : MODELS) {
            es.add(ctx.load(f));
        }
        List<Run> runs = ctx.runAll(es);
        XYSeriesCollection acc = new XYSeriesCollection();
        XYSeriesCollection sep = new XYSeriesCollection();
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = 0;
        for (int m = 0; m < runs.size(); m++) {
            Run r = runs.get(m);
            XYSeries a = new XYSeries(LABELS[m]);
            XYSeries s = new XYSeries(LABELS[m] + " separation");
            for (double[] row : r.result().trajectory().rows()) {
                PaperStyle.add(a, row[Metrics.T], row[Metrics.ACCURACY], false);
                PaperStyle.add(s, row[Metrics.T], row[Metrics.MIN_LABEL_DISTANCE], true);
            }
            acc.addSeries(a);
            sep.addSeries(s);
            tMin = Math.min(tMin, r.experiment().record().tStart());
            tMax = Math.max(tMax, r.experiment().integrator().tEnd());
            double rel = r.result().trajectory().isEmpty() ? Double.NaN
                    : r.result().trajectory().last()[Metrics.MIN_LABEL_DISTANCE]
                    / r.result().initial()[Metrics.MIN_LABEL_DISTANCE];
            ctx.measure(r.experiment().name() + "_final_separation_relative", rel);
            if (!r.result().complete()) {
                ctx.note(r.experiment().name() + ": " + r.result().failure().getMessage() + "; drawn up to then");
            }
        }
        Run dup = runs.get(0);
        double slow = predictedSlowRate(dup);
        ctx.measure("ts_slow_rate_predicted", slow);
        ctx.measure("duplicate_slow_rate_fitted", dup.result().slowRateFitted());
        ctx.measure("duplicate_slow_rate_rel_error", Math.abs(dup.result().slowRateFitted() / slow - 1));
        if (!(slow > 0)) {
            ctx.note("the teacher-student theory gives no slow rate for " + dup.experiment().name()
                    + "; no theory line drawn");
        }
        XYSeriesCollection theory = new XYSeriesCollection();
        XYSeries th = new XYSeries("teacher–student theory: slow decay exp(−λₛ t)");
        if (slow > 0) {
            double anchorT = 1 / slow;
            double anchor = Double.NaN;
            for (double[] row : dup.result().trajectory().rows()) {
                if (row[Metrics.T] <= anchorT) {
                    anchor = row[Metrics.MIN_LABEL_DISTANCE] * Math.exp(slow * row[Metrics.T]);
                }
            }
            for (double[] row : dup.result().trajectory().rows()) {
                double v = anchor * Math.exp(-slow * row[Metrics.T]);
                if (row[Metrics.T] >= 0.3 * anchorT && v > 1e-9) {
                    PaperStyle.add(th, row[Metrics.T], v, true);
                }
            }
        }
        theory.addSeries(th);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.time(tMin / 1.5, tMax));
        plot.setGap(10);
        XYPlot top = new XYPlot(acc, null, PaperStyle.linear("accuracy", 0, 1.05), PaperStyle.simulation(3));
        XYPlot bottom = new XYPlot(sep, null, PaperStyle.log("min label distance", 1e-9, 30, 2),
                PaperStyle.simulation(3));
        PaperStyle.overlayTheory(bottom, theory, 1);
        for (XYPlot p : List.of(top, bottom)) {
            PaperStyle.plot(p);
            for (int n = 0; n < 3; n++) {
                p.getRenderer().setSeriesStroke(n, Style.stroke(n, 3.0f));
            }
            PaperStyle.mark(p, slow > 0 ? 1 / slow : Double.NaN, p == top ? "1/λₛ" : null, false);
        }
        plot.add(top, 2);
        plot.add(bottom, 3);
        LegendItemCollection legend = new LegendItemCollection();
        for (int n = 0; n < 3; n++) {
            legend.add(Figure1TwoTimeScales.legendLine(LABELS[n], top.getRenderer(), n));
        }
        legend.add(Figure1TwoTimeScales.legendLine((String) th.getKey(), bottom.getRenderer(1), 0));
        plot.setFixedLegendItems(legend);
        return PaperStyle.chart("Figure 7. Linear teacher-student: duplicate and flip frustration", plot);
    }

    /**
     * The slow rate drawn over the duplicate run: the teacher-student model's own prediction, the
     * {@code slow_rate} of the run's theory (the exact rate of its linear operator over the fit
     * window, {@link org.repcollapse.theory.ExactSlowRate}), the same number {@code theory} and
     * {@code summary.json} give. The one place to switch to another prediction.
     */
    static double predictedSlowRate(Run r) {
        // the run's theory: the exact slow rate of the instance's own linear operator over the fit window
        // (theory/ExactSlowRate), as summary.json reports it
        Object rate = r.result().theory().get("slow_rate");
        return rate instanceof Double d ? d : Double.NaN;
    }

}
