package org.repcollapse.plot.paper;

import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.theory.EmbeddingTheory;
import org.repcollapse.theory.TwoClassRates;

/**
 * Figure 2 (R3): the slow rate against the frustration fraction. Points: rates fitted to the
 * late decay of the label separation; line: the closed form {@code lambda_s(r(phi))}; dotted:
 * its small-phi limit {@code eta_x gamma r / (eta_x + gamma)}.
 */
public final class Figure2SlowRate extends PaperFigure {

    static final String MODEL = "eom-frustrated.yaml";

    public Figure2SlowRate() {
        super("fig2-slow-rate", List.of(MODEL));
    }

    @Override
    public JFreeChart render(FigureContext ctx) {
        double[] phi = Sweeps.fractions(ctx, false);
        List<Experiment> es = Sweeps.overFractions(ctx, MODEL, phi, ctx.load(MODEL).seed(), "integrator.tEnd=3000");
        List<Run> runs = ctx.runAll(es);
        XYSeries fitted = new XYSeries("simulation: fitted slow rate");
        double worst = 0;
        for (Run r : runs) {
            Experiment e = r.experiment();
            TwoClassRates exact = new EmbeddingTheory(r.system().structure(), e.rates().samples(), e.rates().labels())
                    .twoClass();
            double fit = r.result().slowRateFitted();
            PaperStyle.add(fitted, e.frustration().fraction(), fit, true);
            worst = Math.max(worst, Math.abs(fit / exact.slow() - 1));
        }
        ctx.measure("slow_rate_max_rel_error", worst);
        ctx.measure("points", runs.size());
        Experiment base = es.get(0);
        double eta = base.rates().samples();
        double gamma = base.rates().labels();
        XYSeries closed = new XYSeries("theory: closed form λₛ(φ), R3 (dashed)");
        XYSeries limit = new XYSeries("small-φ limit η γ r / (η + γ) (dotted)");
        double lo = 0.005;
        double hi = 1.0;
        for (int k = 0; k <= 200; k++) {
            double p = lo * Math.pow(hi / lo, k / 200.0);
            double r = TwoClassRates.rOf(p);
            double b = eta + gamma;
            double fast = 0.5 * (b + Math.sqrt(b * b - 4 * eta * gamma * r));
            closed.add(p, eta * gamma * r / fast);
            limit.add(p, eta * gamma * r / (eta + gamma));
        }
        XYPlot plot = new XYPlot(new XYSeriesCollection(fitted), PaperStyle.log("frustration fraction φ", lo, 1.3, 1),
                PaperStyle.log("slow rate λ_s", 3e-3, 1.5, 1), PaperStyle.points(1));
        XYSeriesCollection theory = PaperStyle.collection(closed, limit);
        PaperStyle.overlayTheory(plot, theory, 2);
        PaperStyle.plot(plot);
        return PaperStyle.chart("Figure 2. Slow rate against frustration: simulation on the closed form", plot);
    }
}
