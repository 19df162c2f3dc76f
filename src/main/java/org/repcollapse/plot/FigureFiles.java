package org.repcollapse.plot;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.PDFHints;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.repcollapse.experiment.AtomicFiles;

/**
 * Writes a chart as PNG (raster, at {@code scale} times the layout size: 2 by default, i.e.
 * 192 dpi for a layout in 96-dpi points), SVG and PDF (vector, one page the layout size; text
 * drawn as glyph outlines so Greek letters and sub/superscripts print whatever fonts the
 * reader has), each atomically.
 */
public final class FigureFiles {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 640;
    /** The logical resolution of the layout (Java2D's), against which {@code --dpi} is a scale. */
    public static final double LAYOUT_DPI = 96;
    public static final double DEFAULT_SCALE = 2;

    private FigureFiles() {
    }

    /** Writes {@code base.png} (at {@code scale}), {@code base.svg} and {@code base.pdf}. */
    public static void write(JFreeChart chart, Path base, int width, int height, double scale) throws IOException {
        Path png = sibling(base, ".png");
        BufferedImage image = png(chart, width, height, scale);
        AtomicFiles.write(png, out -> ChartUtils.writeBufferedImageAsPNG(out, image));
        writeVector(chart, base, width, height);
    }

    /**
     * As {@link #write(JFreeChart, Path, int, int, double)}, with the PNG drawn on a second thread from
     * its own chart instance ({@code charts} builds a fresh, identical one per call; a chart is not
     * drawn by two threads at once): a run's figure at the end, when both cores are free. Same bytes.
     */
    public static void write(java.util.function.Supplier<JFreeChart> charts, Path base, int width, int height,
                             double scale) throws IOException {
        JFreeChart forPng = charts.get();
        java.util.concurrent.CompletableFuture<BufferedImage> image = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> png(forPng, width, height, scale), r -> {
                    Thread t = new Thread(r, "figure-png");
                    t.setDaemon(true);
                    t.start();
                });
        writeVector(charts.get(), base, width, height);
        BufferedImage done = image.join();
        AtomicFiles.write(sibling(base, ".png"), out -> ChartUtils.writeBufferedImageAsPNG(out, done));
    }

    /** {@code base.svg} (defs keyed by the file name, so the same chart gives the same file) and {@code base.pdf}. */
    private static void writeVector(JFreeChart chart, Path base, int width, int height) throws IOException {
        Path svg = sibling(base, ".svg");
        Path pdf = sibling(base, ".pdf");
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("_" + base.getFileName() + "-"); // not the default nanoTime: same chart, same file
        chart.draw(g, new Rectangle(0, 0, width, height));
        String doc = g.getSVGDocument();
        AtomicFiles.write(svg, out -> out.write(doc.getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = pdf(chart, width, height);
        AtomicFiles.write(pdf, out -> out.write(bytes));
    }

    public static void write(JFreeChart chart, Path base, int width, int height) throws IOException {
        write(chart, base, width, height, DEFAULT_SCALE);
    }

    public static void write(JFreeChart chart, Path base) throws IOException {
        write(chart, base, WIDTH, HEIGHT);
    }

    /** The chart drawn at {@code scale} times its layout size. */
    public static BufferedImage png(JFreeChart chart, int width, int height, double scale) {
        BufferedImage image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.scale(scale, scale);
        chart.draw(g, new Rectangle(0, 0, width, height));
        g.dispose();
        return image;
    }

    /** The chart as a one-page PDF document. */
    public static byte[] pdf(JFreeChart chart, int width, int height) {
        PDFDocument doc = new PDFDocument();
        doc.setTitle(chart.getTitle() != null ? chart.getTitle().getText() : "figure");
        Page page = doc.createPage(new Rectangle(width, height));
        PDFGraphics2D g = page.getGraphics2D();
        g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return withoutDates(doc.getPDFBytes());
    }

    /**
     * The document with its creation and modification dates set to a fixed 2000-01-01 (digits
     * replaced in place, so every byte offset of the cross-reference table stays right): the same
     * chart gives the same bytes, as for PNG and SVG.
     */
    static byte[] withoutDates(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/(Creation|Mod)Date \\(D:(\\d{14})").matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, "/" + m.group(1) + "Date (D:20000101000000");
        }
        m.appendTail(b);
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The PNG scale for a resolution in dots per inch. */
    public static double scaleOf(double dpi) {
        return dpi / LAYOUT_DPI;
    }

    public static Path sibling(Path base, String extension) {
        return base.resolveSibling(base.getFileName() + extension);
    }
}
