package org.repcollapse.plot.paper;

import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.model.ClassCoupling;
import org.repcollapse.model.Embeddings;
import org.repcollapse.theory.TwoClassRates;

/**
 * Figure 5 (R5): at the end of a stop-gradient run the head eigenvalue carried by each label mode
 * {@code Y^T u_k} ({@link org.repcollapse.theory.HeadTheory#modeEigenvalue}) is {@code sqrt(tau_k)}: on {@code y_0 - y_1} it is
 * {@code sqrt(1 - r)}, on {@code y_0 + y_1} it is 1.
 */
public final class Figure5HeadEigenvalue extends PaperFigure {

    static final String MODEL = "head-sg.yaml";

    public Figure5HeadEigenvalue() {
        super("fig5-head-eigenvalue", List.of(MODEL));
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        List<Run> runs = ctx.runAll(experiments(ctx, MODEL, ctx.load(MODEL).seed()));
        XYSeries sep = new XYSeries("simulation: on y₀ − y₁");
        XYSeries mean = new XYSeries("simulation: on y₀ + y₁");
        double worst = 0;
        double worstMean = 0;
        for (Run r : runs) {
            Embeddings e = r.last();
            int d = e.dim();
            double[] y = e.labels();
            double[] minus = new double[d];
            double[] plus = new double[d];
            for (int c = 0; c < d; c++) {
                minus[c] = y[c] - y[d + c];
                plus[c] = y[c] + y[d + c];
            }
            double phi = r.experiment().frustration().fraction();
            double a = org.repcollapse.theory.HeadTheory.modeEigenvalue(e, minus);
            double b = org.repcollapse.theory.HeadTheory.modeEigenvalue(e, plus);
            sep.add(phi, a);
            mean.add(phi, b);
            double[] tau = new ClassCoupling(r.system().structure()).eigenvalues();
            worst = Math.max(worst, Math.abs(a - Math.sqrt(Math.max(tau[1], 0))));
            worstMean = Math.max(worstMean, Math.abs(b - Math.sqrt(tau[0])));
        }
        ctx.measure("separation_mode_max_abs_error_vs_sqrt_tau1", worst);
        ctx.measure("mean_mode_max_abs_error_vs_sqrt_tau0", worstMean);
        ctx.measure("points", runs.size());
        XYSeriesCollection sim = PaperStyle.collection(sep, mean);
        XYSeries th = new XYSeries("theory: √τ₁ = √(1 − r(φ)) (dashed)");
        XYSeries one = new XYSeries("theory: √τ₀ = 1 (dotted)");
        for (int k = 0; k <= 400; k++) {
            double phi = k / 400.0;
            th.add(phi, Math.sqrt(1 - TwoClassRates.rOf(phi)));
            one.add(phi, 1.0);
        }
        XYSeriesCollection theory = PaperStyle.collection(th, one);
        XYPlot plot = new XYPlot(sim, PaperStyle.linear("frustration fraction φ", -0.02, 1.02, 0.1),
                PaperStyle.linear("head eigenvalue at t = 1000", -0.02, 1.15, 0.1), PaperStyle.points(2));
        PaperStyle.overlayTheory(plot, theory, 2);
        PaperStyle.plot(plot);
        return PaperStyle.chart("Figure 5. Head eigenvalues: simulation against √τₖ", plot);
    }

    /** {@code file} over the fractions from 0 with the given seed, few recorded points (only the end is used). */
    static List<Experiment> experiments(FigureContext ctx, String file, long seed) {
        return Sweeps.overFractions(ctx, file, Sweeps.fractions(ctx, true), seed, "record.points=40");
    }
}
