package org.repcollapse.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code theory FILE}: the closed-form predictions for an experiment, as JSON on stdout. */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "Print the closed-form predictions for an experiment (JSON, or CSV with --format csv): components and predicted"
                + " clusters, T spectrum, slow and fast rates, the K = 2 closed form; for the teacher-student"
                + " model its R9 regime, effective frustration and exact slow rate.")
public final class TheoryCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--format", paramLabel = "json|csv",
            description = "json (default; null for NaN) or csv (quantity,value; empty for NaN).")
    String format = "json";

    @Override
    public Integer call() {
        OutputFormat f = OutputFormat.of(format, false);
        Experiment e = experiment.load();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", e.name());
        out.putAll(Models.build(e).theoryReport());
        System.out.print(f.render(out));
        return ExitCodes.OK;
    }
}
