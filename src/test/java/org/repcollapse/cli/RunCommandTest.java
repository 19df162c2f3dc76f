package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The run command end to end: files, columns, and the predictions next to the fits. */
class RunCommandTest {

    @TempDir
    Path dir;

    private int execute(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runWritesTrajectorySummaryAndFigure() throws Exception {
        Path model = dir.resolve("small.yaml");
        Files.writeString(model, """
                samples: 40
                dim: 3
                frustration: {fraction: 0.1}
                integrator: {tEnd: 200}
                record: {points: 50}
                """);
        Path out = dir.resolve("out");
        int code = execute(new StringWriter(), "run", model.toString(), "--out", out.toString(),
                "--set", "seed=7");
        assertEquals(0, code);
        List<String> csv = Files.readAllLines(out.resolve("trajectory.csv"));
        assertTrue(csv.get(0).startsWith("t,loss,accuracy,min_label_distance,mean_label_distance,effective_rank,"
                + "head_eig_min,head_eig_max"), csv.get(0));
        assertEquals(51, csv.size(), "header + one row per recorded point");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("complete", summary.get("status").asText());
        assertEquals("small", summary.get("name").asText());
        assertEquals("complete", summary.at("/collapse/type").asText());
        double fitted = summary.at("/rates/slow_fitted").asDouble();
        double predicted = summary.at("/rates/slow_predicted").asDouble();
        // same 1 % bound as TwoClassRatesTest, here through the CLI and the JSON round trip
        assertEquals(predicted, fitted, 0.01 * predicted);
        assertEquals(7, summary.at("/experiment/seed").asInt());
        assertTrue(Files.size(out.resolve("dynamics.png")) > 1000);
        assertTrue(Files.readString(out.resolve("dynamics.svg")).contains("<svg"));
        try (var files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
        Path model = dir.resolve("bad.yaml");
        Files.writeString(model, "samples: 40\nfrustration: {fraction: -0.1}\n");
        Path out = dir.resolve("never");
        StringWriter err = new StringWriter();
        int code = execute(err, "run", model.toString(), "--out", out.toString());
        assertEquals(2, code);
        assertEquals("error: frustration.fraction = -0.1: must lie in [0, 1]", err.toString().trim());
        assertFalse(Files.exists(out));
    }

    /**
     * The mean-field solver has no individual samples: its accuracy is "n/a (mean-field ...)" in the
     * summary line, never "-Infinity at t = NaN" (before), and no NaN or Infinity appears in the prose.
     */
    @Test
    void meanFieldSaysWhatDoesNotApply() throws Exception {
        Path model = dir.resolve("mf.yaml");
        Files.writeString(model, "samples: 40\ndim: 3\nfrustration: {fraction: 0.1}\nsolver: mean-field\n"
                + "integrator: {tEnd: 50}\nrecord: {points: 20}\n");
        CliHarness.Result r = CliHarness.run("run", model.toString(), "--out", dir.resolve("mf").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("accuracy n/a (mean-field"), r.out());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
    }

    @Test
    void noPlotWritesTrajectoryAndSummaryButNoFigure() throws Exception {
        Path model = dir.resolve("small.yaml");
        Files.writeString(model, """
                samples: 40
                dim: 3
                frustration: {fraction: 0.1}
                integrator: {tEnd: 20}
                record: {points: 20}
                """);
        Path out = dir.resolve("noplot");
        assertEquals(0, execute(new StringWriter(), "run", model.toString(), "--out", out.toString(), "--no-plot"));
        assertTrue(Files.exists(out.resolve("trajectory.csv")));
        assertTrue(Files.exists(out.resolve("summary.json")));
        try (var files = Files.list(out)) {
            assertEquals(List.of("experiment.json", "summary.json", "trajectory.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no dynamics.png or .svg");
        }
    }
}
