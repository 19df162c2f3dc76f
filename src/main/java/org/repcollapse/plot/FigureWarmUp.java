package org.repcollapse.plot;

import java.awt.Rectangle;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.analysis.Trajectory;

/**
 * Loads and compiles the figure code while a run integrates: on a background daemon thread, a
 * throw-away run figure is drawn to a small raster image, to SVG and to PDF in memory (nothing is
 * written). The first real figure then finds the classes loaded, the fonts opened and the
 * renderers warm; it is drawn exactly as without the warm-up (same bytes). Measured in
 * {@code bench/stiff.sh}: the run figure's share of a short run.
 */
public final class FigureWarmUp {

    private FigureWarmUp() {
    }

    /** Starts the warm-up (call when a figure will be drawn at the end). */
    public static void start() {
        Thread t = new Thread(FigureWarmUp::draw, "figure-warm-up");
        t.setDaemon(true);
        t.start();
    }

    static void draw() {
        try {
            Trajectory tr = new Trajectory(Metrics.columns(2));
            for (int k = 0; k < 4; k++) {
                double[] row = new double[Metrics.COV_EIG_1 + 2];
                java.util.Arrays.fill(row, 1.0 / (k + 1));
                row[Metrics.T] = Math.pow(10, k - 2);
                tr.add(row);
            }
            JFreeChart chart = RunFigure.create("warm-up: \u03c6 = 0.1, \u03b3 = 1", tr, tr.rows().get(0), 1.0, 0.1);
            FigureFiles.png(chart, FigureFiles.WIDTH, FigureFiles.HEIGHT, 0.25);
            SVGGraphics2D g = new SVGGraphics2D(FigureFiles.WIDTH, FigureFiles.HEIGHT);
            chart.draw(g, new Rectangle(0, 0, FigureFiles.WIDTH, FigureFiles.HEIGHT));
            g.getSVGDocument();
            FigureFiles.pdf(chart, FigureFiles.WIDTH, FigureFiles.HEIGHT);
        } catch (RuntimeException | LinkageError ex) {
            // a warm-up that fails costs nothing: the real figure reports its own errors
        }
    }
}
