package org.repcollapse.plot.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.repcollapse.plot.Axes;
import org.repcollapse.plot.MathText;
import org.repcollapse.plot.Style;

/**
 * A phase diagram over two swept keys: one cell per grid point (cells equally spaced, labelled
 * with the swept values, so linear and geometric grids look alike), coloured by the seed mean of
 * a numeric column (viridis-like scale with its legend) or by the most frequent category of a
 * text column such as {@code collapse}. Where sweep.csv carries the predicted collapse type
 * ({@code theory_collapse}), the theory's phase boundary is drawn as the cell edges across which
 * the prediction changes; otherwise the subtitle says that no boundary is known.
 */
public final class PhaseDiagram {

    /** Viridis at eight stops (perceptually uniform, colour-blind safe, readable in greyscale). */
    private static final Color[] VIRIDIS = {
        new Color(68, 1, 84), new Color(70, 50, 126), new Color(54, 92, 141), new Color(39, 127, 142),
        new Color(31, 161, 135), new Color(74, 193, 109), new Color(160, 218, 57), new Color(253, 231, 37),
    };
    private static final Color EMPTY = new Color(230, 230, 230);

    private PhaseDiagram() {
    }

    public static SweepChart.Drawn draw(List<SweepAggregate.Cell> cells, List<String> xs, List<String> ys,
                                        String xKey, String yKey, String column, String title, String subtitle) {
        boolean numeric = cells.stream().allMatch(c -> c.category() == null);
        List<String> categories = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SweepAggregate.Cell c : cells) {
            if (numeric && Double.isFinite(c.stats().mean())) {
                lo = Math.min(lo, c.stats().mean());
                hi = Math.max(hi, c.stats().mean());
            } else if (!numeric && !c.category().isEmpty() && !categories.contains(c.category())) {
                categories.add(c.category());
            }
        }
        double[][] xyz = new double[3][cells.size()];
        for (int k = 0; k < cells.size(); k++) {
            SweepAggregate.Cell c = cells.get(k);
            xyz[0][k] = xs.indexOf(c.x());
            xyz[1][k] = ys.indexOf(c.y());
            xyz[2][k] = numeric ? c.stats().mean() : c.category().isEmpty() ? Double.NaN
                    : categories.indexOf(c.category());
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(column, xyz);
        SymbolAxis xAxis = new SymbolAxis(MathText.plain(SweepColumns.label(xKey)), ticks(xs));
        SymbolAxis yAxis = new SymbolAxis(MathText.plain(SweepColumns.label(yKey)), ticks(ys));
        for (SymbolAxis a : List.of(xAxis, yAxis)) {
            a.setGridBandsVisible(false);
            a.setLabelFont(Axes.LABEL);
            a.setTickLabelFont(Axes.TICK);
        }
        Axes.label(xAxis, SweepColumns.label(xKey));
        Axes.label(yAxis, SweepColumns.label(yKey));
        xAxis.setRange(-0.5, xs.size() - 0.5);
        yAxis.setRange(-0.5, ys.size() - 0.5);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale;
        if (numeric) {
            if (!(hi > lo)) {
                lo = Double.isFinite(lo) ? lo - 0.5 : 0;
                hi = lo + 1;
            }
            scale = new LookupPaintScale(lo, hi + 1e-12 * Math.abs(hi), EMPTY);
            for (int k = 0; k < 64; k++) {
                scale.add(lo + (hi - lo) * k / 64.0, viridis(k / 63.0));
            }
        } else {
            scale = new LookupPaintScale(-0.5, Math.max(categories.size(), 1) - 0.5, EMPTY);
            for (int k = 0; k < categories.size(); k++) {
                scale.add(k - 0.5, Style.color(k));
            }
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        List<String> notes = new ArrayList<>();
        int edges = boundary(plot, cells, xs, ys);
        String theoryNote = edges > 0 ? "dashed: theory's boundary (where the predicted collapse type changes)"
                : cells.stream().anyMatch(c -> !c.theoryCategory().isEmpty())
                ? "theory: the same predicted collapse type everywhere (no boundary inside the grid)"
                : "theory boundary: none known for this sweep (no predicted collapse type in sweep.csv)";
        notes.add(theoryNote);
        JFreeChart chart = new JFreeChart(MathText.plain(title), new Font(Font.SANS_SERIF, Font.BOLD, 15), plot,
                !numeric);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle + "; " + theoryNote, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        if (numeric) {
            NumberAxis z = Axes.linear(SweepColumns.label(column));
            z.setRange(lo, hi);
            PaintScaleLegend legend = new PaintScaleLegend(scale, z);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setMargin(4, 4, 4, 4);
            legend.setStripWidth(14);
            chart.addSubtitle(legend);
        } else {
            LegendItemCollection items = new LegendItemCollection();
            for (int k = 0; k < categories.size(); k++) {
                items.add(new LegendItem(categories.get(k), null, null, null, new Rectangle2D.Double(-6, -6, 12, 12),
                        Style.color(k)));
            }
            plot.setFixedLegendItems(items);
            LegendTitle legend = chart.getLegend();
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(new BlockBorder(Color.LIGHT_GRAY));
        }
        return new SweepChart.Drawn(chart, notes);
    }

    /** Tick labels of swept values: numbers to three significant digits, text as is. */
    private static String[] ticks(List<String> values) {
        return values.stream().map(v -> {
            Double d = SweepTable.number(v);
            return d != null && Double.isFinite(d) ? Axes.tick(d) : v;
        }).toArray(String[]::new);
    }

    /** Draws the cell edges across which the predicted collapse type changes; returns how many. */
    private static int boundary(XYPlot plot, List<SweepAggregate.Cell> cells, List<String> xs, List<String> ys) {
        Map<List<Integer>, String> theory = new LinkedHashMap<>();
        for (SweepAggregate.Cell c : cells) {
            theory.put(List.of(xs.indexOf(c.x()), ys.indexOf(c.y())), c.theoryCategory());
        }
        BasicStroke stroke = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                new float[] {7f, 4f}, 0f);
        int n = 0;
        for (Map.Entry<List<Integer>, String> e : theory.entrySet()) {
            int i = e.getKey().get(0);
            int j = e.getKey().get(1);
            String right = theory.get(List.of(i + 1, j));
            String up = theory.get(List.of(i, j + 1));
            if (differs(e.getValue(), right)) {
                plot.addAnnotation(new XYLineAnnotation(i + 0.5, j - 0.5, i + 0.5, j + 0.5, stroke, Color.BLACK));
                n++;
            }
            if (differs(e.getValue(), up)) {
                plot.addAnnotation(new XYLineAnnotation(i - 0.5, j + 0.5, i + 0.5, j + 0.5, stroke, Color.BLACK));
                n++;
            }
        }
        return n;
    }

    private static boolean differs(String a, String b) {
        return a != null && b != null && !a.isEmpty() && !b.isEmpty() && !a.equals(b);
    }

    /** Viridis at u in [0, 1], linear between the stops. */
    static Paint viridis(double u) {
        double s = Math.max(0, Math.min(1, u)) * (VIRIDIS.length - 1);
        int k = Math.min((int) s, VIRIDIS.length - 2);
        double f = s - k;
        Color a = VIRIDIS[k];
        Color b = VIRIDIS[k + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
