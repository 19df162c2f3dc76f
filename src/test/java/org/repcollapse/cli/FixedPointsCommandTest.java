package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code fixed-points}: a small sg problem is verified stable; a too large one is bad input (exit 2). */
class FixedPointsCommandTest {

    @Test
    void smallStopGradientProblemIsAVerifiedStableFixedPoint() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("fixed-points", "models/head-sg.yaml", "--set", "samples=30",
                    "--set", "dim=4", "--set", "init.samples=0.5", "--set", "integrator.tEnd=400");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, code, out);
        assertTrue(out.contains("verdict: stable"), out);
        assertTrue(out.contains("zero modes match"), out);
    }

    /** Teacher-student with a head is not supported: bad input naming the key (head) and value. */
    @Test
    void teacherStudentWithHeadIsBadInputNamingTheHead() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("fixed-points", "models/ts-flip-sg.yaml");
        assertEquals(ExitCodes.BAD_INPUT, code);
        String line = err.toString().trim();
        assertTrue(line.startsWith("error: head = linear"), line);
        assertEquals(1, line.lines().count(), "one line, no stack trace");
    }

    /** The shipped head-sg model, N = 200 (state dimension 1680): judged from the structure, JSON written. */
    @Test
    void shippedHeadModelIsStableAndWritesJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("fixed-points", "models/head-sg.yaml", "--out", dir.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, code, out);
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("fixed_point.json").toFile());
        assertEquals("stable", j.get("verdict").asText());
        // d^2 + (N - G)(d - rank P) with the head's rank from the run (7 of 8 on this seed)
        int rank = j.get("head_rank").asInt();
        assertEquals(64 + (200 - 3) * (8 - rank), j.get("family").get("predicted").asInt());
        assertTrue(j.get("family").get("matches").asBoolean());
        // R5 on the separation mode: sqrt(1 - r), r = 2/11
        double measured = j.get("head").get("modes").get(1).get("measured").asDouble();
        assertEquals(3.0 / Math.sqrt(11.0), measured, 1e-8);
        assertTrue(j.get("spectrum").get("margin").asDouble() < 0);
    }
}
