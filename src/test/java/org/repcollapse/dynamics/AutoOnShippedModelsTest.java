package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;

/**
 * {@code integrator.method: auto} against {@code dop853} on every shipped model (to t = 300, 30
 * recorded points): the loss and the label distances agree at every recorded time. Both integrate
 * at rtol 1e-8: DOP853's global error over a run is ~1e-7 relative, ROS34PW2's (order 3) ~1e-6 and
 * the exact propagator's 0, so 1e-5 relative (plus 1e-9 absolute for distances that collapse to
 * rounding) bounds their difference with margin, while any wrong solve or switch shows at O(1).
 */
class AutoOnShippedModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"eom-clean", "eom-frustrated", "eom-cluster4", "head-no-sg", "head-sg", "head-sg-chain4",
        "ts-clean", "ts-duplicate", "ts-flip", "ts-flip-sg"})
    void autoAgreesWithDop853(String model) {
        Path file = Path.of("models", model + ".yaml");
        List<String> common = List.of("integrator.tEnd=300", "record.points=30");
        Experiment dop = ExperimentLoader.load(file, concat(common, "integrator.method=dop853"));
        Experiment auto = ExperimentLoader.load(file, concat(common, "integrator.method=auto"));
        RunResult a = ExperimentRunner.run(dop);
        RunResult b = ExperimentRunner.run(auto);
        assertTrue(a.complete() && b.complete());
        assertEquals(a.trajectory().size(), b.trajectory().size());
        for (int r = 0; r < a.trajectory().size(); r++) {
            double[] x = a.trajectory().rows().get(r);
            double[] y = b.trajectory().rows().get(r);
            for (int col : new int[] {Metrics.LOSS, Metrics.MIN_LABEL_DISTANCE, Metrics.MEAN_LABEL_DISTANCE}) {
                assertEquals(x[col], y[col], 1e-5 * Math.abs(x[col]) + 1e-9,
                        model + " row " + r + " column " + col + " (" + b.integration().reason() + ")");
            }
        }
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }
}
