package org.repcollapse.plot;

import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.Trajectory;

/**
 * The per-run figure of a head run: {@link RunFigure} with a third panel, the head eigenvalue
 * modulus on each label mode against log t, and the stop-gradient prediction {@code sqrt(tau_k)}
 * (R5) drawn dashed. A mode that collapses (no stop-gradient) ends where its direction vanishes.
 */
public final class HeadRunFigure {

    private HeadRunFigure() {
    }

    public static JFreeChart create(String title, Trajectory tr, double[] initial, HeadModeRecorder modes,
                                    boolean stopGradient) {
        JFreeChart chart = RunFigure.create(title, tr, initial, Double.NaN, Double.NaN);
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getPlot();
        List<double[]> rows = modes.rows();
        int k = modes.theory().tau().length;
        XYSeriesCollection data = new XYSeriesCollection();
        for (int m = 0; m < k; m++) {
            XYSeries s = new XYSeries("head on mode " + m);
            for (double[] r : rows) {
                if (r[0] > 0 && Double.isFinite(r[m + 1])) {
                    s.add(r[0], r[m + 1]);
                }
            }
            data.addSeries(s);
        }
        double t0 = rows.isEmpty() ? 1e-2 : rows.get(0)[0];
        double t1 = rows.isEmpty() ? 1 : rows.get(rows.size() - 1)[0];
        int theoryLines = 0;
        for (int m = 0; m < k; m++) {
            double p = modes.theory().headEigenvalue(m);
            if (Double.isFinite(p)) {
                XYSeries s = new XYSeries(theoryLines == 0 ? (stopGradient ? "theory: √τₖ" : "stop-gradient theory: √τₖ")
                        : MathText.plain("√τ_" + m));
                s.add(t0, p);
                s.add(t1, p);
                data.addSeries(s);
                theoryLines++;
            }
        }
        XYLineAndShapeRenderer r = Style.lines(0);
        for (int m = 0; m < k; m++) {
            // colours after those of the panels above, so that the legend stays unambiguous
            r.setSeriesPaint(m, Style.color(m + 3));
            r.setSeriesStroke(m, Style.stroke(m, 2.2f));
        }
        for (int j = 0; j < theoryLines; j++) {
            r.setSeriesPaint(k + j, Style.THEORY);
            r.setSeriesStroke(k + j, Style.theoryStroke());
            r.setSeriesVisibleInLegend(k + j, j == 0);
        }
        NumberAxis axis = Axes.linear("head eigenvalue on mode k");
        axis.setAutoRangeIncludesZero(false);
        XYPlot head = new XYPlot(data, null, axis, r);
        Style.plot(head);
        plot.add(head, 1);
        return chart;
    }
}
