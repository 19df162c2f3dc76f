package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.experiment.Experiment;

/**
 * Figure 9, second panel set (issue 16): the separation reached at t = tEnd against the frustration
 * fraction, for each mechanism of {@link Figure9Prevention}, from a sweep over phi on the same data.
 */
public final class Figure9PreventionPhi extends PaperFigure {

    static final double[] PHI = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7};

    public Figure9PreventionPhi() {
        super("fig9-prevention-phi", List.of(Figure9Prevention.MODEL));
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        List<Figure9Prevention.Mechanism> ms = Figure9Prevention.MECHANISMS;
        List<Experiment> es = new ArrayList<>();
        for (Figure9Prevention.Mechanism m : ms) {
            for (double phi : PHI) {
                List<String> o = new ArrayList<>(List.of(m.overrides()));
                o.add("frustration.fraction=" + phi);
                es.add(ctx.load(Figure9Prevention.MODEL, o.toArray(new String[0])));
            }
        }
        List<Run> runs = ctx.runAll(es);
        XYSeriesCollection sep = new XYSeriesCollection();
        for (int k = 0; k < ms.size(); k++) {
            XYSeries s = new XYSeries(ms.get(k).label());
            for (int j = 0; j < PHI.length; j++) {
                double d = runs.get(k * PHI.length + j).result().trajectory().last()[Metrics.MIN_LABEL_DISTANCE];
                PaperStyle.add(s, PHI[j], Math.max(d, 1e-12), true);
                ctx.measure(ms.get(k).key() + "_separation_phi_" + PHI[j], d);
            }
            sep.addSeries(s);
        }
        NumberAxis x = PaperStyle.linear("frustration fraction φ", 0, 0.75, 0.1);
        XYPlot plot = new XYPlot(sep, x, PaperStyle.log("min label separation at t = 1000", 1e-12, 30, 2),
                PaperStyle.points(ms.size()));
        PaperStyle.plot(plot);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r =
                (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer();
        r.setDefaultLinesVisible(true);
        for (int k = 0; k < ms.size(); k++) {
            r.setSeriesLinesVisible(k, true);
            r.setSeriesStroke(k, org.repcollapse.plot.Style.stroke(k, 1.6f));
        }
        return PaperStyle.chart("Figure 9b. Separation at t = 1000 against φ, per mechanism", plot);
    }
}
