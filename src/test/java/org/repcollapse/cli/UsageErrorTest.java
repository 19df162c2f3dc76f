package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Command-line mistakes (picocli usage errors and a missing file): exit status 2, one short
 * line on stderr starting with "error:" and naming the problem, no usage dump, no stack trace,
 * nothing written.
 */
class UsageErrorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("", "name a subcommand"),
                Arguments.of("frobnicate", "frobnicate"),
                Arguments.of("run", "Missing required parameter: 'FILE' (or --resume DIR)"),
                Arguments.of("run GOOD --bogus", "--bogus"),
                Arguments.of("run GOOD --out", "--out"),
                Arguments.of("run MISSING --out OUT", "no such file"),
                Arguments.of("theory GOOD extra", "extra"),
                Arguments.of("sweep GOOD --out OUT --threads abc", "--threads"),
                Arguments.of("sweep GOOD --out OUT --seeds 1.5", "--seeds"),
                Arguments.of("sweep GOOD --out OUT --param", "--param"),
                Arguments.of("sweep GOOD --out OUT --param frustration.fraction=0:0.5:1000 --param rates.labels=0.1:10:101",
                        "101000 runs, more than the 100000 allowed without --yes"),
                Arguments.of("sweep GOOD --out OUT --param frustration.fraction=0:0.5:1000 --param rates.labels=0.1:10:202"
                        + " --shard 0/2", "101000 runs in this shard"),
                Arguments.of("sweep GOOD --out OUT --set samples=20000 --set dim=32 --param frustration.fraction=0.1,0.2"
                        + " --seeds 30000 --threads 1", "h allowed without --yes"),
                Arguments.of("sweep GOOD --out OUT --yes=maybe", "--yes"),
                Arguments.of("sweep GOOD --out OUT --force", "--force"),
                Arguments.of("run GOOD --out OUT --yes", "--yes"),
                Arguments.of("run GOOD --out OUT --force=perhaps", "--force"),
                Arguments.of("merge --out OUT", "DIR"),
                Arguments.of("merge OUT", "--out"),
                Arguments.of("merge MISSING --out OUT", "no sweep.json"));
    }

    @ParameterizedTest(name = "[{index}] collapse {0}")
    @MethodSource("cases")
    void usageErrorIsOneLineAndStatus2(String command, String expected, @TempDir Path tmp) throws IOException {
        Path good = tmp.resolve("good.yaml");
        Files.writeString(good, "samples: 20\nintegrator: {tEnd: 5}\nrecord: {points: 5}\n");
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) {
            if (!a.isEmpty()) {
                args.add(a.replace("GOOD", good.toString()).replace("MISSING", tmp.resolve("missing.yaml").toString())
                        .replace("OUT", out.toString()));
            }
        }
        CliHarness.Result r = CliHarness.run(args.toArray(new String[0]));
        String err = r.err().strip();
        assertEquals(ExitCodes.BAD_INPUT, r.status(), err);
        assertTrue(err.startsWith("error: ") && err.contains(expected), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("Usage:"), err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
