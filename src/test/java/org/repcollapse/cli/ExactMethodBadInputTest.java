package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code integrator.method: exact} needs a linear flow: with a head (nonlinear, whatever the
 * solver) {@code run} refuses it as bad input: exit 2, one line naming {@code integrator.method}
 * and its value, nothing written.
 */
class ExactMethodBadInputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "models/head-sg.yaml|head: linear",
        "models/head-no-sg.yaml|head: linear",
        "models/ts-flip-sg.yaml|head: linear",
        "models/eom-frustrated.yaml --set head=linear --set solver=reduced|head: linear"})
    void exactIsRefusedForAFlowItCannotSolve(String model, String expected, @TempDir Path tmp) {
        Path out = tmp.resolve("out");
        String[] parts = model.split(" ");
        String[] args = new String[parts.length + 5];
        args[0] = "run";
        System.arraycopy(parts, 0, args, 1, parts.length);
        args[parts.length + 1] = "--set";
        args[parts.length + 2] = "integrator.method=exact";
        args[parts.length + 3] = "--out";
        args[parts.length + 4] = out.toString();
        CliHarness.Result r = CliHarness.run(args);
        String err = r.err().strip();
        assertEquals(ExitCodes.BAD_INPUT, r.status(), err);
        assertTrue(err.startsWith("error: integrator.method = exact: ") && err.contains(expected), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
