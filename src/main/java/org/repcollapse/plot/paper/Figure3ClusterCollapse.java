package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.analysis.RateFit;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.plot.Style;
import org.repcollapse.theory.EmbeddingTheory;
import org.repcollapse.theory.GroupSolution;

/**
 * Figure 3 (R2): cluster collapse. K = 4 with a frustration graph of two components: the six
 * pairwise label distances against t, with the exact solution over them and the predicted
 * distance between the two clusters (rate-weighted component means, R1).
 */
public final class Figure3ClusterCollapse extends PaperFigure {

    static final String MODEL = "eom-cluster4.yaml";

    public Figure3ClusterCollapse() {
        super("fig3-cluster-collapse", List.of(MODEL), 760);
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        Experiment e = ctx.load(MODEL);
        StateHistory h = ctx.states(e);
        LabelStructure s = h.system().structure();
        int k = s.classes();
        int d = h.system().dim();
        double eta = e.rates().samples();
        double gamma = e.rates().labels();
        double[] z0 = h.system().initialState();
        GroupSolution exact = new GroupSolution(s, eta, gamma, z0, d);
        EmbeddingTheory theory = new EmbeddingTheory(s, eta, gamma);
        double[] centres = theory.clusterPositions(z0, d);
        List<List<Integer>> clusters = theory.predictedClusters();
        double predicted = 0;
        for (int c = 0; c < d; c++) {
            double r = centres[c] - centres[d + c];
            predicted += r * r;
        }
        predicted = Math.sqrt(predicted);
        XYSeriesCollection crossSim = new XYSeriesCollection();
        XYSeriesCollection crossTh = new XYSeriesCollection();
        XYSeriesCollection withinSim = new XYSeriesCollection();
        XYSeriesCollection withinTh = new XYSeriesCollection();
        List<Integer> crossIndex = new ArrayList<>();
        List<Integer> withinIndex = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        double d0 = new LabelGeometry(h.embeddings(0).labels(), k, d).mean();
        double worstAcross = 0;
        double worstRate = 0;
        for (int pi = 0; pi < pairs.size(); pi++) {
            int[] p = pairs.get(pi);
            boolean inside = theory.predictedClusters().stream().anyMatch(c -> c.contains(p[0]) && c.contains(p[1]));
            XYSeries ss = new XYSeries(org.repcollapse.plot.MathText.plain("|y_" + p[0] + " − y_" + p[1] + "|"));
            XYSeries ts = new XYSeries("theory " + p[0] + p[1]);
            double[] t = h.times();
            double[] dist = new double[t.length];
            for (int n = 0; n < h.size(); n++) {
                dist[n] = new LabelGeometry(h.embeddings(n).labels(), k, d).distance(p[0], p[1]);
                PaperStyle.add(ss, t[n], dist[n], true);
                double v = exact.distance(t[n], p[0], p[1]);
                if (v > 1e-9 * d0) {
                    PaperStyle.add(ts, t[n], v, true);
                }
            }
            (inside ? withinSim : crossSim).addSeries(ss);
            (inside ? withinTh : crossTh).addSeries(ts);
            (inside ? withinIndex : crossIndex).add(pi);
            if (inside) {
                worstRate = Math.max(worstRate, Math.abs(-slope(t, dist) / theory.slowRate() - 1));
            } else {
                worstAcross = Math.max(worstAcross, Math.abs(dist[dist.length - 1] / predicted - 1));
            }
        }
        ctx.measure("predicted_clusters", clusters.size());
        ctx.measure("cross_cluster_distance_predicted", predicted);
        ctx.measure("cross_cluster_distance_max_rel_error", worstAcross);
        ctx.measure("within_cluster_rate_max_rel_error", worstRate);
        double top = 0;
        for (int n = 0; n < crossSim.getSeriesCount(); n++) {
            top = Math.max(top, crossSim.getSeries(n).getMaxY());
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(
                PaperStyle.time(e.record().tStart() / 1.5, e.integrator().tEnd()));
        plot.setGap(10);
        XYPlot across = panel(crossSim, crossTh, crossIndex, PaperStyle.linear("across clusters |y_a − y_b|", 0,
                1.1 * top));
        PaperStyle.level(across, predicted);
        across.addRangeMarker(Figure4HeadStopGradient.label(String.format(java.util.Locale.ROOT,
                "predicted cluster distance %.4f", predicted), predicted));
        XYPlot within = panel(withinSim, withinTh, withinIndex, PaperStyle.log("within a cluster |y_a − y_b|",
                1e-9, 30, 2));
        for (XYPlot pl : List.of(across, within)) {
            PaperStyle.mark(pl, 1 / theory.slowRate(), pl == across ? "1/λₛ" : null);
        }
        plot.add(across, 1);
        plot.add(within, 1);
        LegendItemCollection legend = new LegendItemCollection();
        for (int n = 0; n < pairs.size(); n++) {
            int[] p = pairs.get(n);
            boolean inside = withinIndex.contains(n);
            legend.add(Figure1TwoTimeScales.legendLine(org.repcollapse.plot.MathText.plain("|y_" + p[0] + " − y_" + p[1] + "|") + (inside ? " (same cluster)" : ""),
                    Style.lines(n + 1), n));
        }
        legend.add(Figure1TwoTimeScales.legendLine("exact solution / predicted cluster distance",
                PaperStyle.theory(1), 0));
        plot.setFixedLegendItems(legend);
        return PaperStyle.chart("Figure 3. Cluster collapse: two frustration components, two clusters", plot);
    }

    private static XYPlot panel(XYSeriesCollection sim, XYSeriesCollection th, List<Integer> index,
                                org.jfree.chart.axis.ValueAxis axis) {
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer lines = PaperStyle.simulation(0);
        for (int n = 0; n < index.size(); n++) {
            lines.setSeriesPaint(n, Style.color(index.get(n)));
            lines.setSeriesStroke(n, Style.stroke(index.get(n), 3.0f));
        }
        XYPlot p = new XYPlot(sim, null, axis, lines);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer dashes = PaperStyle.theory(0);
        java.awt.Stroke thin = new java.awt.BasicStroke(1.1f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f);
        for (int n = 0; n < index.size(); n++) {
            dashes.setSeriesPaint(n, java.awt.Color.BLACK);
            dashes.setSeriesStroke(n, thin);
        }
        p.setDataset(1, th);
        p.setRenderer(1, dashes);
        PaperStyle.plot(p);
        return p;
    }

    /** Late decay rate of a distance: the {@link RateFit} window on this series. */
    static double slope(double[] t, double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, x);
        }
        int b = -1;
        for (int n = 0; n < v.length; n++) {
            if (v[n] > RateFit.SLOW_FLOOR * max) {
                b = n;
            }
        }
        int a = b;
        while (a > 0 && t[a - 1] >= 0.5 * t[b]) {
            a--;
        }
        return RateFit.logSlope(t, v, a, b);
    }
}
