package org.repcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The {@code prevention} block of the theory output against the closed forms of papers/prevention.md,
 * and the summary's rates when a mechanism makes the flow nonlinear.
 */
class PreventionReportTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prevention(String file, String... set) {
        Experiment e = ExperimentLoader.load(Path.of("models", file), List.of(set));
        Map<String, Object> report = (Map<String, Object>) Models.build(e).theoryReport().get("embedding_only");
        return (Map<String, Object>) report.get("prevention");
    }

    @Test
    void varianceCriticalWeightIsRSqrtEpsOverSigma() {
        // eom-frustrated: r = 2/11; defaults t = 1, eps = 1e-4, beta = 0.05
        Map<String, Object> p = prevention("eom-frustrated.yaml", "prevention.variance.weight=0.001");
        double expected = (2.0 / 11.0) * 0.01 * (1 + Math.exp(-(1 - 0.01) / 0.05));
        assertEquals(expected, (Double) p.get("variance_critical_weight"), 1e-15);
        assertFalse((Boolean) p.get("variance_repels_collapse"), "0.001 < 0.00182: PreventionBehaviourTest collapses");
    }

    @Test
    void sampleHeadCarriesTau() {
        Object[] head = (Object[]) prevention("prevention-sample-head.yaml").get("sample_head_eigenvalues");
        assertEquals(1.0, ((Number) head[0]).doubleValue(), 1e-14);
        assertEquals(9.0 / 11.0, ((Number) head[1]).doubleValue(), 1e-14, "tau_1 = 1 - r");
    }

    @Test
    void noBlockWithoutPreventionAndNoLinearPredictionWithIt() {
        assertNull(prevention("eom-frustrated.yaml"));
        Experiment e = ExperimentLoader.load(Path.of("models", "prevention-contrastive.yaml"),
                List.of("integrator.tEnd=5", "record.points=5"));
        assertFalse(e.linearTheory());
        assertNull(Models.build(e).exactSlowRate() == null ? null : "an exact slow rate",
                "the linear modes do not describe a flow with prevention terms");
    }
}
