package org.repcollapse.plot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.experiment.AtomicFiles;
import org.repcollapse.sweep.SweepCsv;

/**
 * The data behind a figure, read back from the chart itself (so it cannot differ from what is
 * drawn), as a tidy CSV: one row per plotted point, {@code panel} (0 = top), {@code role}
 * (simulation or theory, by dataset; {@code marker} for a vertical or horizontal line),
 * {@code series} (its legend name), {@code x_axis}, {@code y_axis} (axis labels), {@code x},
 * {@code y}, and {@code y_low}, {@code y_high} for error bars; an empty field for NaN.
 */
public final class ChartData {

    private ChartData() {
    }

    /** Paper figures: dataset 0 holds the simulation, the others the theory. */
    public static String role(int dataset) {
        return dataset == 0 ? "simulation" : "theory";
    }

    public static String tidyCsv(JFreeChart chart, IntFunction<String> role) {
        List<XYPlot> panels = new ArrayList<>();
        String xLabel;
        if (chart.getPlot() instanceof CombinedDomainXYPlot c) {
            panels.addAll(c.getSubplots());
            xLabel = c.getDomainAxis().getLabel();
        } else if (chart.getPlot() instanceof XYPlot p) {
            panels.add(p);
            xLabel = p.getDomainAxis().getLabel();
        } else {
            throw new IllegalArgumentException("not an XY chart: " + chart.getPlot().getPlotType());
        }
        StringBuilder b = new StringBuilder(SweepCsv.line(List.of("panel", "role", "series", "x_axis", "y_axis", "x", "y",
                "y_low", "y_high"))).append('\n');
        for (int panel = 0; panel < panels.size(); panel++) {
            XYPlot p = panels.get(panel);
            String yLabel = p.getRangeAxis() == null ? "" : p.getRangeAxis().getLabel();
            for (int d = 0; d < p.getDatasetCount(); d++) {
                XYDataset data = p.getDataset(d);
                if (data == null) {
                    continue;
                }
                for (int s = 0; s < data.getSeriesCount(); s++) {
                    for (int i = 0; i < data.getItemCount(s); i++) {
                        boolean interval = data instanceof IntervalXYDataset && !(data instanceof XYSeriesCollection);
                        b.append(SweepCsv.line(List.of(Integer.toString(panel), role.apply(d),
                                data.getSeriesKey(s).toString(), xLabel, yLabel, num(data.getXValue(s, i)),
                                num(data.getYValue(s, i)),
                                interval ? num(((IntervalXYDataset) data).getStartYValue(s, i)) : "",
                                interval ? num(((IntervalXYDataset) data).getEndYValue(s, i)) : ""))).append('\n');
                    }
                }
            }
            markers(b, panel, p.getDomainMarkers(Layer.FOREGROUND), xLabel, yLabel, true);
            markers(b, panel, p.getDomainMarkers(Layer.BACKGROUND), xLabel, yLabel, true);
            markers(b, panel, p.getRangeMarkers(Layer.FOREGROUND), xLabel, yLabel, false);
            markers(b, panel, p.getRangeMarkers(Layer.BACKGROUND), xLabel, yLabel, false);
        }
        return b.toString();
    }

    private static void markers(StringBuilder b, int panel, Collection<?> markers, String xLabel, String yLabel,
                                boolean vertical) {
        if (markers == null) {
            return;
        }
        for (Object o : markers) {
            if (o instanceof ValueMarker m) {
                String label = ((Marker) m).getLabel() == null ? "" : m.getLabel();
                String v = num(m.getValue());
                b.append(SweepCsv.line(List.of(Integer.toString(panel), "marker", label, xLabel, yLabel,
                        vertical ? v : "", vertical ? "" : v, "", ""))).append('\n');
            }
        }
    }

    /** Writes {@code base.csv}. */
    public static void write(JFreeChart chart, java.nio.file.Path base, IntFunction<String> role)
            throws java.io.IOException {
        AtomicFiles.writeString(FigureFiles.sibling(base, ".csv"), tidyCsv(chart, role));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
