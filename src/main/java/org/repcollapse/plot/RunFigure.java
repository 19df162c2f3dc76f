package org.repcollapse.plot;

import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.analysis.Trajectory;

/**
 * The figure of one run against log t: accuracy on top; below, loss and min label distance
 * relative to their values at t = 0 on a log scale, with the predicted time scales
 * {@code 1/lambda_f} and {@code 1/lambda_s} marked ({@code lambda_f} the theory's fast_rate,
 * {@code EmbeddingTheory.fastRate()}, the definition figure 1 uses too), and the predicted slow
 * decay drawn dashed. The title states N, K, phi and the solver ({@link #title}).
 */
public final class RunFigure {

    private static final double FLOOR = 1e-14;

    private RunFigure() {
    }

    /**
     * @param fastRate predicted fast rate (NaN: no marker)
     * @param slowRate predicted slow rate (NaN or 0: no marker, no theory line)
     */
    public static JFreeChart create(String title, Trajectory tr, double[] initial, double fastRate, double slowRate) {
        double[] t = tr.column(Metrics.T);
        double tLo = Double.POSITIVE_INFINITY;
        double tHi = 0;
        for (double v : t) {
            if (v > 0) {
                tLo = Math.min(tLo, v);
                tHi = Math.max(tHi, v);
            }
        }
        if (!(tHi > tLo)) {
            tLo = 1e-2;
            tHi = 1;
        }
        LogAxis time = Axes.log("time t", tLo / 1.2, tHi * 1.2);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(8);

        XYSeriesCollection acc = new XYSeriesCollection();
        XYSeries a = new XYSeries("accuracy");
        double[] accuracy = tr.column(Metrics.ACCURACY);
        for (int k = 0; k < t.length; k++) {
            a.add(t[k], accuracy[k]);
        }
        acc.addSeries(a);
        NumberAxis accAxis = Axes.label(new NumberAxis("accuracy"), "accuracy");
        accAxis.setRange(0, 1.05);
        XYPlot top = new XYPlot(acc, null, accAxis, Style.lines(1));
        Style.plot(top);

        XYSeriesCollection rel = new XYSeriesCollection();
        XYSeries loss = new XYSeries(MathText.plain("loss L(t) / L(0)"));
        XYSeries dist = new XYSeries(MathText.plain("min label distance / its value at t = 0"));
        double[] l = tr.column(Metrics.LOSS);
        double[] d = tr.column(Metrics.MIN_LABEL_DISTANCE);
        double l0 = initial[Metrics.LOSS];
        double d0 = initial[Metrics.MIN_LABEL_DISTANCE];
        double lowest = 1;
        for (int k = 0; k < t.length; k++) {
            if (l[k] / l0 >= FLOOR) {
                loss.add(t[k], l[k] / l0);
            }
            if (d[k] / d0 >= FLOOR) {
                dist.add(t[k], d[k] / d0);
            }
            lowest = Math.min(lowest, Math.max(Math.min(l[k] / l0, d[k] / d0), FLOOR));
        }
        rel.addSeries(loss);
        rel.addSeries(dist);
        boolean theoryLine = slowRate > 0 && Double.isFinite(slowRate);
        if (theoryLine) {
            // anchored where the fit window starts: half way through the decay to 1e-6
            XYSeries th = new XYSeries(MathText.plain("theory: exp(−λ_s t)"));
            int anchor = anchorIndex(t, d);
            double amp = d[anchor] / d0 * Math.exp(slowRate * t[anchor]);
            for (int k = 0; k < t.length; k++) {
                double v = amp * Math.exp(-slowRate * t[k]);
                if (v >= FLOOR && t[k] >= 1 / (4 * slowRate) * 0.1) {
                    th.add(t[k], v);
                }
            }
            rel.addSeries(th);
        }
        double relLo = Math.max(lowest / 3, FLOOR);
        LogAxis relAxis = Axes.log("relative to t = 0", relLo, 3);
        relAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(Math.min(2.0, Axes.logStep(relLo, 3)),
                Axes.TICKS));
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer lines = Style.lines(3);
        lines.setSeriesPaint(0, Style.color(1));
        lines.setSeriesStroke(0, Style.stroke(1, 2.2f));
        lines.setSeriesPaint(1, Style.color(2));
        lines.setSeriesStroke(1, Style.stroke(0, 3.0f));
        XYPlot bottom = new XYPlot(rel, null, relAxis, lines);
        if (theoryLine) {
            bottom.getRenderer().setSeriesPaint(2, Style.THEORY);
            bottom.getRenderer().setSeriesStroke(2, Style.theoryStroke());
            bottom.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        }
        Style.plot(bottom);
        mark(bottom, fastRate, MathText.plain("1/λ_f"));
        mark(bottom, slowRate, MathText.plain("1/λ_s"));
        mark(top, fastRate, null);
        mark(top, slowRate, null);
        plot.add(top, 1);
        plot.add(bottom, 2);
        JFreeChart chart = new JFreeChart(MathText.plain(title), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        Style.apply(chart);
        return chart;
    }

    /** A run plot's title: the experiment, N, K, φ, the solver and the integration method. */
    public static String title(org.repcollapse.experiment.Experiment e, String solver) {
        return String.format(java.util.Locale.ROOT, "%s: N = %d, K = %d, φ = %s, %s solver, %s", e.name(),
                e.samples(), e.classes(), Axes.tick(e.frustration().fraction()), solver, e.integrator().method());
    }

    private static int anchorIndex(double[] t, double[] d) {
        double max = 0;
        for (double v : d) {
            max = Math.max(max, v);
        }
        int b = 0;
        for (int k = 0; k < d.length; k++) {
            if (d[k] > 1e-6 * max) {
                b = k;
            }
        }
        int a = b;
        while (a > 0 && t[a - 1] >= 0.5 * t[b]) {
            a--;
        }
        return a;
    }

    private static void mark(XYPlot p, double rate, String label) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            return;
        }
        ValueMarker m = new ValueMarker(1 / rate, Style.THEORY, Style.theoryStroke());
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        }
        p.addDomainMarker(m);
    }
}
