package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code continue} end to end: the files it writes and their columns, the JSON summary, the text
 * table, and the refusal of a non-empty output folder (exit 2, nothing changed) unless --force.
 */
class ContinueCommandTest {

    /**
     * models/head-sg.yaml with d = 4 from phi = 0.1 to 0.5: exit 0; branch.csv has one row per point, the
     * column named exactly as the key, residuals <= --tol, every point stable, the head on mode 1 equal to
     * sqrt(tau_1) to 1e-8; continuation.json names the family d^2 = 16 and no special point in (0.1, 0.5);
     * the figure in three formats.
     */
    @Test
    void writesTheBranchTableSummaryAndFigure(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("branch");
        CliHarness.Result r = CliHarness.run("continue", "models/head-sg.yaml", "--set", "dim=4", "--param",
                "frustration.fraction=0.1:0.5", "--steps", "8", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        for (String f : ContinueCommand.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> lines = Files.readAllLines(out.resolve("branch.csv"));
        String[] header = lines.get(0).split(",");
        assertEquals("point", header[0]);
        assertEquals("frustration.fraction", header[1]);
        List<String> cols = List.of(header);
        int res = cols.indexOf("residual");
        int stable = cols.indexOf("stable");
        int rel = cols.indexOf("head_eig_1_relative_difference");
        assertTrue(res > 0 && stable > 0 && rel > 0, lines.get(0));
        assertTrue(lines.size() >= 6, "points: " + (lines.size() - 1));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, line);
            assertTrue(Double.parseDouble(f[res]) <= 1.0e-10, line);
            assertEquals("true", f[stable], line);
            assertTrue(Double.parseDouble(f[rel]) <= 1.0e-8, line);
        }
        assertEquals(0.1, Double.parseDouble(lines.get(1).split(",")[1]), 0.0);
        assertEquals(0.5, Double.parseDouble(lines.get(lines.size() - 1).split(",")[1]), 0.0);
        JsonNode json = new ObjectMapper().readTree(out.resolve("continuation.json").toFile());
        assertEquals("frustration.fraction", json.get("key").asText());
        assertEquals(16, json.get("family_dimension").asInt());
        assertEquals(16, json.get("family_dimension_predicted").asInt());
        assertTrue(json.get("reached_end").asBoolean());
        assertEquals(0, json.get("events").size(), json.get("events").toString());
        assertTrue(json.get("critical_frustration").get("closed_form").isNull());
        assertTrue(r.out().contains("no fold or branch point"), r.out());
    }

    /** A rate continuation prints the JSON summary on stdout (no critical frustration: not a fraction). */
    @Test
    void rateContinuationAsJson() throws IOException {
        CliHarness.Result r = CliHarness.run("continue", "models/head-sg.yaml", "--set", "dim=3", "--param",
                "rates.labels=1:3", "--steps", "4", "--format", "json");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("rates.labels", json.get("key").asText());
        assertTrue(json.get("critical_frustration").get("closed_form").isNull());
        assertTrue(json.get("max_residual").asDouble() <= 1.0e-10);
    }

    /**
     * Without head at phi = 0 the K clusters merge as soon as phi > 0: the family of fixed points drops
     * from K d = 16 to d = 8 dimensions and no branch leaves phi = 0. Exit 3, the stop named on one line,
     * with the dimension change.
     */
    @Test
    void degenerateStartIsANumericalFailureSaidOnOneLine() {
        CliHarness.Result r = CliHarness.run("continue", "models/eom-frustrated.yaml", "--param",
                "frustration.fraction=0:0.5", "--steps", "5");
        assertEquals(ExitCodes.NUMERICAL_FAILURE, r.status(), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("error: the branch stopped early: step size underflow at lambda = 0"), last);
        assertTrue(last.contains("dimension 16 here and 8 just beyond"), last);
    }

    /** A non-empty --out is refused (exit 2, one line, its file untouched); --force replaces the files. */
    @Test
    void nonEmptyOutIsRefusedUnlessForce(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("mine.txt"), "keep");
        String[] args = {"continue", "models/head-sg.yaml", "--set", "dim=3", "--param", "rates.head=1:2", "--steps",
            "2", "--out", out.toString()};
        CliHarness.Result r = CliHarness.run(args);
        assertEquals(ExitCodes.BAD_INPUT, r.status(), r.err());
        assertTrue(r.err().strip().startsWith("error: ") && r.err().contains("not empty"), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
        try (var s = Files.list(out)) {
            assertEquals(1, s.count(), "nothing written");
        }
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertEquals(ExitCodes.OK, CliHarness.run(forced).status());
        assertEquals("keep", Files.readString(out.resolve("mine.txt")));
        assertTrue(Files.exists(out.resolve("branch.csv")));
    }
}
