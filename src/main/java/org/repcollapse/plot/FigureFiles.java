package org.repcollapse.plot;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.repcollapse.experiment.AtomicFiles;

/** Writes a chart as PNG and SVG (vector), each atomically. */
public final class FigureFiles {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 640;

    private FigureFiles() {
    }

    /** Writes {@code base.png} and {@code base.svg}. */
    public static void write(JFreeChart chart, Path base, int width, int height) throws IOException {
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("_" + base.getFileName() + "-"); // not the default nanoTime: same chart, same file
        chart.draw(g, new Rectangle(0, 0, width, height));
        String doc = g.getSVGDocument();
        AtomicFiles.write(svg, out -> out.write(doc.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(JFreeChart chart, Path base) throws IOException {
        write(chart, base, WIDTH, HEIGHT);
    }
}
