package org.repcollapse.plot.paper;

import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.model.Embeddings;
import org.repcollapse.plot.Style;
import org.repcollapse.theory.EmbeddingTheory;
import org.repcollapse.theory.GroupSolution;
import org.repcollapse.theory.TwoClassRates;

/**
 * Figure 4 (R5, R6): the embedding-only model, the head without stop-gradient and the head with
 * stop-gradient at the same frustration. Top: the label separation; bottom: the head eigenvalue
 * carried by {@code q = y_0 - y_1} ({@link org.repcollapse.theory.HeadTheory#modeEigenvalue}), which the sg flow drives to {@code sqrt(1 - r)}.
 */
public final class Figure4HeadStopGradient extends PaperFigure {

    static final List<String> MODELS = List.of("eom-frustrated.yaml", "head-no-sg.yaml", "head-sg.yaml");
    static final String[] LABELS = {"embedding only", "head, no stop-gradient", "head + stop-gradient"};

    public Figure4HeadStopGradient() {
        super("fig4-head-stop-gradient", MODELS, 760);
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        XYSeriesCollection sep = new XYSeriesCollection();
        XYSeriesCollection ray = new XYSeriesCollection();
        XYSeriesCollection theory = new XYSeriesCollection();
        double tMin = 0;
        double tMax = 0;
        double r = Double.NaN;
        for (int m = 0; m < MODELS.size(); m++) {
            Experiment e = ctx.load(MODELS.get(m));
            StateHistory h = ctx.states(e);
            int d = h.system().dim();
            int k = h.system().structure().classes();
            tMin = e.record().tStart();
            tMax = e.integrator().tEnd();
            XYSeries s = new XYSeries(LABELS[m]);
            XYSeries q = new XYSeries(LABELS[m] + " head");
            double d0 = new LabelGeometry(h.embeddings(0).labels(), k, d).min();
            double last = Double.NaN;
            double lastSep = Double.NaN;
            for (int n = 0; n < h.size(); n++) {
                Embeddings em = h.embeddings(n);
                double[] y = em.labels();
                double dist = new LabelGeometry(y, k, d).distance(0, 1);
                PaperStyle.add(s, h.times()[n], dist, true);
                if (em.hasHead() && dist > 1e-6 * d0) {
                    last = org.repcollapse.theory.HeadTheory.separationEigenvalue(em);
                    PaperStyle.add(q, h.times()[n], last, false);
                }
                lastSep = dist;
            }
            sep.addSeries(s);
            ray.addSeries(q);
            String key = m == 0 ? "eom" : m == 1 ? "no_sg" : "sg";
            ctx.measure(key + "_final_separation_relative", lastSep / d0);
            TwoClassRates two = new EmbeddingTheory(h.system().structure(), e.rates().samples(), e.rates().labels())
                    .twoClass();
            r = two.r();
            if (m == 0) {
                GroupSolution exact = new GroupSolution(h.system().structure(), e.rates().samples(),
                        e.rates().labels(), h.system().initialState(), d);
                XYSeries th = new XYSeries("exact solution, embedding only (R1)");
                for (double t : h.times()) {
                    double v = exact.distance(t, 0, 1);
                    if (v > 1e-9 * d0) {
                        th.add(t, v);
                    }
                }
                theory.addSeries(th);
            }
            if (m == 2) {
                ctx.measure("sg_head_eigenvalue_final", last);
                ctx.measure("sg_head_eigenvalue_abs_error_vs_sqrt_1_minus_r", Math.abs(last - two.headSeparationEigenvalue()));
            }
        }
        double p = Math.sqrt(1 - r);
        ctx.measure("sqrt_1_minus_r", p);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.time(tMin / 1.5, tMax));
        plot.setGap(10);
        XYPlot top = new XYPlot(sep, null, PaperStyle.log("separation |y_0 − y_1|", 1e-9, 30, 2),
                PaperStyle.simulation(3));
        PaperStyle.overlayTheory(top, theory, 1);
        XYPlot bottom = new XYPlot(ray, null, PaperStyle.linear("head eigenvalue on y_0 − y_1", 0, 1.4), PaperStyle.simulation(3));
        PaperStyle.level(bottom, p);
        for (XYPlot pl : List.of(top, bottom)) {
            PaperStyle.plot(pl);
            for (int n = 0; n < 3; n++) {
                pl.getRenderer().setSeriesStroke(n, Style.stroke(n, 3.0f));
            }
        }
        bottom.addRangeMarker(label(String.format(java.util.Locale.ROOT, "√(1 − r) = %.4f", p), p));
        plot.add(top, 3);
        plot.add(bottom, 2);
        LegendItemCollection legend = new LegendItemCollection();
        for (int n = 0; n < 3; n++) {
            legend.add(Figure1TwoTimeScales.legendLine(LABELS[n], top.getRenderer(), n));
        }
        legend.add(Figure1TwoTimeScales.legendLine("theory: exact solution (top), √(1 − r) (bottom)",
                top.getRenderer(1), 0));
        plot.setFixedLegendItems(legend);
        return PaperStyle.chart("Figure 4. Stop-gradient keeps the classes apart; the head carries √(1 − r)", plot);
    }

    /** An invisible range marker that only carries a text label at the right end of level p. */
    static org.jfree.chart.plot.ValueMarker label(String text, double p) {
        org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(p, new java.awt.Color(0, 0, 0, 0),
                new java.awt.BasicStroke(0f));
        m.setLabel(text);
        m.setLabelFont(PaperStyle.MARK);
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        m.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 0));
        m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(6, 8, 2, 2));
        return m;
    }

}
