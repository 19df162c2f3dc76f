package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.continuation.StudentBranch;

/**
 * {@code continue} on the teacher-student model without head (continuation/StudentBranch): the exact fixed
 * point of its linear flow along a key, against independent {@code fixed-points} runs at the same values,
 * and the change of the family of fixed points where flip frustration stops being memorised (teacher.noise
 * -> 0, R9).
 */
class ContinueTeacherStudentTest {

    /** ts-flip with D = 240 >= N = 60: the student memorises the flipped labels (R9), a finite separation. */
    static final String[] MEMORISED = {"models/ts-flip.yaml", "--set", "teacher.inputDim=240"};

    private static List<String> args(String... more) {
        List<String> a = new ArrayList<>(List.of("continue"));
        a.addAll(List.of(MEMORISED));
        a.addAll(List.of(more));
        return a;
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    /**
     * Along rates.samples (eta_W = 0.05 .. 0.2, four values) every row agrees with {@code fixed-points} run
     * with {@code --set rates.samples=V}: residual, largest real part outside the family, family dimension,
     * min label distance. Both build the same seeded instance and take the exact limit, so they agree to
     * 1e-12 relative (rounding only); a larger difference means the key was applied differently from --set.
     * The key moves the fixed point (the R^-1-weighted projection onto ker H depends on eta_W / gamma, so the
     * arclength grows) and the spectrum (the slowest rate grows with eta_W), not the kernel (H does not
     * contain the rates: the family dimension is constant). Empty columns: those of {@link StudentBranch#EMPTY_COLUMNS}.
     */
    @Test
    void agreesWithIndependentFixedPointsRuns(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("b");
        List<String> a = args("--param", "rates.samples=0.05:0.2", "--steps", "3", "--out", out.toString());
        CliHarness.Result r = CliHarness.run(a.toArray(new String[0]));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<String[]> rows = rows(out.resolve("branch.csv"));
        List<String> h = List.of(rows.get(0));
        assertEquals("rates.samples", h.get(1));
        assertEquals(5, rows.size(), "four points and the header");
        int family = -1;
        double previousRate = 0;
        for (String[] row : rows.subList(1, rows.size())) {
            double v = Double.parseDouble(row[1]);
            CliHarness.Result fp = CliHarness.run("fixed-points", MEMORISED[0], MEMORISED[1], MEMORISED[2], "--set", "rates.samples=" + v,
                    "--format", "json");
            assertEquals(ExitCodes.OK, fp.status(), fp.err());
            JsonNode j = new ObjectMapper().readTree(fp.out());
            double res = Double.parseDouble(row[h.indexOf("residual")]);
            assertTrue(res <= 1.0e-10, "residual " + res);
            assertEquals(j.get("residual").asDouble(), res, 1.0e-12 * Math.max(res, 1.0e-13));
            double slowest = Double.parseDouble(row[h.indexOf("largest_real_part")]);
            assertEquals(j.get("spectrum").get("largest_real_part").asDouble(), slowest, 1.0e-12 * Math.abs(slowest));
            int fam = Integer.parseInt(row[h.indexOf("family_dimension")]);
            assertEquals(j.get("family").get("measured").asInt(), fam);
            double sep = Double.parseDouble(row[h.indexOf("min_label_distance")]);
            assertEquals(j.get("min_label_distance").asDouble(), sep, 1.0e-12 * sep);
            assertTrue(sep > 0.1, "memorised: a finite separation " + sep);
            assertEquals("true", row[h.indexOf("stable")]);
            assertEquals("0", row[h.indexOf("unstable_count")]);
            assertTrue(family < 0 || family == fam, "the kernel does not depend on the rates");
            family = fam;
            assertTrue(-slowest > previousRate, "the slowest rate grows with eta_W");
            previousRate = -slowest;
            for (String empty : List.of("bordered_sign", "dlambda_ds", "head_eig_1", "head_eig_1_predicted",
                    "head_eig_1_relative_difference")) {
                assertEquals("", row[h.indexOf(empty)], empty);
            }
        }
        assertTrue(Double.parseDouble(rows.get(4)[h.indexOf("arclength")]) > 1.0e-6, "the fixed point moves with eta_W");
        JsonNode json = new ObjectMapper().readTree(out.resolve("continuation.json").toFile());
        assertEquals(0, json.get("events").size());
        assertTrue(json.get("reached_end").asBoolean());
        for (String f : ContinueCommand.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    /**
     * teacher.noise from 0.2 to 0 (R9): at sigma = 0 a flipped input equals its class's other inputs, the
     * student cannot memorise it and the labels collapse (one label cluster: input rank K = 3, ker A of
     * dimension 1, so d (K + K - 1) = 30 eigenvalues outside the family, min label distance at rounding level);
     * for sigma > 0 the inputs have rank N = 60 and ker A dimension K (three separate clusters:
     * d N = 360 eigenvalues outside the family, a separation of order sigma). The family's dimension changes
     * in between, located as a family_change event with 0 < sigma < 0.2.
     */
    @Test
    void familyChangeWhereMemorisationStops(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("b");
        List<String> a = args("--param", "teacher.noise=0.2:0", "--steps", "2", "--out", out.toString());
        CliHarness.Result r = CliHarness.run(a.toArray(new String[0]));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<String[]> rows = rows(out.resolve("branch.csv"));
        List<String> h = List.of(rows.get(0));
        String[] first = rows.get(1);
        String[] last = rows.get(rows.size() - 1);
        assertEquals(0.2, Double.parseDouble(first[1]), 0.0);
        assertEquals(0.0, Double.parseDouble(last[1]), 0.0);
        assertEquals(360, Integer.parseInt(first[h.indexOf("stable_count")]));
        assertTrue(Double.parseDouble(first[h.indexOf("min_label_distance")]) > 0.1);
        assertEquals(30, Integer.parseInt(last[h.indexOf("stable_count")]));
        assertTrue(Double.parseDouble(last[h.indexOf("min_label_distance")]) < 1.0e-10);
        JsonNode json = new ObjectMapper().readTree(out.resolve("continuation.json").toFile());
        assertTrue(json.get("events").size() >= 1, json.toString());
        for (JsonNode e : json.get("events")) {
            assertEquals("family_change", e.get("type").asText());
            double s = e.get("teacher.noise").asDouble();
            assertTrue(s > 0 && s < 0.2, "at " + s);
        }
    }
}
