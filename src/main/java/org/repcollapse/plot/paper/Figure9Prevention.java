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
        super("fig9-prevention", List.of(MODEL, TS_MODEL), 900,
                "Prevention mechanisms on the same frustrated data (K = 4, N = 80, d = 4, phi = 0.2, frustrated "
                + "pairs on the ring 0-1-2-3-0: a connected frustration graph; models/prevention-ring4.yaml). Top: "
                + "minimum label separation; middle: effective rank of the sample embeddings; bottom: nearest-label "
                + "accuracy, against t. Accuracy reaches 1 by t = 5 under every mechanism. Without prevention, and "
                + "with a head but no stop-gradient, the labels then merge on the slow scale (separation at rounding "
                + "level, 1e-15, by t = 1000; effective rank 1). Stop-gradient keeps them apart (final separation "
                + "1.73, effective rank 2.8), and so do its variants: an EMA copy of the targets (rho = 1) has the "
                + "same fixed points and lands on another member of the family (1.43); centring the targets acts on "
                + "the mean mode only (1.55); the sample-side head loss, which carries tau_k instead of sqrt(tau_k) "
                + "on each label mode, 1.25. Contrastive negatives repel every label from every sample (2.34, "
                + "effective rank 2.0); VICReg's variance term keeps every axis spread and its covariance term "
                + "decorrelates them (2.52, effective rank 3.92 of 4, the largest). Reconstruction needs "
                + "teacher inputs, so its pair is drawn on the teacher-student data of ts-duplicate (K = 3, N = 60, "
                + "d = 6, D = 240, duplicate frustration): without it the separation falls to 7.1e-5 by t = 1000 and "
                + "the accuracy to 0.61; with a linear decoder at weight 1 it is 0.18 at t = 1000 (still decreasing "
                + "slowly), the accuracy stays 1 and the effective rank 4.8 of 6 (2.6 without). Derivations: papers/prevention.md.");
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
