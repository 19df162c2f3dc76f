package org.repcollapse.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The {@code --set} overrides of an experiment file's keys (a mixin of {@link ExperimentOptions} and {@code run}). */
public final class OverrideOptions {

    @Option(names = "--set", paramLabel = "key.path=value",
            description = "Override one key, e.g. --set frustration.fraction=0.2 (repeatable).")
    List<String> values = new ArrayList<>();
}
