package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.plot.Style;

/**
 * Figure 9 (issue 16): the prevention mechanisms on the same frustrated data (K = 4, a connected
 * frustration graph, {@code models/prevention-ring4.yaml}): label separation, effective rank and
 * accuracy against t for each mechanism ({@link #MECHANISMS}); and the teacher-student pair without and with
 * reconstruction on {@code models/ts-duplicate.yaml} ({@link #TEACHER_STUDENT}).
 */
public final class Figure9Prevention extends PaperFigure {

    static final String MODEL = "prevention-ring4.yaml";
    /** The teacher-student data of the reconstruction pair (reconstruction needs teacher inputs). */
    static final String TS_MODEL = "ts-duplicate.yaml";
    static final List<Mechanism> TEACHER_STUDENT = List.of(
            new Mechanism("teacher–student (ts-duplicate), none", "ts_none"),
            new Mechanism("teacher–student, reconstruction (w = 1)", "ts_reconstruction",
                    "prevention.reconstruction.weight=1"));

    /** One mechanism: its legend label, its measurement key and the overrides that switch it on. */
    record Mechanism(String label, String key, String... overrides) {
    }

    static final List<Mechanism> MECHANISMS = List.of(
            new Mechanism("no prevention", "none"),
            new Mechanism("head, no stop-gradient", "head_no_sg", "head=linear"),
            new Mechanism("head + stop-gradient", "head_sg", "head=linear", "stopGradient=true"),
            new Mechanism("EMA target (ρ = 1)", "ema", "head=linear", "stopGradient=true", "prevention.ema.rate=1"),
            new Mechanism("centring (ρ_c = 1)", "centering", "head=linear", "stopGradient=true",
                    "prevention.centering.rate=1"),
            new Mechanism("contrastive (w = 1, T = 1)", "contrastive", "prevention.contrastive.weight=1"),
            new Mechanism("VICReg (w = 1)", "vicreg", "prevention.variance.weight=1",
                    "prevention.covariance.weight=1"),
            new Mechanism("sample-side head + sg", "sample_head", "head=linear", "stopGradient=true",
                    "headLoss=sample"));

    public Figure9Prevention() {
        super("fig9-prevention", List.of(MODEL, TS_MODEL), 900);
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        List<Experiment> es = new ArrayList<>();
        List<Mechanism> all = new ArrayList<>(MECHANISMS);
        all.addAll(TEACHER_STUDENT);
        for (Mechanism m : MECHANISMS) {
            es.add(ctx.load(MODEL, m.overrides()));
        }
        for (Mechanism m : TEACHER_STUDENT) {
            es.add(ctx.load(TS_MODEL, m.overrides()));
        }
        List<Run> runs = ctx.runAll(es);
        XYSeriesCollection sep = new XYSeriesCollection();
        XYSeriesCollection rank = new XYSeriesCollection();
        XYSeriesCollection acc = new XYSeriesCollection();
        for (int k = 0; k < runs.size(); k++) {
            Mechanism m = all.get(k);
            XYSeries s = new XYSeries(m.label());
            XYSeries r = new XYSeries(m.label() + " rank");
            XYSeries a = new XYSeries(m.label() + " accuracy");
            for (double[] row : runs.get(k).result().trajectory().rows()) {
                double t = row[Metrics.T];
                PaperStyle.add(s, t, row[Metrics.MIN_LABEL_DISTANCE], true);
                PaperStyle.add(r, t, row[Metrics.EFFECTIVE_RANK], false);
                PaperStyle.add(a, t, row[Metrics.ACCURACY], false);
            }
            sep.addSeries(s);
            rank.addSeries(r);
            acc.addSeries(a);
            double[] last = runs.get(k).result().trajectory().last();
            ctx.measure(m.key() + "_final_separation", last[Metrics.MIN_LABEL_DISTANCE]);
            ctx.measure(m.key() + "_final_effective_rank", last[Metrics.EFFECTIVE_RANK]);
        }
        Experiment base = es.get(0);
        int n = all.size();
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.time(base.record().tStart() / 1.5,
                base.integrator().tEnd()));
        plot.setGap(10);
        XYPlot top = new XYPlot(sep, null, PaperStyle.log("min label separation", 1e-9, 30, 2),
                PaperStyle.simulation(n));
        int dim = 0;
        for (Experiment e : es) {
            dim = Math.max(dim, e.dim());
        }
        XYPlot mid = new XYPlot(rank, null, PaperStyle.linear("effective rank", 0, dim + 0.2, 1),
                PaperStyle.simulation(n));
        XYPlot bottom = new XYPlot(acc, null, PaperStyle.linear("accuracy", 0, 1.05), PaperStyle.simulation(n));
        for (XYPlot p : List.of(top, mid, bottom)) {
            PaperStyle.plot(p);
            for (int s = 0; s < n; s++) {
                p.getRenderer().setSeriesStroke(s, Style.stroke(s, 2.4f));
            }
        }
        plot.add(top, 3);
        plot.add(mid, 2);
        plot.add(bottom, 2);
        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < n; k++) {
            legend.add(Figure1TwoTimeScales.legendLine(all.get(k).label(), top.getRenderer(), k));
        }
        plot.setFixedLegendItems(legend);
        return PaperStyle.chart("Figure 9. Prevention mechanisms against the slow collapse", plot);
    }

}
