package org.repcollapse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.plot.FigureFiles;
import org.repcollapse.plot.RunFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code figures}: regenerate the figures from the experiment files in {@code models/}. */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = "Regenerate every figure from the experiment files in models/ into figures/.")
public final class FiguresCommand implements Callable<Integer> {

    @Option(names = "--models", paramLabel = "DIR", description = "Experiment files (default: models).")
    Path models = Path.of("models");

    @Option(names = "--out", paramLabel = "DIR", description = "Figure directory (default: figures).")
    Path out = Path.of("figures");

    @Override
    public Integer call() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(models)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        // validate everything first, so that bad input writes nothing
        List<Experiment> experiments = files.stream().map(f -> ExperimentLoader.load(f, List.of())).toList();
        for (Experiment e : experiments) {
            org.repcollapse.dynamics.FlowSystem system = org.repcollapse.experiment.Systems.build(e);
            org.repcollapse.plot.HeadModeRecorder headModes = e.hasHead() ? new org.repcollapse.plot.HeadModeRecorder(system) : null;
            RunResult r = ExperimentRunner.run(e, system, headModes);
            double fast = e.hasHead() ? Double.NaN : (Double) r.theory().get("fast_rate");
            double slow = e.hasHead() ? Double.NaN : (Double) r.theory().get("slow_rate");
            FigureFiles.write(headModes != null
                    ? org.repcollapse.plot.HeadRunFigure.create(e.name(), r.trajectory(), r.initial(), headModes, e.stopGradient())
                    : RunFigure.create(e.name(), r.trajectory(), r.initial(), fast, slow), out.resolve(e.name()));
            System.out.println("figures/" + e.name() + ".{png,svg}: " + r.verdict().type().key() + " collapse");
        }
        return ExitCodes.OK;
    }
}
