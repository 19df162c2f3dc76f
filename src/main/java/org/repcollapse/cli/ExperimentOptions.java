package org.repcollapse.cli;

import java.nio.file.Path;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The experiment file and its {@code --set} overrides, shared by the subcommands. */
public final class ExperimentOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (YAML), e.g. models/eom-frustrated.yaml.")
    Path file;

    @Mixin
    OverrideOptions overrides;

    public Experiment load() {
        return ExperimentLoader.load(file, overrides.values);
    }
}
