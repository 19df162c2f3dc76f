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
        description = "Integrate an experiment; write DIR/trajectory.csv, DIR/summary.json and DIR/dynamics.{png,svg}.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/NAME).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Experiment e = experiment.load();
        FlowSystem system = Systems.build(e);
        Path dir = out != null ? out : Path.of("runs", e.name());
        RunResult r = ExperimentRunner.run(e, system);
        TrajectoryCsv.write(dir.resolve("trajectory.csv"), r.trajectory());
        SummaryJson.write(dir.resolve("summary.json"), r);
        double fast = e.hasHead() ? Double.NaN : (Double) r.theory().get("fast_rate");
        double slow = e.hasHead() ? Double.NaN : (Double) r.theory().get("slow_rate");
        if (r.trajectory().size() >= 2) {
            FigureFiles.write(RunFigure.create(e.name(), r.trajectory(), r.initial(), fast, slow), dir.resolve("dynamics"));
        }
        double[] last = r.trajectory().isEmpty() ? r.initial() : r.trajectory().last();
        System.out.printf("%s: %s collapse (%d label clusters of %d); min label distance %.4g -> %.4g; accuracy %.3f%n",
                e.name(), r.verdict().type().key(), r.verdict().clusters().size(), e.classes(),
                r.initial()[Metrics.MIN_LABEL_DISTANCE], last[Metrics.MIN_LABEL_DISTANCE], last[Metrics.ACCURACY]);
        if (!e.hasHead()) {
            System.out.printf("rates: slow fitted %.6g, predicted %.6g; fast fitted %.6g, predicted %.6g%n",
                    r.slowRateFitted(), slow, r.fastRateFitted(), fast);
        }
        System.out.println("wrote " + dir.resolve("trajectory.csv") + ", summary.json"
                + (r.trajectory().size() >= 2 ? ", dynamics.png, dynamics.svg" : ""));
        if (!r.complete()) {
            System.err.println("error: " + r.failure().getMessage() + "; the trajectory up to then is written"
                    + " and summary.json is marked failed");
            return ExitCodes.NUMERICAL_FAILURE;
        }
        return ExitCodes.OK;
    }
}
