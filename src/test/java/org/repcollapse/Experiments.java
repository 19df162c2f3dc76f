package org.repcollapse;

import java.util.List;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;

/** Builds experiments for tests from YAML text, exactly as the loader reads files. */
public final class Experiments {

    private Experiments() {
    }

    public static Experiment of(String yaml, String... overrides) {
        return ExperimentLoader.parse(yaml, "test", "test", List.of(overrides));
    }
}
