package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;

/**
 * {@code basins}: every cell's outcome against an independent run of that cell (the runner, not the
 * sweep), the predicted collapse beside it (R2: phi = 0 none, phi > 0 with a connected frustration
 * graph complete), the figure files, and bad inputs (exit 2, one line, nothing written).
 */
class BasinsCommandTest {

    private static final String MODEL = "classes: 2\nsamples: 30\ndim: 3\nfrustration: {fraction: 0.1}\n"
            + "integrator: {method: dop853, tEnd: 400}\nrecord: {points: 20}\n";

    @Test
    void everyCellIsClassifiedAsItsOwnRunIs(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("m.yaml");
        Files.writeString(model, MODEL);
        Path out = tmp.resolve("b");
        CliHarness.Result r = CliHarness.run("basins", model.toString(), "--x", "frustration.fraction=0:0.2:2",
                "--y", "rates.labels=0.5:2:2", "--out", out.toString(), "--no-progress");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(out.resolve("basins.csv"), StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        assertEquals(4, rows.size(), "2 x 2 cells, one seed");
        for (CSVRecord row : rows) {
            String phi = row.get("frustration.fraction");
            String gamma = row.get("rates.labels");
            Experiment e = ExperimentLoader.parse(MODEL, "m.yaml", "m",
                    List.of("frustration.fraction=" + phi, "rates.labels=" + gamma));
            RunResult run = ExperimentRunner.run(e);
            String expected = run.verdict().type().name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(expected, row.get("collapse"), "cell " + phi + ", " + gamma);
            // R2: no frustration, no collapse; a connected frustration graph (K = 2) collapses completely
            assertEquals(Double.parseDouble(phi) == 0 ? "none" : "complete", row.get("collapse"));
            assertEquals(row.get("collapse"), row.get("theory_collapse"), "simulation on the predicted side");
            double rel = Double.parseDouble(row.get("relative_separation"));
            assertTrue(Double.parseDouble(phi) == 0 ? rel > 0.1 : rel < 1e-6, "separation " + rel);
        }
        for (String ext : List.of(".png", ".svg", ".pdf")) {
            assertTrue(Files.size(out.resolve("basins" + ext)) > 0, ext);
        }
        byte[] pdf = Files.readAllBytes(out.resolve("basins.pdf"));
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.ISO_8859_1));
    }

    @Test
    void badInputsAreOneLineAndWriteNothing(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("m.yaml");
        Files.writeString(model, MODEL);
        String[][] cases = {
            {"basins", model.toString(), "--x", "frustration.fraction=0:0.2:2", "--y", "frustration.fraction=0:1:2"},
            {"basins", model.toString(), "--x", "frustration.fraction=0:0.2:2", "--y", "rates.labls=1:2:2"},
            {"basins", model.toString(), "--x", "frustration.fraction", "--y", "rates.labels=1:2:2"},
            {"basins", model.toString(), "--x", "frustration.fraction=0:0.2:2"},
            {"basins", tmp.resolve("missing.yaml").toString(), "--x", "frustration.fraction=0:0.2:2", "--y",
                "rates.labels=1:2:2"},
        };
        for (String[] c : cases) {
            Path out = tmp.resolve("never");
            String[] args = java.util.Arrays.copyOf(c, c.length + 2);
            args[c.length] = "--out";
            args[c.length + 1] = out.toString();
            CliHarness.Result r = CliHarness.run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.status(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", c));
        }
    }
}
