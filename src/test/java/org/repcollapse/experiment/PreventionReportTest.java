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
    void varianceWithoutCovarianceIsADimensionalCollapse() {
        // K = 8 ring, d = 8: every axis at its target spread, labels apart, but the axes correlated: effective
        // rank about 2.0 < 3.5 = half of min(K - 1, d); the covariance term decorrelates them (about 7.9)
        Experiment alone = ExperimentLoader.load(Path.of("models", "prevention-variance-only.yaml"), List.of());
        RunResult r = ExperimentRunner.run(alone);
        assertEquals(org.repcollapse.analysis.CollapseType.DIMENSIONAL, r.verdict().type());
        Experiment both = ExperimentLoader.load(Path.of("models", "prevention-variance-only.yaml"),
                List.of("prevention.covariance.weight=1"));
        RunResult v = ExperimentRunner.run(both);
        assertEquals(org.repcollapse.analysis.CollapseType.NONE, v.verdict().type());
        double rank = v.trajectory().last()[org.repcollapse.analysis.Metrics.EFFECTIVE_RANK];
        org.junit.jupiter.api.Assertions.assertTrue(rank > 7.0, "VICReg effective rank " + rank);
    }

    @Test
    void reconstructionSlowsTheTeacherStudentCollapse() {
        // ts-duplicate collapses (separation 7e-5 at t = 1000, from 2.66); with the decoder at weight 1 the encoder
        // must keep the input directions the decoder needs, and the separation is 0.18 at t = 1000. The thresholds
        // 1e-3 and 0.05 sit a factor 14 and 4 from the measured values.
        Experiment plain = ExperimentLoader.load(Path.of("models", "ts-duplicate.yaml"), List.of());
        Experiment rec = ExperimentLoader.load(Path.of("models", "ts-duplicate.yaml"),
                List.of("prevention.reconstruction.weight=1"));
        double dPlain = ExperimentRunner.run(plain).trajectory().last()[org.repcollapse.analysis.Metrics.MIN_LABEL_DISTANCE];
        double dRec = ExperimentRunner.run(rec).trajectory().last()[org.repcollapse.analysis.Metrics.MIN_LABEL_DISTANCE];
        org.junit.jupiter.api.Assertions.assertTrue(dPlain < 1e-3, "plain: " + dPlain);
        org.junit.jupiter.api.Assertions.assertTrue(dRec > 0.05, "reconstruction: " + dRec);
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
