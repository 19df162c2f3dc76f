package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code figures --set key=value --out DIR} redraws at other parameters, and the CSV next to the
 * figure holds the drawn series: figure 2 at gamma = 2 carries the closed form
 * {@code lambda_s = ((eta + gamma) - sqrt((eta + gamma)^2 - 4 eta gamma r)) / 2}, r = 2 phi / (1 + phi),
 * evaluated here directly (relative 1e-12: the figure writes it as eta gamma r / lambda_f, the
 * same number by Vieta, with another rounding). Without --out, --set is refused (figures/ holds the committed set).
 */
class FiguresSetTest {

    @Test
    void setRedrawsAtOtherParametersWithItsData(@TempDir Path out) throws IOException {
        CliHarness.Result r = CliHarness.run("figures", "--quick", "--no-progress", "--only", "fig2-slow-rate",
                "--set", "rates.labels=2", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<CSVRecord> csv;
        try (CSVParser p = CSVParser.parse(out.resolve("fig2-slow-rate.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT)) {
            csv = p.getRecords();
        }
        int theory = 0;
        int simulation = 0;
        for (CSVRecord line : csv.subList(1, csv.size())) {
            String[] f = line.values();
            if (f[1].equals("theory") && f[2].startsWith("theory: closed form")) {
                double phi = Double.parseDouble(f[5]);
                double y = Double.parseDouble(f[6]);
                double eta = 1;
                double gamma = 2;
                double rr = 2 * phi / (1 + phi);
                double b = eta + gamma;
                double slow = (b - Math.sqrt(b * b - 4 * eta * gamma * rr)) / 2;
                assertEquals(slow, y, 1e-12 * slow, "closed form at gamma = 2, phi = " + phi);
                theory++;
            } else if (f[1].equals("simulation")) {
                simulation++;
            }
        }
        assertTrue(theory > 100, "the theory curve is in the CSV: " + theory);
        assertTrue(simulation >= 3, "the simulated points are in the CSV: " + simulation);
        assertTrue(Files.readString(out.resolve("fig2-slow-rate.csv")).contains("slow rate λₛ"), "axis label");
        CliHarness.Result refused = CliHarness.run("figures", "--quick", "--set", "rates.labels=2");
        assertEquals(ExitCodes.BAD_INPUT, refused.status());
        assertTrue(refused.err().contains("--out"), refused.err());
    }
}
