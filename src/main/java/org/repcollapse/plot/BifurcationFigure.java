package org.repcollapse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The bifurcation diagram of a continued branch ({@code continue}): top, the smallest label separation
 * against the continued key, solid where the fixed point is stable and dashed where it is not (unstable,
 * or marginal: an eigenvalue outside the family within its uncertainty of zero);
 * bottom, the head eigenvalue measured on each separation mode (points) over R5's {@code sqrt(tau_k)}
 * (dashed, on a fine grid of the key); the critical frustration and the detected folds and branch points as vertical markers.
 */
public final class BifurcationFigure {

    /** One branch point as the figure needs it. */
    public record Point(double lambda, double separation, boolean stable, double[] head, double[] predicted) {
    }

    /** A vertical marker: position and label. */
    public record Marker(double lambda, String label) {
    }

    private BifurcationFigure() {
    }

    public static JFreeChart create(String title, String key, List<Point> points, List<Marker> markers,
                                    java.util.function.DoubleFunction<double[]> theoryAt) {
        boolean head = theoryAt != null;
        XYSeriesCollection sep = new XYSeriesCollection();
        // contiguous runs of equal stability, each its own series (stable solid, unstable dashed)
        int run = 0;
        XYSeries current = null;
        Boolean state = null;
        boolean stableNamed = false;
        boolean unstableNamed = false;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (state == null || state != p.stable()) {
                String name = p.stable() ? (stableNamed ? "stable " + run : "stable") : (unstableNamed ? "not stable " + run : "not stable");
                stableNamed |= p.stable();
                unstableNamed |= !p.stable();
                XYSeries s = new XYSeries(name, false);
                if (current != null && current.getItemCount() > 0) {
                    // join the segments at the last point
                    s.add(current.getX(current.getItemCount() - 1), current.getY(current.getItemCount() - 1));
                }
                current = s;
                sep.addSeries(s);
                state = p.stable();
                run++;
            }
            if (Double.isFinite(p.separation())) {
                current.add(p.lambda(), p.separation());
            }
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < sep.getSeriesCount(); s++) {
            boolean stable = sep.getSeries(s).getKey().toString().startsWith("stable");
            lines.setSeriesPaint(s, Style.color(0));
            lines.setSeriesStroke(s, stable ? new BasicStroke(2.4f)
                    : new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
            String name = sep.getSeries(s).getKey().toString();
            lines.setSeriesVisibleInLegend(s, name.equals("stable") || name.equals("not stable"));
        }
        NumberAxis x = Axes.linear(key);
        x.setAutoRangeIncludesZero(false);
        NumberAxis ys = Axes.linear("smallest label separation");
        ys.setAutoRangeIncludesZero(true);
        XYPlot top = new XYPlot(sep, null, ys, lines);
        Style.plot(top);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.add(top, 3);
        if (head) {
            XYSeriesCollection measured = new XYSeriesCollection();
            XYSeriesCollection theory = new XYSeriesCollection();
            int modes = points.isEmpty() ? 0 : points.get(0).head().length;
            for (int k = 1; k < modes; k++) {
                XYSeries m = new XYSeries("head eigenvalue on mode " + k, false);
                XYSeries t = new XYSeries(k == 1 ? "√τₖ (R5)" : "√τ" + subscript(k), false);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (Point p : points) {
                    if (Double.isFinite(p.head()[k])) {
                        m.add(p.lambda(), p.head()[k]);
                    }
                    lo = Math.min(lo, p.lambda());
                    hi = Math.max(hi, p.lambda());
                }
                for (int i = 0; i <= 400; i++) {
                    double l = lo + (hi - lo) * i / 400;
                    double v = theoryAt.apply(l)[k];
                    if (Double.isFinite(v)) {
                        t.add(l, v);
                    }
                }
                measured.addSeries(m);
                theory.addSeries(t);
            }
            XYLineAndShapeRenderer pts = new XYLineAndShapeRenderer(false, true);
            XYLineAndShapeRenderer th = new XYLineAndShapeRenderer(true, false);
            th.setDrawSeriesLineAsPath(true);
            for (int k = 0; k < measured.getSeriesCount(); k++) {
                pts.setSeriesPaint(k, Style.color(k + 1));
                th.setSeriesPaint(k, Style.THEORY);
                th.setSeriesStroke(k, Style.theoryStroke());
                th.setSeriesVisibleInLegend(k, k == 0);
            }
            NumberAxis y = Axes.linear("head eigenvalue");
            XYPlot bottom = new XYPlot(measured, null, y, pts);
            bottom.setDataset(1, theory);
            bottom.setRenderer(1, th);
            Style.plot(bottom);
            plot.add(bottom, 2);
        }
        for (Object o : plot.getSubplots()) {
            XYPlot sub = (XYPlot) o;
            for (Marker m : markers) {
                ValueMarker vm = new ValueMarker(m.lambda(), Color.DARK_GRAY, new BasicStroke(1.2f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
                if (sub == top) {
                    vm.setLabel(m.label());
                    vm.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    vm.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                    vm.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                }
                sub.addDomainMarker(vm);
            }
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        Style.apply(chart);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    private static String subscript(int k) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) {
            b.append((char) ('₀' + (c - '0')));
        }
        return b.toString();
    }
}
