package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
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
public final class Figure3ClusterCollapse implements PaperFigure {

    static final String MODEL = "eom-cluster4.yaml";

    @Override
    public String name() {
        return "fig3-cluster-collapse";
    }

    @Override
    public String caption() {
        return "Cluster collapse (embedding-only model, K = 4, N = 200, d = 8, phi = 0.1 with frustrated pairs "
                + "{0,1} and {2,3}: a frustration graph with two components). Coloured lines: the six pairwise label "
                + "distances |y_a - y_b| against t. Thin black dashes: the exact solution (R1). The pairs inside a "
                + "component, (0,1) and (2,3), collapse at the slow rate of their own two-class problem (R3); the four "
                + "pairs across components converge to the one predicted cluster distance (horizontal dashes: the "
                + "distance between the rate-weighted means of the two components, R1-R2). Two clusters remain: "
                + "cluster collapse.";
    }

    @Override
    public List<String> inputs() {
        return List.of(MODEL);
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
        XYSeriesCollection sim = new XYSeriesCollection();
        XYSeriesCollection th = new XYSeriesCollection();
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        double d0 = new LabelGeometry(h.embeddings(0).labels(), k, d).mean();
        double worstAcross = 0;
        double worstRate = 0;
        for (int[] p : pairs) {
            boolean inside = theory.predictedClusters().stream().anyMatch(c -> c.contains(p[0]) && c.contains(p[1]));
            XYSeries ss = new XYSeries("|y" + p[0] + " - y" + p[1] + "|" + (inside ? " (same cluster)" : ""));
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
            sim.addSeries(ss);
            th.addSeries(ts);
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
        XYPlot plot = new XYPlot(sim, PaperStyle.time(e.record().tStart() / 1.5, e.integrator().tEnd()),
                PaperStyle.log("label distance |ya - yb|", 1e-9, 30, 1), PaperStyle.simulation(pairs.size()));
        for (int n = 0; n < pairs.size(); n++) {
            plot.getRenderer().setSeriesStroke(n, Style.stroke(n, 3.0f));
        }
        plot.setDataset(1, th);
        plot.setRenderer(1, PaperStyle.theory(1));
        for (int n = 1; n < pairs.size(); n++) {
            plot.getRenderer(1).setSeriesPaint(n, java.awt.Color.BLACK);
            plot.getRenderer(1).setSeriesStroke(n, plot.getRenderer(1).getSeriesStroke(0));
        }
        PaperStyle.level(plot, predicted);
        PaperStyle.mark(plot, 1 / theory.slowRate(), "1/λs");
        PaperStyle.plot(plot);
        LegendItemCollection legend = new LegendItemCollection();
        for (int n = 0; n < pairs.size(); n++) {
            legend.add(Figure1TwoTimeScales.legendLine((String) sim.getSeriesKey(n), plot.getRenderer(), n));
        }
        legend.add(Figure1TwoTimeScales.legendLine("exact solution; predicted cluster distance", plot.getRenderer(1), 0));
        plot.setFixedLegendItems(legend);
        return PaperStyle.chart("Figure 3. Cluster collapse: two frustration components, two clusters", plot);
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
