package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.plot.Style;

/**
 * Figure 6 (R6): the stationary label separation (relative to its initial value) against the
 * frustration fraction, with and without stop-gradient: mean and standard deviation over seeds.
 */
public final class Figure6StationarySeparation extends PaperFigure {

    static final String[] MODELS = {"head-sg.yaml", "head-no-sg.yaml"};
    static final String[] LABELS = {"head + stop-gradient", "head, no stop-gradient"};

    public Figure6StationarySeparation() {
        super("fig6-stationary-separation", List.of(MODELS));
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        double[] phi = Sweeps.fractions(ctx, true);
        int seeds = Sweeps.seeds(ctx);
        YIntervalSeriesCollection sim = new YIntervalSeriesCollection();
        for (int m = 0; m < MODELS.length; m++) {
            long base = ctx.load(MODELS[m]).seed();
            List<Experiment> all = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                all.addAll(Figure5HeadEigenvalue.experiments(ctx, MODELS[m], base + s));
            }
            List<Run> runs = ctx.runAll(all);
            YIntervalSeries series = new YIntervalSeries(LABELS[m] + " (mean ± sd over " + seeds + " seeds)");
            double smallest = Double.POSITIVE_INFINITY;
            double largest = 0;
            for (int p = 0; p < phi.length; p++) {
                double sum = 0;
                double sq = 0;
                for (int s = 0; s < seeds; s++) {
                    Run r = runs.get(s * phi.length + p);
                    double v = r.result().trajectory().last()[Metrics.MIN_LABEL_DISTANCE]
                            / r.result().initial()[Metrics.MIN_LABEL_DISTANCE];
                    sum += v;
                    sq += v * v;
                    if (phi[p] > 0) {
                        smallest = Math.min(smallest, v);
                        largest = Math.max(largest, v);
                    }
                }
                double mean = sum / seeds;
                double sd = Math.sqrt(Math.max(sq / seeds - mean * mean, 0) * seeds / Math.max(seeds - 1, 1));
                double x = phi[p] + (m == 0 ? -0.006 : 0.006);
                series.add(x, mean, mean - sd, mean + sd);
            }
            sim.addSeries(series);
            String key = m == 0 ? "sg" : "no_sg";
            ctx.measure(key + "_min_relative_separation_phi_gt_0", smallest);
            ctx.measure(key + "_max_relative_separation_phi_gt_0", largest);
        }
        ctx.measure("seeds", seeds);
        // the large-N mean-field prediction (spec section 4): the reduced system from the
        // mean-field statistics, with the same seeded labels and head, averaged over the seeds
        List<Experiment> meanField = new ArrayList<>();
        long base = ctx.load(MODELS[0]).seed();
        for (int s = 0; s < seeds; s++) {
            meanField.addAll(Sweeps.overFractions(ctx, MODELS[0], phi, base + s, "record.points=40",
                    "solver=mean-field"));
        }
        List<Run> mf = ctx.runAll(meanField);
        XYSeries prediction = new XYSeries("mean-field prediction, stop-gradient (N → ∞, mean over the same seeds)");
        for (int p = 0; p < phi.length; p++) {
            double sum = 0;
            for (int s = 0; s < seeds; s++) {
                Run r = mf.get(s * phi.length + p);
                sum += r.result().trajectory().last()[Metrics.MIN_LABEL_DISTANCE]
                        / r.result().initial()[Metrics.MIN_LABEL_DISTANCE];
            }
            prediction.add(phi[p], sum / seeds);
        }
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setDrawXError(false);
        r.setErrorStroke(new java.awt.BasicStroke(1.5f));
        r.setCapLength(6);
        for (int k = 0; k < 2; k++) {
            r.setSeriesPaint(k, Style.color(k));
            r.setSeriesShape(k, PaperStyle.shape(k));
        }
        r.setDefaultShapesFilled(true);
        XYPlot plot = new XYPlot(sim, PaperStyle.linear("frustration fraction φ", -0.03, 1.03, 0.1),
                PaperStyle.linear("separation at t = 1000 / at t = 0", -0.05, 1.3, 0.1), r);
        XYSeries zero = new XYSeries("theory, no stop-gradient: 0 for φ > 0 (R6)");
        zero.add(0.03, 0.0);
        zero.add(1.03, 0.0);
        XYSeriesCollection theory = new XYSeriesCollection(zero);
        theory.addSeries(prediction);
        PaperStyle.overlayTheory(plot, theory, 2);
        PaperStyle.plot(plot);
        return PaperStyle.chart("Figure 6. Stationary separation: stop-gradient keeps it finite", plot);
    }
}
