package org.repcollapse.plot;

import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;

/**
 * Axes with mathematical labels ({@link MathText}) and readable ticks. A log axis always
 * carries at least {@link #MIN_LOG_TICKS} labelled ticks: one per decade (or per 2, 3, ...
 * decades, at most nine) when the range spans two decades or more; below that at 1, 2, 5 x 10^k
 * (or finer mantissas, {@link #niceLogTicks}), and failing that evenly spaced in log10 at
 * 1/2, 1/3, ... decade, the largest such step that still gives three.
 */
public final class Axes {

    public static final int MIN_LOG_TICKS = 3;
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Axes() {
    }

    /** A log10 axis over [lo, hi] (both > 0). */
    public static LogAxis log(String label, double lo, double hi) {
        LogAxis a = new NiceLogAxis(MathText.plain(label));
        a.setAttributedLabel(MathText.attributed(label, LABEL));
        a.setBase(10);
        a.setSmallestValue(1e-300);
        a.setRange(lo, hi);
        a.setTickUnit(new NumberTickUnit(logStep(lo, hi), TICKS));
        a.setNumberFormatOverride(TICKS);
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        return a;
    }

    /** The tick step in decades for a log axis over [lo, hi]: at least {@link #MIN_LOG_TICKS} ticks fall inside. */
    public static double logStep(double lo, double hi) {
        double decades = Math.log10(hi) - Math.log10(lo);
        for (int whole = 1; whole <= 100; whole++) {
            int n = ticksInside(lo, hi, whole);
            if (n >= MIN_LOG_TICKS && n <= 9) {
                return whole;
            }
        }
        for (int parts = 2; parts <= 1000; parts++) {
            if (ticksInside(lo, hi, 1.0 / parts) >= MIN_LOG_TICKS) {
                return 1.0 / parts;
            }
        }
        return decades / MIN_LOG_TICKS;
    }

    /** Mantissas tried, in order, for a log axis spanning less than two decades. */
    private static final double[][] MANTISSAS = {
        {1, 2, 5}, {1, 2, 3, 5}, {1, 1.5, 2, 3, 4, 5, 6, 8}, {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9},
    };

    /**
     * The ticks of a log axis over [lo, hi] that spans less than two decades: values m 10^k with
     * m from the first of {1, 2, 5}, {1, 2, 3, 5}, ... that puts at least three inside; empty
     * when none does (then the evenly spaced log ticks are used).
     */
    public static java.util.List<Double> niceLogTicks(double lo, double hi) {
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        if (!(lo > 0) || !(hi > lo) || Math.log10(hi / lo) >= 2) {
            return ticks;
        }
        for (double[] set : MANTISSAS) {
            ticks.clear();
            for (int k = (int) Math.floor(Math.log10(lo)) - 1; k <= (int) Math.ceil(Math.log10(hi)); k++) {
                for (double m : set) {
                    double v = Double.parseDouble(String.format(Locale.ROOT, "%.6g", m * Math.pow(10, k)));
                    if (v >= lo && v <= hi) {
                        ticks.add(v);
                    }
                }
            }
            if (ticks.size() >= MIN_LOG_TICKS) {
                return ticks;
            }
        }
        ticks.clear();
        return ticks;
    }

    /** A log axis that labels narrow ranges at 1, 2, 5 x 10^k (see {@link #niceLogTicks}). */
    static final class NiceLogAxis extends LogAxis {

        private static final long serialVersionUID = 1L;

        NiceLogAxis(String label) {
            super(label);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public java.util.List refreshTicks(java.awt.Graphics2D g2, org.jfree.chart.axis.AxisState state,
                                           java.awt.geom.Rectangle2D dataArea,
                                           org.jfree.chart.ui.RectangleEdge edge) {
            java.util.List<Double> nice = niceLogTicks(getLowerBound(), getUpperBound());
            if (nice.isEmpty()) {
                return super.refreshTicks(g2, state, dataArea, edge);
            }
            org.jfree.chart.ui.TextAnchor anchor = edge == org.jfree.chart.ui.RectangleEdge.TOP
                    ? org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER
                    : edge == org.jfree.chart.ui.RectangleEdge.BOTTOM ? org.jfree.chart.ui.TextAnchor.TOP_CENTER
                    : edge == org.jfree.chart.ui.RectangleEdge.LEFT ? org.jfree.chart.ui.TextAnchor.CENTER_RIGHT
                    : org.jfree.chart.ui.TextAnchor.CENTER_LEFT;
            java.util.List ticks = new java.util.ArrayList();
            for (double v : nice) {
                ticks.add(new org.jfree.chart.axis.LogTick(org.jfree.chart.axis.TickType.MAJOR, v,
                        new java.text.AttributedString(tick(v)), anchor));
            }
            return ticks;
        }
    }

    /** How many multiples of {@code step} lie in [log10 lo, log10 hi] (ends excluded within rounding). */
    static int ticksInside(double lo, double hi, double step) {
        double a = Math.log10(lo) / step;
        double b = Math.log10(hi) / step;
        return (int) (Math.floor(b - 1e-9) - Math.ceil(a + 1e-9) + 1);
    }

    /** A linear axis with automatic range (zero not forced in). */
    public static NumberAxis linear(String label) {
        NumberAxis a = new NumberAxis(MathText.plain(label));
        a.setAttributedLabel(MathText.attributed(label, LABEL));
        a.setAutoRangeIncludesZero(false);
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        return a;
    }

    /** Sets the label of any axis from markup. */
    public static <A extends ValueAxis> A label(A axis, String label) {
        axis.setLabel(MathText.plain(label));
        axis.setAttributedLabel(MathText.attributed(label, LABEL));
        return axis;
    }

    /**
     * Tick labels to three significant digits: plain between 10^-3 and 10^4 (0.001, 3.16,
     * 2000), else in powers of ten (1e-05 as 1×10⁻⁵).
     */
    public static final NumberFormat TICKS = new NumberFormat() {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return to.append(tick(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return to.append(tick(v));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    };

    /** One tick label (see {@link #TICKS}). */
    public static String tick(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            DecimalFormat f = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
            double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.3g", v));
            f.setMaximumFractionDigits(Math.max(0, 2 - (int) Math.floor(Math.log10(a))));
            return f.format(rounded);
        }
        int exp = (int) Math.floor(Math.log10(a) + 1e-9);
        double mantissa = v / Math.pow(10, exp);
        String power = "10" + MathText.plain("^{" + exp + "}").replace("^", "");
        if (Math.abs(mantissa - Math.rint(mantissa)) < 1e-6 && Math.rint(Math.abs(mantissa)) == 1) {
            return (mantissa < 0 ? "-" : "") + power;
        }
        return String.format(Locale.ROOT, "%.3g", mantissa).replaceAll("\\.?0+$", "") + "×" + power;
    }
}
