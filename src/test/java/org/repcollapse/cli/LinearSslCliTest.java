package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model: linear-ssl} through the command line: {@code run} prints each mode's end next to its prediction
 * and writes trajectory.csv and summary.json (no label figure); sweep, which reads the label metrics, refuses it
 * with one line and exit 2, writing nothing; basins and continue name the key they do not take
 * (LinearSslToolsTest covers what they do take).
 */
class LinearSslCliTest {

    @Test
    void runWritesItsOwnAccountAndColumns(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", "models/linear-ssl.yaml", "--out", out.toString(), "--no-progress");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.out().startsWith("linear-ssl: 2 of 4 modes at p*+, 2 collapsed"), r.out());
        assertTrue(r.out().contains("mode 3: p 0.020000 -> ") && r.out().contains("collapsed (mode flow: collapsed)"),
                r.out());
        assertTrue(Files.readString(out.resolve("trajectory.csv")).startsWith(
                "t,loss,effective_rank,invariant_residual,p_1,p_2,p_3,p_4,s_1,s_2,s_3,s_4\n"));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"max_invariant_residual\""));
        assertFalse(Files.exists(out.resolve("dynamics.png")));
    }

    @Test
    void sweepRefusesAndTheOtherCommandsNameTheirKey(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        for (String[] argv : new String[][] {
            {"sweep", "models/linear-ssl.yaml", "--param", "ssl.weightDecay=0.01:0.1:2", "--out", out.toString()},
            {"basins", "models/linear-ssl.yaml", "--x", "ssl.weightDecay=0.01:0.1:2", "--y",
                "ssl.predictorRate=0.5:1:2", "--out", out.toString()},
            {"continue", "models/linear-ssl.yaml", "--param", "rates.samples=1:2", "--out", out.toString()}}) {
            CliHarness.Result r = CliHarness.run(argv);
            assertEquals(ExitCodes.BAD_INPUT, r.status(), argv[0] + ": " + r.err());
            assertTrue(r.err().strip().startsWith(argv[0].equals("sweep") ? "error: model = linear-ssl"
                    : argv[0].equals("basins") ? "error: --x = ssl.weightDecay" : "error: --param = rates.samples"),
                    r.err());
            assertFalse(r.err().strip().contains("\n"), r.err());
            assertFalse(Files.exists(out), argv[0] + " wrote nothing");
        }
    }
}
