package org.repcollapse.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The experiment file and its {@code --set} overrides, shared by the subcommands. */
public final class ExperimentOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (YAML), e.g. models/eom-frustrated.yaml.")
    Path file;

    @Option(names = "--set", paramLabel = "key.path=value",
            description = "Override one key, e.g. --set frustration.fraction=0.2 (repeatable).")
    List<String> overrides = new ArrayList<>();

    public Experiment load() {
        return ExperimentLoader.load(file, overrides);
    }
}
