package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code integrator.method} through the command line: the default {@code auto} reports what it ran in
 * summary.json's {@code integration} object and, on a non-stiff run, is dop853 bit for bit;
 * {@code ros34pw2} on a flow without a structured solve is bad input (exit 2, nothing written), and
 * so is {@code rodas4} on a flow whose solve only approximates the Jacobian (the embedding model with
 * a head), while it runs where the solve is exact (the same model without a head).
 */
class IntegratorChoiceCliTest {

    private static final String MODEL = "classes: 2\nsamples: 40\ndim: 3\nfrustration: {fraction: 0.1}\n"
            + "integrator: {tEnd: 20}\nrecord: {points: 12}\nseed: 3\n";

    @Test
    void autoReportsItsMethodsAndEqualsDop853WhenNotStiff(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, MODEL);
        CliHarness.Result auto = CliHarness.run("run", file.toString(), "--out", tmp.resolve("auto").toString());
        CliHarness.Result dop = CliHarness.run("run", file.toString(), "--out", tmp.resolve("dop").toString(),
                "--set", "integrator.method=dop853");
        assertEquals(0, auto.status(), auto.err());
        assertEquals(0, dop.status(), dop.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(tmp.resolve("auto/summary.json").toFile()).get("integration");
        JsonNode d = json.readTree(tmp.resolve("dop/summary.json").toFile()).get("integration");
        assertEquals("auto", a.get("method").asText());
        assertEquals("dop853", a.at("/methods_used/0").asText());
        assertEquals(1, a.get("methods_used").size());
        assertTrue(a.get("switch_time").isNull());
        assertTrue(a.get("steps_accepted").asLong() > 0);
        assertEquals(d.get("evaluations"), a.get("evaluations"));
        assertEquals(d.get("steps_accepted"), a.get("steps_accepted"));
        assertEquals(0, a.get("linearisations").asLong());
        // the same trajectory, byte for byte
        assertEquals(Files.readString(tmp.resolve("dop/trajectory.csv")), Files.readString(tmp.resolve("auto/trajectory.csv")));
        assertFalse(auto.out().contains("integrator:"), "no switch, nothing to say: " + auto.out());
    }

    @Test
    void ros34pw2WithoutAStructuredSolveIsBadInput(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, MODEL);
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(),
                "--set", "integrator.method=ros34pw2", "--set", "solver=reduced");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().trim().startsWith("error: integrator.method = ros34pw2: "), r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void rodas4NeedsTheExactJacobian(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, MODEL);
        Path out = tmp.resolve("head");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(),
                "--set", "integrator.method=rodas4", "--set", "head=linear", "--set", "stopGradient=true");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().trim().startsWith("error: integrator.method = rodas4: "), r.err());
        assertTrue(r.err().contains("approximates the Jacobian"), r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertFalse(Files.exists(out));
        CliHarness.Result ok = CliHarness.run("run", file.toString(), "--out", tmp.resolve("nohead").toString(),
                "--set", "integrator.method=rodas4");
        assertEquals(0, ok.status(), ok.err());
    }
}
