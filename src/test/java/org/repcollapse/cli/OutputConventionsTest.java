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

    /** Every leaf of a JSON tree by dotted path (arrays by index), null as "". */
    static void leaves(String path, com.fasterxml.jackson.databind.JsonNode n, java.util.Map<String, String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> leaves(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(),
                    out));
        } else if (n.isArray()) {
            for (int k = 0; k < n.size(); k++) {
                leaves(path + "." + k, n.get(k), out);
            }
        } else {
            out.put(path, n.isNull() ? "" : n.asText());
        }
    }

    @Test
    void jsonAndCsvFormatsCarryTheSameNumbers() throws IOException {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, EXPERIMENT.replace("tEnd: 5", "tEnd: 300"));
        for (String[] command : new String[][] {{"theory"}, {"fixed-points"}}) {
            CliHarness.Result json = CliHarness.run(command[0], file.toString(), "--format", "json");
            CliHarness.Result csv = CliHarness.run(command[0], file.toString(), "--format", "csv");
            assertEquals(ExitCodes.OK, json.status(), json.err());
            assertEquals(ExitCodes.OK, csv.status(), csv.err());
            java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
            leaves("", new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()), expected);
            java.util.Map<String, String> got = new java.util.LinkedHashMap<>();
            assertEquals("quantity,value", csv.out().lines().findFirst().orElse(""));
            // a real CSV reader: values may be quoted and hold commas (the slow mode's sentence)
            List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVFormat.DEFAULT
                    .parse(new java.io.StringReader(csv.out())).getRecords();
            for (org.apache.commons.csv.CSVRecord rec : records.subList(1, records.size())) {
                got.put(rec.get(0), rec.get(1));
            }
            assertEquals(expected.keySet(), got.keySet(), command[0] + ": the same quantities");
            for (String k : expected.keySet()) {
                String a = expected.get(k);
                String b = got.get(k);
                if (a.isEmpty() || b.isEmpty()) {
                    assertEquals(a, b, k + ": null in JSON is an empty CSV field");
                } else if (a.matches("-?[0-9.Ee+-]+") && b.matches("-?[0-9.Ee+-]+")) {
                    assertEquals(Double.parseDouble(a), Double.parseDouble(b), 0.0, k);
                } else {
                    assertEquals(a, b, k);
                }
            }
            assertFalse(csv.out().contains("NaN") || json.out().contains("NaN"), command[0] + ": no NaN spelled out");
        }
        assertEquals(ExitCodes.BAD_INPUT, CliHarness.run("theory", file.toString(), "--format", "xml").status());
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
