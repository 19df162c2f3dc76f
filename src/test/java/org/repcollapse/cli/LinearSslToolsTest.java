package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.ssl.CollapseBoundary;
import org.repcollapse.ssl.ModeFixedPoints;

/**
 * {@code fixed-points}, {@code continue} and {@code basins} on {@code model: linear-ssl} (papers/linear-ssl.md
 * section 8), checked against the closed forms of section 4 and the boundary of section 5. models/linear-ssl.yaml:
 * k = 1.5, eta = 0.04, alpha_p = 1, so p*_(+-) = [1 +- sqrt(1 - 0.24)]/3 and eta_crit = 1/6.
 */
class LinearSslToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModeFixedPoints FP = new ModeFixedPoints(1.5, 0.04, 1.0, 1.0);

    /**
     * The shipped run ends with modes 1, 2 at p*+ and 3, 4 collapsed; the polished point is p*+ to 1e-9 (polished
     * to |f| <= 1e-10 with the mode Jacobian's eigenvalues O(0.1)), the closed-form mode eigenvalues {-2 eta,
     * -p*+ sqrt(1 - 4 eta k)} and {-eta, -2 eta} are in the finite-difference spectrum to 1e-6 of its scale (central
     * differences, h = 1e-5: error O(h^2)), and the zero eigenvalues are exactly the symmetry orbit's: stable, exit 0.
     */
    @Test
    void fixedPointsOfTheShippedModel(@TempDir Path tmp) throws Exception {
        CliHarness.Result r = CliHarness.run("fixed-points", "models/linear-ssl.yaml", "--format", "json",
                "--out", tmp.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(j, JSON.readTree(tmp.resolve("fixed_point.json").toFile()));
        assertEquals("stable", j.get("verdict").asText());
        assertTrue(j.get("family").get("matches").asBoolean());
        assertTrue(j.get("family").get("predicted").asInt() > 0);
        assertTrue(j.get("closed_form_eigenvalues_in_spectrum_relative").asDouble() < 1e-6, r.out());
        JsonNode modes = j.get("modes");
        for (int m = 0; m < 4; m++) {
            JsonNode mode = modes.get(m);
            if (m < 2) {
                assertEquals("p*+", mode.get("reached").asText());
                assertEquals(FP.pPlus(), mode.get("p").asDouble(), 1e-9);
                assertEquals(FP.sPlus(), mode.get("s").asDouble(), 1e-9);
                assertEquals(-FP.pPlus() * Math.sqrt(1 - 4 * 0.04 * 1.5),
                        mode.get("mode_eigenvalues_closed_form").get(1).asDouble(), 1e-15);
            } else {
                assertEquals("collapsed", mode.get("reached").asText());
            }
        }
        assertTrue(j.get("spectrum").get("largest_real_part").asDouble() <= -0.04 + 1e-6);
    }

    /**
     * A one-mode start on the saddle (p*-, s*-) (to 1e-8) stays there over t = 1: the polished point is p*- and
     * the spectrum has exactly one positive eigenvalue, +p*- sqrt(1 - 4 eta k), to 1e-6 of the scale: exit 5.
     */
    @Test
    void theSaddleIsUnstable() throws Exception {
        CliHarness.Result r = CliHarness.run("fixed-points", "models/linear-ssl.yaml", "--format", "json", "--set", "dim=1",
                "--set", "ssl.alignedInit.p=[" + FP.pMinus() + "]", "--set", "ssl.alignedInit.s=[" + FP.sMinus() + "]",
                "--set", "integrator.tEnd=1");
        assertEquals(ExitCodes.NOT_STABLE, r.status(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("unstable", j.get("verdict").asText());
        assertEquals("p*-", j.get("modes").get(0).get("reached").asText());
        assertEquals(1, j.get("spectrum").get("unstable").asInt());
        double top = j.get("spectrum").get("eigenvalues").get(0).get(0).asDouble();
        assertEquals(FP.pMinus() * Math.sqrt(1 - 4 * 0.04 * 1.5), top, 1e-6);
    }

    /**
     * eta = 0: c = s - p^2/alpha_p is conserved, a further line of fixed points, so more zero eigenvalues than the
     * symmetry orbit: marginal, exit 5. eta = 0.2 > eta_crit: every mode collapsed, W = W_p = 0 with J = -eta I
     * (to 1e-9: central differences of a quadratic flow at 0). DirectPred (Schur iteration on a shifted J): stable,
     * every mode at p*+ with s*+ = (p*+ - epsilon)^2 to 1e-9.
     */
    @Test
    void marginalCollapsedAndDirectPredVerdicts() throws Exception {
        CliHarness.Result r = CliHarness.run("fixed-points", "models/linear-ssl.yaml", "--format", "json", "--set",
                "ssl.weightDecay=0");
        assertEquals(ExitCodes.NOT_STABLE, r.status(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("marginal", j.get("verdict").asText());
        assertTrue(j.get("family").get("measured").asInt() > j.get("family").get("predicted").asInt(), r.out());

        r = CliHarness.run("fixed-points", "models/linear-ssl.yaml", "--format", "json", "--set", "ssl.weightDecay=0.2");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        j = JSON.readTree(r.out());
        for (JsonNode m : j.get("modes")) {
            assertEquals("collapsed", m.get("reached").asText());
        }
        for (JsonNode ev : j.get("spectrum").get("eigenvalues")) {
            assertEquals(-0.2, ev.get(0).asDouble(), 1e-9);
        }

        r = CliHarness.run("fixed-points", "models/linear-ssl.yaml", "--format", "json", "--set",
                "ssl.directPred.enabled=true");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        j = JSON.readTree(r.out());
        assertEquals("stable", j.get("verdict").asText());
        for (JsonNode m : j.get("modes")) {
            assertEquals("p*+", m.get("reached").asText());
            assertEquals((FP.pPlus() - 0.1) * (FP.pPlus() - 0.1), m.get("s").asDouble(), 1e-9);
        }
    }

    /**
     * continue in eta from 0.01 to 0.3 passes the fold and comes back on p*-: the fold is located (Newton on G = 0,
     * det dG = 0) at eta_crit = 1/6 to 1e-10 relative; every point is on the closed form of its branch (p to 1e-6:
     * residual 1e-10, amplified near the fold where dG/d(p, s) is singular), p*+ rows are stable, p*- rows not.
     */
    @Test
    void continuationFoldsAtEtaCrit(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("c");
        CliHarness.Result r = CliHarness.run("continue", "models/linear-ssl.yaml", "--param", "ssl.weightDecay=0.01:0.3",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        JsonNode branch = JSON.readTree(out.resolve("continuation.json").toFile()).get("branches").get(0);
        assertEquals(1, branch.get("folds").size());
        assertEquals(1.0 / 6, branch.get("folds").get(0).asDouble(), 1e-10 / 6);
        List<String> lines = Files.readAllLines(out.resolve("branch.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals("ssl.weightDecay", header.get(0));
        int plus = 0;
        int minus = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double p = Double.parseDouble(c[header.indexOf("p")]);
            double pc = Double.parseDouble(c[header.indexOf("p_closed_form")]);
            assertEquals(pc, p, 1e-6, line);
            String b = c[header.indexOf("branch")];
            boolean stable = Boolean.parseBoolean(c[header.indexOf("stable")]);
            if (b.equals("p*+")) {
                plus++;
                assertTrue(stable, line);
            } else {
                minus += b.equals("p*-") ? 1 : 0;
                assertFalse(stable, line);
            }
        }
        assertTrue(plus >= 5 && minus >= 5, plus + " / " + minus);
        assertTrue(Files.exists(out.resolve("bifurcation.png")) && Files.exists(out.resolve("bifurcation.pdf")));
    }

    /** In sigma^2 the fold is at eta = 1/(4(1 + sigma^2)), sigma^2 = 1/(4 eta) - 1 = 5.25, to 1e-10 relative. */
    @Test
    void continuationInTheNoiseFoldsToo() throws Exception {
        CliHarness.Result r = CliHarness.run("continue", "models/linear-ssl.yaml", "--param",
                "ssl.augmentationNoise=0:8", "--format", "json");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        JsonNode branch = JSON.readTree(r.out()).get("branches").get(0);
        assertEquals(5.25, branch.get("folds").get(0).asDouble(), 5.25e-10);
    }

    /**
     * X = diag(2, 2, 1, ..., 1): a branch per eigenvalue lambda, each folding at eta = lambda / (4 (1 + sigma^2 / lambda)):
     * 0.4 and 1/6, to 1e-10 relative (the rescaling of section 3 carried into the continuation).
     */
    @Test
    void continuationFoldsPerEigenvalueOfX() throws Exception {
        CliHarness.Result r = CliHarness.run("continue", "models/linear-ssl.yaml", "--param", "ssl.weightDecay=0.01:0.5",
                "--set", "ssl.inputSpectrum=[2,2,1,1,1,1,1,1]", "--format", "json");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        JsonNode b = JSON.readTree(r.out()).get("branches");
        assertEquals(2.0, b.get(0).get("lambda").asDouble());
        assertEquals(0.4, b.get(0).get("folds").get(0).asDouble(), 0.4e-10);
        assertEquals(1.0 / 6, b.get(1).get("folds").get(0).asDouble(), 1e-10 / 6);
    }

    /**
     * Every cell of a basin map over the aligned start whose side of the derived boundary S(p) is known ends on that
     * side at t = 1000 (the full 4 x 8 model), both outcomes occur, and the nearest cell is within 5 % of S(p_0)
     * (the grid puts (-0.3, 0.1) 2 % below S(-0.3) = 0.102).
     */
    @Test
    void basinCellsEndOnThePredictedSide(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("b");
        CliHarness.Result r = CliHarness.run("basins", "models/linear-ssl.yaml", "--x", "ssl.start.p=-0.5:0.5:11",
                "--y", "ssl.start.s=0.01:0.25:9", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("basins.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        CollapseBoundary b = CollapseBoundary.of(FP);
        int collapsed = 0;
        int kept = 0;
        double nearest = Double.POSITIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double p0 = Double.parseDouble(c[0]);
            double s0 = Double.parseDouble(c[1]);
            double boundary = b.s(p0);
            nearest = Math.min(nearest, Math.abs(s0 - boundary) / boundary);
            String expected = s0 < boundary ? "complete" : "none";
            assertEquals(expected, c[header.indexOf("collapse")], line);
            assertEquals(expected, c[header.indexOf("theory_collapse")], line);
            collapsed += expected.equals("complete") ? 1 : 0;
            kept += expected.equals("none") ? 1 : 0;
        }
        assertEquals(99, collapsed + kept);
        assertTrue(collapsed >= 5 && kept >= 5, collapsed + " / " + kept);
        assertTrue(nearest < 0.05, "the grid tests the boundary closely: nearest cell " + nearest + " of S away");
        assertTrue(Files.exists(out.resolve("basins.png")) && Files.exists(out.resolve("basins.svg")));
    }

    /** Bad input for the new keys: one line naming the key, exit 2, nothing written. */
    @Test
    void badInputForTheNewKeys(@TempDir Path tmp) {
        Path out = tmp.resolve("o");
        String[][] cases = {
            {"basins", "models/linear-ssl.yaml", "--x", "ssl.start.p=-0.5:0.5:3", "--y", "ssl.start.s=-0.1:0.2:3",
                "--out", out.toString(), "error: ssl.start.s = -0.1"},
            {"basins", "models/linear-ssl.yaml", "--x", "ssl.start.p=-0.5:0.5:1", "--y", "ssl.start.s=0:0.2:3",
                "--out", out.toString(), "error: --x = ssl.start.p=-0.5:0.5:1"},
            {"basins", "models/linear-ssl.yaml", "--x", "ssl.start.p=-0.5:0.5:3", "--y", "ssl.weightDecay=0:0.2:3",
                "--out", out.toString(), "error: --y = ssl.weightDecay"},
            {"basins", "models/linear-ssl.yaml", "--x", "ssl.start.p=-0.5:0.5:3", "--y", "ssl.start.s=0:0.2:3",
                "--seeds", "2", "--out", out.toString(), "error: --seeds = 2"},
            {"continue", "models/linear-ssl.yaml", "--param", "ssl.weightDecay=-0.1:0.2", "--out", out.toString(),
                "error: ssl.weightDecay = -0.1"},
            {"continue", "models/linear-ssl.yaml", "--param", "ssl.predictorRate=0.5:2", "--out", out.toString(),
                "error: --param = ssl.predictorRate"},
            {"continue", "models/linear-ssl.yaml", "--param", "ssl.weightDecay=0.01:0.2", "--set",
                "ssl.directPred.enabled=true", "--out", out.toString(), "error: ssl.directPred.enabled = true"},
            {"continue", "models/linear-ssl.yaml", "--param", "ssl.weightDecay=0.01:0.2", "--set", "ssl.emaRate=0.5",
                "--out", out.toString(), "error: ssl.emaRate = 0.5"},
            {"fixed-points", "models/linear-ssl.yaml", "--set", "dim=20", "--set", "ssl.alignedInit.p=[]", "--set",
                "ssl.alignedInit.s=[]", "--set", "ssl.inputDim=80", "--out", out.toString(), "error: ssl.inputDim = 80"},
        };
        for (String[] c : cases) {
            String[] argv = java.util.Arrays.copyOf(c, c.length - 1);
            CliHarness.Result r = CliHarness.run(argv);
            assertEquals(ExitCodes.BAD_INPUT, r.status(), String.join(" ", argv) + ": " + r.err());
            assertTrue(r.err().strip().startsWith(c[c.length - 1]), r.err());
            assertFalse(r.err().strip().contains("\n"), r.err());
            assertFalse(Files.exists(out), String.join(" ", argv) + " wrote nothing");
        }
    }
}
