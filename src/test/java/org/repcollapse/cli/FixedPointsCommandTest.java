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

    @Test
    void tooLargeForADenseJacobianIsBadInputNamingTheKey() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("fixed-points", "models/head-sg.yaml", "--set", "samples=1000");
        assertEquals(ExitCodes.BAD_INPUT, code);
        String line = err.toString().trim();
        assertTrue(line.startsWith("error: samples = 1000"), line);
        assertEquals(1, line.lines().count(), "one line, no stack trace");
    }
}
