package org.repcollapse.plot.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.repcollapse.plot.Axes;
import org.repcollapse.plot.MathText;
import org.repcollapse.plot.Style;

/**
 * A sweep drawn as lines against one swept key: per (column, series value) the mean over seeds
 * with error bars (hollow markers on a thin line, drawn on top) and, where sweep.csv has the
 * matching theory column, the theory as a wide translucent dashed band of the same colour drawn
 * underneath, so both stay visible where they agree. On a log axis, points that are not positive
 * are left out and an error bar that would reach below zero is cut at the mean.
 */
public final class SweepChart {

    /** The chart and what it left out. */
    public record Drawn(JFreeChart chart, List<String> notes) {
    }

    private static final BasicStroke THEORY_STROKE = new BasicStroke(5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {10f, 6f}, 0f);

    private SweepChart() {
    }

    /** The name of the line of one (column, series value). */
    public static String lineName(String column, boolean manyColumns, String seriesKey, String series) {
        String name = manyColumns || seriesKey == null ? MathText.plain(SweepColumns.label(column)) : "";
        if (seriesKey != null) {
            String s = MathText.plain(SweepColumns.label(seriesKey)) + " = " + series;
            name = name.isEmpty() ? s : name + ", " + s;
        }
        return name;
    }

    public static Drawn draw(List<SweepAggregate.Point> points, String xKey, String seriesKey, List<String> columns,
                             boolean logX, boolean logY, SeedStatistics.ErrorBar bar, String title, String subtitle) {
        boolean many = columns.size() > 1;
        Map<String, YIntervalSeries> simulation = new LinkedHashMap<>();
        Map<String, XYSeries> theory = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();     // theory line -> the simulation line it predicts
        List<String> notes = new ArrayList<>();
        double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int dropped = 0;
        for (SweepAggregate.Point p : points) {
            String name = lineName(p.column(), many, seriesKey, p.series());
            double x = p.xValue();
            double mean = p.stats().mean();
            boolean theoryOnly = SweepColumns.isTheory(p.column());
            if (!Double.isFinite(mean) || (logX && x <= 0) || (logY && mean <= 0)) {
                dropped += Double.isFinite(mean) ? 1 : 0;
            } else if (theoryOnly) {
                theory.computeIfAbsent(name, n -> new XYSeries(n, false)).add(x, mean);
                extend(xr, x);
                extend(yr, mean);
            } else {
                double e = p.stats().error(bar);
                double lo = logY && mean - e <= 0 ? mean : mean - e;
                simulation.computeIfAbsent(name, n -> new YIntervalSeries(n, false, true)).add(x, mean, lo, mean + e);
                extend(xr, x);
                extend(yr, lo);
                extend(yr, mean + e);
            }
            if (!theoryOnly && p.theoryColumn() != null && Double.isFinite(p.theory())
                    && !(logX && x <= 0) && !(logY && p.theory() <= 0)) {
                String tn = "theory " + MathText.plain(SweepColumns.label(p.theoryColumn())).replace(" (theory)", "")
                        + (seriesKey == null ? "" : ", " + MathText.plain(SweepColumns.label(seriesKey)) + " = "
                        + p.series());
                theory.computeIfAbsent(tn, n -> new XYSeries(n, false)).add(x, p.theory());
                owner.put(tn, name);
                extend(yr, p.theory());
            }
        }
        if (dropped > 0) {
            notes.add(dropped + " points not positive, left out of the log axis");
        }
        YIntervalSeriesCollection sim = new YIntervalSeriesCollection();
        simulation.values().forEach(sim::addSeries);
        XYSeriesCollection th = new XYSeriesCollection();
        theory.values().forEach(th::addSeries);

        String yLabel = columns.size() == 1 ? SweepColumns.label(columns.get(0)) : "value";
        ValueAxis xAxis = axis(SweepColumns.label(xKey), logX, xr);
        ValueAxis yAxis = axis(yLabel, logY, yr);
        XYPlot plot = new XYPlot(th, xAxis, yAxis, theoryRenderer(colours(theory, owner, simulation)));
        plot.setDataset(1, sim);
        plot.setRenderer(1, simulationRenderer(simulation.size()));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);   // theory (0) under simulation (1)
        Style.plot(plot);
        JFreeChart chart = new JFreeChart(MathText.plain(title), new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend.setFrame(new BlockBorder(Color.LIGHT_GRAY));
        return new Drawn(chart, notes);
    }

    private static void extend(double[] range, double v) {
        if (Double.isFinite(v)) {
            range[0] = Math.min(range[0], v);
            range[1] = Math.max(range[1], v);
        }
    }

    private static ValueAxis axis(String label, boolean log, double[] range) {
        if (!log) {
            return Axes.linear(label);
        }
        double lo = range[0];
        double hi = range[1];
        if (!(lo > 0) || !(hi > 0)) {
            lo = 0.1;
            hi = 10;
        } else if (hi / lo < 1.5) {
            double mid = Math.sqrt(lo * hi);
            lo = mid / 1.5;
            hi = mid * 1.5;
        }
        double pad = Math.pow(hi / lo, 0.05);
        return Axes.log(label, lo / pad, hi * pad);
    }

    /** Simulation: hollow circles of colour k on a thin solid line, error bars of the same colour. */
    private static XYErrorRenderer simulationRenderer(int series) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setErrorPaint(null);                      // the series colour
        r.setErrorStroke(new BasicStroke(1.2f));
        r.setCapLength(6);
        r.setUseFillPaint(true);
        r.setDefaultFillPaint(Color.WHITE);
        r.setDrawOutlines(true);
        r.setUseOutlinePaint(false);
        for (int k = 0; k < series; k++) {
            r.setSeriesPaint(k, Style.color(k));
            r.setSeriesStroke(k, new BasicStroke(1.3f));
            r.setSeriesOutlineStroke(k, new BasicStroke(1.6f));
            r.setSeriesShape(k, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        return r;
    }

    /** The colour index of each theory line: that of the simulation line it predicts, else its own. */
    private static List<Integer> colours(Map<String, XYSeries> theory, Map<String, String> owner,
                                         Map<String, YIntervalSeries> simulation) {
        List<String> sim = new ArrayList<>(simulation.keySet());
        List<Integer> c = new ArrayList<>();
        int k = 0;
        for (String t : theory.keySet()) {
            int i = owner.containsKey(t) ? sim.indexOf(owner.get(t)) : -1;
            c.add(i >= 0 ? i : sim.size() + k);
            k++;
        }
        return c;
    }

    /**
     * Theory: a wide, translucent dashed band in the colour of the simulation line it predicts,
     * drawn underneath, so the thin simulation line and its markers stay visible on top of it
     * and the theory stays visible where the two agree to the pixel.
     */
    private static XYLineAndShapeRenderer theoryRenderer(List<Integer> colours) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        for (int k = 0; k < colours.size(); k++) {
            Color c = (Color) Style.color(colours.get(k));
            r.setSeriesPaint(k, new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
            r.setSeriesStroke(k, THEORY_STROKE);
        }
        return r;
    }
}
