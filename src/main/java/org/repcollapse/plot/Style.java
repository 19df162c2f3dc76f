package org.repcollapse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * One look for every figure: white background, series told apart by both colour and dash
 * pattern (readable in greyscale), theory drawn dashed and dark.
 */
public final class Style {

    /** Colour-blind-safe palette of decreasing luminance contrast (Okabe-Ito). */
    public static final Color[] COLORS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233), new Color(230, 159, 0), Color.BLACK,
    };
    public static final float[][] DASHES = {
        null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}, {4f, 4f}, {1f, 2f},
    };
    public static final Color THEORY = new Color(40, 40, 40);

    private Style() {
    }

    public static Stroke stroke(int k, float width) {
        float[] dash = DASHES[k % DASHES.length];
        return dash == null ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }

    public static Stroke theoryStroke() {
        return new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    public static Paint color(int k) {
        return COLORS[k % COLORS.length];
    }

    /** Line renderer: series k gets colour k and dash k. */
    public static XYLineAndShapeRenderer lines(int series) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < series; k++) {
            r.setSeriesPaint(k, color(k));
            r.setSeriesStroke(k, stroke(k, 2.2f));
        }
        return r;
    }

    public static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        if (chart.getPlot() instanceof XYPlot p) {
            plot(p);
        }
    }

    public static void plot(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(220, 220, 220));
        p.setRangeGridlinePaint(new Color(220, 220, 220));
        p.setOutlinePaint(Color.GRAY);
    }
}
