package org.repcollapse.plot.paper;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.CollapseType;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.model.ClassCoupling;
import org.repcollapse.model.Embeddings;
import org.repcollapse.plot.Style;
import org.repcollapse.theory.EmbeddingTheory;

/**
 * Figure 12: the basin map of the shared head with and without stop-gradient. Every cell of a grid
 * over the frustration fraction phi and the head's rate eta_P is run to {@code integrator.tEnd} and
 * classified as {@code basins} does (the run's collapse verdict: none, cluster, complete,
 * dimensional). Theory draws the boundary it gives: without stop-gradient (a gradient flow whose
 * minimum merges frustrated classes, R6) the embedding-only prediction, none at phi = 0 and complete
 * collapse for every phi > 0 (R2); with stop-gradient the fixed-point theory (R5-R6) gives a stable
 * separated state for every phi < 1 but no basin boundary: a head slower than the slow collapse
 * never lowers its eigenvalue on the separation to sqrt(tau_1), and the collapsed states whose head
 * stays above it are stable too (figure 11).
 */
public final class Figure12Basins extends PaperFigure {

    static final String[] MODELS = {"head-sg.yaml", "head-no-sg.yaml"};
    static final String[] LABELS = {"head + stop-gradient", "head, no stop-gradient"};
    /** Small, fast instances: the mean-field solver (N-independent cost), d = 4. */
    static final String[] OVERRIDES = {"solver=mean-field", "dim=4", "samples=40", "record.points=20",
            "integrator.rtol=1.0e-8", "integrator.atol=1.0e-10"};
    /** The outcome classes, in the order of their colours. */
    static final List<String> CLASSES = List.of("none", "cluster", "complete", "dimensional");

    public Figure12Basins() {
        super("fig12-basins", List.of(MODELS));
    }

    /** phi = 0, 0.1, ..., 0.9 (quick: 0, 0.3, 0.6, 0.9). */
    static double[] fractions(FigureContext ctx) {
        double step = ctx.quick() ? 0.3 : 0.1;
        double[] phi = new double[ctx.quick() ? 4 : 10];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = Math.round(i * step * 10) / 10.0;
        }
        return phi;
    }

    /** log10 eta_P from -2 to 0.5 in half decades (quick: -2, -1, 0). */
    static double[] logRates(FigureContext ctx) {
        double step = ctx.quick() ? 1.0 : 0.5;
        double[] l = new double[ctx.quick() ? 3 : 6];
        for (int i = 0; i < l.length; i++) {
            l[i] = -2 + step * i;
        }
        return l;
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        double[] phi = fractions(ctx);
        double[] logEta = logRates(ctx);
        double width = phi[1] - phi[0];
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(PaperStyle.linear("frustration fraction φ", -width / 2,
                phi[phi.length - 1] + width / 2, 0.1));
        plot.setGap(12);
        int runs = 0;
        for (int m = 0; m < MODELS.length; m++) {
            List<Experiment> grid = new ArrayList<>();
            for (double l : logEta) {
                for (double p : phi) {
                    List<String> o = new ArrayList<>(List.of(OVERRIDES));
                    o.add(String.format(Locale.ROOT, "frustration.fraction=%s", p));
                    o.add(String.format(Locale.ROOT, "rates.head=%s", Math.pow(10, l)));
                    grid.add(ctx.load(MODELS[m], o.toArray(new String[0])));
                }
            }
            List<Run> done = ctx.runAll(grid);
            runs += done.size();
            List<List<double[]>> cells = new ArrayList<>();
            for (int k = 0; k < CLASSES.size(); k++) {
                cells.add(new ArrayList<>());
            }
            int[] counts = new int[CLASSES.size()];
            int agree = 0;
            double worstHead = 0;
            for (int k = 0; k < done.size(); k++) {
                Run r = done.get(k);
                double x = phi[k % phi.length];
                double y = logEta[k / phi.length];
                String outcome = r.result().complete() ? r.result().verdict().type().key() : "";
                int c = CLASSES.indexOf(outcome);
                if (c >= 0) {
                    cells.get(c).add(new double[] {x, y, c});
                    counts[c]++;
                } else {
                    ctx.note(r.experiment().name() + " at phi = " + x + ", log10 eta_P = " + y + ": "
                            + (outcome.isEmpty() ? "run failed" : outcome) + ", left blank");
                }
                EmbeddingTheory th = new EmbeddingTheory(r.system().structure(), r.experiment().rates().samples(),
                        r.experiment().rates().labels());
                String predicted = th.components() == 1 ? "complete"
                        : th.components() < r.experiment().classes() ? "cluster" : "none";
                agree += predicted.equals(outcome) ? 1 : 0;
                if (m == 0 && outcome.equals(CollapseType.NONE.key()) && x > 0) {
                    Embeddings e = r.system().labelsAndHead(r.result().finalState());
                    double tau1 = new ClassCoupling(r.system().structure()).eigenvalues()[1];
                    worstHead = Math.max(worstHead, Math.abs(org.repcollapse.theory.HeadTheory.separationEigenvalue(e) - Math.sqrt(tau1)));
                }
            }
            String key = m == 0 ? "sg" : "no_sg";
            for (int k = 0; k < CLASSES.size(); k++) {
                ctx.measure(key + "_" + CLASSES.get(k) + "_cells", counts[k]);
            }
            if (m == 0) {
                ctx.measure("sg_separated_cells_head_max_abs_error_vs_sqrt_tau1", worstHead);
                ctx.measure("sg_cells_agreeing_with_embedding_only_prediction", agree);
            } else {
                ctx.measure("no_sg_cells_agreeing_with_theory", agree);
            }
            plot.add(panel(cells, width, logEta, m == 1, LABELS[m]), 1);
        }
        ctx.measure("runs", runs);
        JFreeChart chart = PaperStyle.chart("Figure 12. Basins of the head: with and without stop-gradient", plot);
        LegendItemCollection items = new LegendItemCollection();
        for (int k = 0; k < CLASSES.size(); k++) {
            items.add(new LegendItem(k == 0 ? "no collapse" : CLASSES.get(k) + " collapse", null, null,
                    null, new Rectangle2D.Double(-6, -6, 12, 12), Style.color(k)));
        }
        items.add(new LegendItem("theory's boundary (no stop-gradient: R2, R6)", null, null, null,
                new java.awt.geom.Line2D.Double(-8, 0, 8, 0), dashed(), PaperStyle.THEORY_PAINT));
        plot.setFixedLegendItems(items);
        chart.addSubtitle(new TextTitle("top: with stop-gradient; bottom: without (one run per cell, t = 1000)",
                PaperStyle.MARK));
        return chart;
    }

    private static BasicStroke dashed() {
        return new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f);
    }

    /** One panel: the cells by outcome (one series per class), and the theory's boundary where it has one. */
    private static XYPlot panel(List<List<double[]>> cells, double width, double[] logEta, boolean boundary,
                                String label) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        for (int k = 0; k < CLASSES.size(); k++) {
            List<double[]> c = cells.get(k);
            double[][] xyz = new double[3][c.size()];
            for (int i = 0; i < c.size(); i++) {
                xyz[0][i] = c.get(i)[0];
                xyz[1][i] = c.get(i)[1];
                xyz[2][i] = c.get(i)[2];
            }
            data.addSeries(label + ": " + CLASSES.get(k), xyz);
        }
        XYBlockRenderer blocks = new XYBlockRenderer();
        double height = logEta[1] - logEta[0];
        blocks.setBlockWidth(width);
        blocks.setBlockHeight(height);
        LookupPaintScale scale = new LookupPaintScale(-0.5, CLASSES.size() - 0.5, new Color(230, 230, 230));
        for (int k = 0; k < CLASSES.size(); k++) {
            scale.add(k - 0.5, Style.color(k));
        }
        blocks.setPaintScale(scale);
        NumberAxis y = PaperStyle.linear("log₁₀ η_P (" + label + ")", logEta[0] - height / 2,
                logEta[logEta.length - 1] + height / 2, 0.5);
        XYPlot p = new XYPlot(data, null, y, blocks);
        XYSeries line = new XYSeries("theory: none at φ = 0, complete for φ > 0 (R2, R6)", false);
        if (boundary) {
            line.add(width / 2, logEta[0] - height / 2);
            line.add(width / 2, logEta[logEta.length - 1] + height / 2);
        }
        p.setDataset(1, new XYSeriesCollection(line));
        var r = PaperStyle.theory(1);
        r.setSeriesStroke(0, dashed());
        r.setSeriesPaint(0, Color.BLACK);
        p.setRenderer(1, r);
        PaperStyle.plot(p);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinesVisible(false);
        return p;
    }
}
