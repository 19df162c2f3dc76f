package org.repcollapse.plot.paper;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.plot.Axes;
import org.repcollapse.plot.Style;

/**
 * The paper figures' common parts, on top of {@link Style}: log axes with decade ticks,
 * simulation drawn solid or as hollow markers, theory drawn on top as a thin dark dashed line
 * (so it stays visible over the data), legends below the plot.
 */
final class PaperStyle {

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font MARK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Theory: black at 70 % opacity, thin and dashed, so the simulation under it shows through. */
    static final Color THEORY_PAINT = new Color(0, 0, 0, 180);

    private PaperStyle() {
    }

    /**
     * Log axis with one labelled tick per {@code decades} decades, or closer ticks where that
     * would leave fewer than three ({@link Axes#log}); the label in {@link org.repcollapse.plot.MathText} markup.
     */
    static LogAxis log(String label, double lo, double hi, double decades) {
        LogAxis a = Axes.log(label, lo, hi);
        a.setTickUnit(new NumberTickUnit(Math.min(decades, Axes.logStep(lo, hi)), Axes.TICKS));
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        return a;
    }

    static LogAxis time(double lo, double hi) {
        return log("time t", lo, hi, 1);
    }

    static NumberAxis linear(String label, double lo, double hi, double tick) {
        NumberAxis a = linear(label, lo, hi);
        a.setTickUnit(new NumberTickUnit(tick));
        return a;
    }

    static NumberAxis linear(String label, double lo, double hi) {
        NumberAxis a = Axes.label(new NumberAxis(label), label);
        a.setRange(lo, hi);
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        return a;
    }

    /** Adds (x, y) when both are finite (and positive, for log axes). */
    static void add(XYSeries s, double x, double y, boolean positive) {
        if (Double.isFinite(x) && Double.isFinite(y) && (!positive || (x > 0 && y > 0))) {
            s.add(x, y);
        }
    }

    /** Simulation lines: series k gets colour k and dash k. */
    static XYLineAndShapeRenderer simulation(int series) {
        XYLineAndShapeRenderer r = Style.lines(series);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    /** Simulation points: hollow markers of colour k, shape k, no line. */
    static XYLineAndShapeRenderer points(int series) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int k = 0; k < series; k++) {
            r.setSeriesPaint(k, Style.color(k));
            r.setSeriesShape(k, shape(k));
            r.setSeriesStroke(k, new BasicStroke(1.6f));
            r.setSeriesOutlineStroke(k, new BasicStroke(1.6f));
        }
        r.setUseFillPaint(true);
        r.setDefaultFillPaint(Color.WHITE);
        r.setDrawOutlines(true);
        r.setUseOutlinePaint(false);
        return r;
    }

    static Shape shape(int k) {
        double s = 8;
        return k % 2 == 0 ? new Ellipse2D.Double(-s / 2, -s / 2, s, s) : new Rectangle2D.Double(-s / 2, -s / 2, s, s);
    }

    /** Theory lines, dark; series k dashed with pattern k of the theory family. */
    static XYLineAndShapeRenderer theory(int series) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        float[][] dashes = {{6f, 4f}, {2f, 2f}, {10f, 3f, 2f, 3f}};
        for (int k = 0; k < series; k++) {
            r.setSeriesPaint(k, THEORY_PAINT);
            r.setSeriesStroke(k, new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    dashes[k % dashes.length], 0f));
        }
        return r;
    }

    /** Draws {@code theory} over the plot's simulation data with {@link #theory}{@code (series)}. */
    static void overlayTheory(XYPlot plot, XYDataset theory, int series) {
        plot.setDataset(1, theory);
        plot.setRenderer(1, theory(series));
    }

    /** Vertical marker at x with a label at the top. */
    static void mark(XYPlot p, double x, String label) {
        mark(p, x, label, true);
    }

    /** Vertical marker at x with a label at the top or at the bottom of the plot. */
    static void mark(XYPlot p, double x, String label, boolean top) {
        if (!(x > 0) || !Double.isFinite(x)) {
            return;
        }
        ValueMarker m = new ValueMarker(x, new Color(120, 120, 120), new BasicStroke(1.0f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(MARK);
            m.setLabelPaint(Color.DARK_GRAY);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            m.setLabelAnchor(top ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(top ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
            m.setLabelOffset(new RectangleInsets(4, 3, 4, 3));
        }
        p.addDomainMarker(m);
    }

    /** Horizontal marker at y. */
    static void level(XYPlot p, double y) {
        p.addRangeMarker(new ValueMarker(y, Color.BLACK, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)));
    }

    static void plot(XYPlot p) {
        Style.plot(p);
        p.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    }

    /** The chart: title, the plot, the legend below. */
    static JFreeChart chart(String title, Plot plot) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend.setFrame(new org.jfree.chart.block.BlockBorder(Color.LIGHT_GRAY));
        return chart;
    }

    /** One dataset of these series, in this order (the legend's and the renderer's series order). */
    public static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries x : series) {
            c.addSeries(x);
        }
        return c;
    }
}
