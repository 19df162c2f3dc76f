package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.analysis.Metrics;
import org.repcollapse.plot.sweep.SweepColumns;
import org.repcollapse.sweep.SweepRow;

/**
 * One NaN spelling per format (an empty CSV field, JSON null; never the word NaN), and a
 * column dictionary in the README that names every column sweep.csv and trajectory.csv write.
 */
class OutputConventionsTest {

    static final String EXPERIMENT = String.join("\n", "name: tiny", "classes: 2", "samples: 12", "dim: 3",
            "frustration: {fraction: 0.2}", "integrator: {tEnd: 5}", "record: {points: 6}", "");

    @TempDir
    Path tmp;

    @Test
    void notApplicableIsAnEmptyCsvFieldAndJsonNull() throws IOException {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, EXPERIMENT);
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<String> csv = Files.readAllLines(tmp.resolve("run/trajectory.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", -1);
            assertEquals("", f[header.indexOf("head_eig_min")], "no head: not applicable, empty");
            assertFalse(row.contains("NaN"), row);
        }
        String json = Files.readString(tmp.resolve("run/summary.json"));
        assertFalse(json.contains("NaN"), "summary.json writes null");
        assertTrue(json.contains("null"), "summary.json has a not-applicable value (the head columns)");
    }

    @Test
    void readmeDictionaryNamesEveryColumn() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (String c : SweepRow.columns(List.of())) {
            assertTrue(SweepColumns.all().containsKey(c), "SweepColumns documents " + c);
            assertTrue(readme.contains("| `" + c + "` |"), "README column dictionary row for " + c);
        }
        for (String c : Metrics.columns(0)) {
            assertTrue(readme.contains("| `" + c + "` |"), "README column dictionary row for " + c);
        }
    }
}
