package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.Systems;

/**
 * Figure 8 (R8): the exact group reduction against the full N-sample model, head with
 * stop-gradient: largest relative difference of the recorded loss, label distance and head
 * spectrum, and the work of both (right-hand-side evaluations times multiply-adds per evaluation,
 * {@link Systems#rhsCost}; deterministic, unlike wall time, so the figure is reproducible), against N.
 */
public final class Figure8ReducedVsFull extends PaperFigure {

    static final String MODEL = "head-sg.yaml";
    static final int[] COMPARED = {Metrics.LOSS, Metrics.MIN_LABEL_DISTANCE, Metrics.HEAD_EIG_MAX};

    public Figure8ReducedVsFull() {
        super("fig8-reduced-vs-full", List.of(MODEL), 760);
    }

    /** Right-hand-side evaluations times multiply-adds per evaluation. */
    private static double work(Run run) {
        Experiment e = run.experiment();
        return run.result().evaluations() * Systems.rhsCost(e, Systems.structure(e), run.result().solver());
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        int[] sizes = ctx.quick() ? new int[] {40, 160} : new int[] {100, 200, 400, 800, 1600};
        XYSeries diff = new XYSeries("largest relative difference, reduced vs full");
        XYSeries full = new XYSeries("full model");
        XYSeries reduced = new XYSeries("reduced model");
        double worst = 0;
        double rtol = Double.NaN;
        List<Run> pairs = new ArrayList<>();
        for (int n : sizes) {
            Run f = ctx.run(ctx.load(MODEL, "samples=" + n, "solver=full"));
            Run r = ctx.run(ctx.load(MODEL, "samples=" + n, "solver=reduced"));
            pairs.add(f);
            pairs.add(r);
            Experiment e = f.experiment();
            rtol = e.integrator().rtol();
            double d = difference(f.result().trajectory(), r.result().trajectory());
            worst = Math.max(worst, d);
            PaperStyle.add(diff, n, Math.max(d, 1e-16), true);
            PaperStyle.add(full, n, work(f), true);
            PaperStyle.add(reduced, n, work(r), true);
        }
        ctx.measure("max_rel_difference", worst);
        ctx.measure("rtol", rtol);
        ctx.measure("full_work_largest_N", full.getY(full.getItemCount() - 1).doubleValue());
        ctx.measure("reduced_work_largest_N", reduced.getY(reduced.getItemCount() - 1).doubleValue());
        double n0 = sizes[0];
        double n1 = sizes[sizes.length - 1] * 1.5;
        XYSeries tol = new XYSeries("integration tolerance rtol");
        tol.add(n0 / 1.5, rtol);
        tol.add(n1, rtol);
        XYSeries slopeFull = new XYSeries("∝ N");
        XYSeries slopeReduced = new XYSeries("∝ N⁰");
        double f0 = full.getY(0).doubleValue();
        double r0 = reduced.getY(0).doubleValue();
        slopeFull.add(n0, f0);
        slopeFull.add(n1, f0 * n1 / n0);
        slopeReduced.add(n0, r0);
        slopeReduced.add(n1, r0);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.log("samples N", n0 / 1.5, n1, 1));
        plot.setGap(10);
        XYPlot top = new XYPlot(new XYSeriesCollection(diff), null, PaperStyle.log("relative difference", 1e-16, 1e-2, 2),
                PaperStyle.points(1));
        top.getRenderer().setSeriesPaint(0, org.repcollapse.plot.Style.color(2));
        top.getRenderer().setSeriesShape(0, PaperStyle.shape(0));
        PaperStyle.overlayTheory(top, new XYSeriesCollection(tol), 1);
        XYSeriesCollection times = PaperStyle.collection(full, reduced);
        XYSeriesCollection slopes = PaperStyle.collection(slopeFull, slopeReduced);
        XYPlot bottom = new XYPlot(times, null, PaperStyle.log("multiply-adds per run", 1e6, 1e12, 1),
                PaperStyle.points(2));
        PaperStyle.overlayTheory(bottom, slopes, 2);
        PaperStyle.plot(top);
        PaperStyle.plot(bottom);
        plot.add(top, 1);
        plot.add(bottom, 1);
        return PaperStyle.chart("Figure 8. Reduced versus full model: agreement and cost", plot);
    }

    /** Largest relative difference over the compared columns, where the values are above 1e-6 of their maximum. */
    static double difference(Trajectory a, Trajectory b) {
        double worst = 0;
        int rows = Math.min(a.size(), b.size());
        for (int c : COMPARED) {
            double[] x = a.column(c);
            double[] y = b.column(c);
            double max = 0;
            for (double v : x) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            for (int k = 0; k < rows; k++) {
                double s = Math.max(Math.abs(x[k]), Math.abs(y[k]));
                if (Double.isFinite(s) && s > 1e-6 * max) {
                    worst = Math.max(worst, Math.abs(x[k] - y[k]) / s);
                }
            }
        }
        return worst;
    }

}
