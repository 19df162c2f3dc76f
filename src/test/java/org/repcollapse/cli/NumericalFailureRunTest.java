package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.Systems;

/**
 * A run that diverges: explicit RK4 with step h = 0.01 on rates 1e4 (h * eta_x |S_i| >= 100,
 * far outside RK4's stability interval [-2.78, 0]) amplifies the state by ~1e8 per step. The
 * command must stop at the step where the state first exceeds the divergence bound, report
 * that time, exit with status 3, and keep the trajectory up to then with summary.json marked
 * failed. The failing step is found independently by a plain RK4 loop on the same right-hand
 * side; the margins (checked: a factor 10 or more either side) dwarf rounding (1e-15 relative).
 */
class NumericalFailureRunTest {

    static final List<String> SETTINGS = List.of("samples=20", "rates.samples=1e4", "integrator.method=rk4",
            "integrator.step=0.01", "integrator.tEnd=1", "record.points=30", "record.spacing=log", "record.tStart=0.001");

    /** Steps of a textbook RK4 until max|z| exceeds the bound; returns the failing step number. */
    static int failingStep(FlowSystem s, double h, double bound) {
        OrdinaryDifferentialEquation f = s.ode();
        double[] y = s.initialState();
        int n = y.length;
        double previous = 0;
        for (int k = 1; k < 1000; k++) {
            double t = (k - 1) * h;
            double[] k1 = f.computeDerivatives(t, y).clone();
            double[] tmp = new double[n];
            for (int i = 0; i < n; i++) {
                tmp[i] = y[i] + h / 2 * k1[i];
            }
            double[] k2 = f.computeDerivatives(t + h / 2, tmp).clone();
            for (int i = 0; i < n; i++) {
                tmp[i] = y[i] + h / 2 * k2[i];
            }
            double[] k3 = f.computeDerivatives(t + h / 2, tmp).clone();
            for (int i = 0; i < n; i++) {
                tmp[i] = y[i] + h * k3[i];
            }
            double[] k4 = f.computeDerivatives(t + h, tmp).clone();
            double max = 0;
            for (int i = 0; i < n; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                max = Math.max(max, Math.abs(y[i]));
            }
            if (!(max <= bound)) {
                assertTrue(previous < bound / 10 && !(max < bound * 10), "crossing is unambiguous: "
                        + previous + " then " + max);
                return k;
            }
            previous = max;
        }
        throw new AssertionError("no divergence");
    }

    @Test
    void divergenceStopsTheRunAndKeepsWhatWasComputed(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("diverging.yaml");
        Files.writeString(file, "name: diverging\nclasses: 2\nfrustration: {fraction: 0.1}\n");
        Experiment e = ExperimentLoader.load(file, SETTINGS);
        int k = failingStep(Systems.build(e), 0.01, ExperimentRunner.BLOW_UP);
        double failTime = k * 0.01;
        double lastGood = (k - 1) * 0.01;
        double[] grid = ExperimentRunner.grid(e);
        assertTrue(Arrays.stream(grid).noneMatch(t -> Math.abs(t - lastGood) < 1e-9), "no grid time on a step end");
        long expectedRows = Arrays.stream(grid).filter(t -> t < lastGood).count();
        assertTrue(expectedRows >= 2 && k >= 3, "some trajectory before the failure (k = " + k + ")");

        Path out = tmp.resolve("out");
        String[] args = new String[2 + 2 + 2 * SETTINGS.size()];
        args[0] = "run";
        args[1] = file.toString();
        args[2] = "--out";
        args[3] = out.toString();
        for (int i = 0; i < SETTINGS.size(); i++) {
            args[4 + 2 * i] = "--set";
            args[5 + 2 * i] = SETTINGS.get(i);
        }
        CliHarness.Result r = CliHarness.run(args);
        assertEquals(ExitCodes.NUMERICAL_FAILURE, r.status(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n") || err.contains("Exception"), err);
        assertTrue(err.startsWith("error: divergence"), err);
        // the summary line says it failed and when, with no collapse verdict (before: "no collapse" at 3.4e+24)
        String first = r.out().lines().findFirst().orElse("");
        assertTrue(first.contains(": failed at t = ") && first.contains("no collapse verdict"), first);
        assertFalse(r.out().contains(" collapse ("), r.out());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("failed", summary.path("status").asText());
        assertTrue(summary.path("collapse").path("type").isNull(), "no collapse verdict for a failed run");
        // step ends accumulate h = 0.01 k times: equal to k * 0.01 up to a few ulps
        assertEquals(failTime, summary.path("failure").path("time").asDouble(), 1e-12);
        assertTrue(err.contains("at t = " + summary.path("failure").path("time").asDouble()), err);
        List<String> rows = Files.readAllLines(out.resolve("trajectory.csv"), StandardCharsets.UTF_8);
        assertEquals(expectedRows, rows.size() - 1, "grid points before the last good step end");
        assertEquals(expectedRows, summary.path("failure").path("recorded_points").asLong());
        double lastT = Double.parseDouble(rows.get(rows.size() - 1).split(",")[0]);
        assertTrue(lastT < failTime, "nothing recorded after the failure");
        for (String row : rows.subList(1, rows.size())) {
            assertFalse(row.contains("Infinity"), "recorded states are finite: " + row);
        }
    }
}
