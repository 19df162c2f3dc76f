package org.repcollapse.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.repcollapse.analysis.Metrics;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.experiment.SummaryJson;
import org.repcollapse.experiment.Systems;
import org.repcollapse.experiment.TrajectoryCsv;
import org.repcollapse.plot.FigureFiles;
import org.repcollapse.plot.RunFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run FILE}: integrate one experiment and write its trajectory, summary and figure. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Integrate an experiment; write DIR/trajectory.csv, DIR/summary.json and DIR/dynamics.{png,svg}"
                + " (no figure with --no-plot).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/NAME).")
    Path out;

    @Option(names = "--no-plot", description = "Write no figure (dynamics.png/.svg): for sweeps and scripts.")
    boolean noPlot;

    /** A short account on stdout: verdict, when accuracy peaked, rates fitted against predicted. */
    static void report(Experiment e, RunResult r, double fast, double slow, Path dir, boolean plotted) {
        double[] last = r.trajectory().isEmpty() ? r.initial() : r.trajectory().last();
        int clusters = r.verdict().clusters().size();
        System.out.printf("%s: %s collapse (%d label cluster%s of %d classes) [%s solver]%n", e.name(),
                r.verdict().type() == org.repcollapse.analysis.CollapseType.NONE ? "no" : r.verdict().type().key(), clusters, clusters == 1 ? "" : "s", e.classes(), r.solver());
        double[] t = r.trajectory().column(Metrics.T);
        double[] acc = r.trajectory().column(Metrics.ACCURACY);
        double best = Double.NEGATIVE_INFINITY;
        double when = Double.NaN;
        for (int k = 0; k < acc.length; k++) {
            if (acc[k] > best) {
                best = acc[k];
                when = t[k];
            }
        }
        System.out.printf("  accuracy %.3f at t = %.4g, %s at the end%n", best, when,
                Double.isNaN(last[Metrics.ACCURACY]) ? "unresolved (labels closer than the integration tolerance)"
                        : String.format("%.3f", last[Metrics.ACCURACY]));
        System.out.printf("  min label distance %.4g -> %.4g%n", r.initial()[Metrics.MIN_LABEL_DISTANCE],
                last[Metrics.MIN_LABEL_DISTANCE]);
        if (!e.hasHead()) {
            System.out.printf("  slow rate fitted %.6g, predicted %.6g; fast rate fitted %.6g, predicted %.6g%n",
                    r.slowRateFitted(), slow, r.fastRateFitted(), fast);
        }
        if (e.hasHead() && r.theory().get("head") instanceof java.util.Map<?, ?> head
                && head.get("final") instanceof java.util.Map<?, ?> fin && fin.get("modes") instanceof java.util.List<?> modes) {
            StringBuilder sb = new StringBuilder("  head on label modes (measured vs sqrt(tau_k)"
                    + (e.stopGradient() ? "" : "; R5 holds with stop-gradient only") + "):");
            for (Object o : modes) {
                java.util.Map<?, ?> m = (java.util.Map<?, ?>) o;
                sb.append(String.format(" k=%s %.6f vs %.6f;", m.get("mode"), m.get("measured"), m.get("predicted")));
            }
            System.out.println(sb);
        }
        System.out.println("  wrote " + dir.resolve("trajectory.csv") + ", summary.json"
                + (plotted ? ", dynamics.png, dynamics.svg" : ""));
    }

    @Override
    public Integer call() throws Exception {
        Experiment e = experiment.load();
        FlowSystem system = Systems.build(e);
        Path dir = out != null ? out : Path.of("runs", e.name());
        org.repcollapse.plot.HeadModeRecorder headModes = e.hasHead() ? new org.repcollapse.plot.HeadModeRecorder(system) : null;
        RunResult r = ExperimentRunner.run(e, system, headModes);
        TrajectoryCsv.write(dir.resolve("trajectory.csv"), r.trajectory());
        SummaryJson.write(dir.resolve("summary.json"), r);
        double fast = e.hasHead() ? Double.NaN : (Double) r.theory().get("fast_rate");
        double slow = e.hasHead() ? Double.NaN : (Double) r.theory().get("slow_rate");
        boolean plot = !noPlot && r.trajectory().size() >= 2;
        if (plot) {
            FigureFiles.write(headModes != null
                    ? org.repcollapse.plot.HeadRunFigure.create(e.name(), r.trajectory(), r.initial(), headModes, e.stopGradient())
                    : RunFigure.create(e.name(), r.trajectory(), r.initial(), fast, slow), dir.resolve("dynamics"));
        }
        report(e, r, fast, slow, dir, plot);
        if (!r.complete()) {
            System.err.println("error: " + r.failure().getMessage() + "; the trajectory up to then is written"
                    + " and summary.json is marked failed");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        return ExitCodes.OK;
    }
}
