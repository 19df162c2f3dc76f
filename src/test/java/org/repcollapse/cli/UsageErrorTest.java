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
                Arguments.of("merge MISSING --out OUT", "no sweep.json"),
                Arguments.of("continue GOOD --out OUT", "--param"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction", "--param = frustration.fraction: expected KEY=FROM:TO"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=0.1", "expected KEY=FROM:TO"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=0.1:0.2:5", "expected KEY=FROM:TO"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=abc:0.5", "frustration.fraction = abc: not a number"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=0.1:NaN", "frustration.fraction = NaN: must be finite"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=0.1:1.5", "frustration.fraction = 1.5: must lie in [0, 1]"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=-0.1:0.5", "frustration.fraction = -0.1: must lie in [0, 1]"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=0.2:0.2", "FROM and TO must differ"),
                Arguments.of("continue GOOD --out OUT --param samples=10:20", "--param = samples: cannot be continued"),
                Arguments.of("continue GOOD --out OUT --param rates.head=1:2", "--param = rates.head: needs head: linear"),
                Arguments.of("continue GOOD --out OUT --param rates.labels=0:2", "rates.labels = 0.0: must be positive"),
                Arguments.of("continue GOOD --out OUT --param rates.labels=1:2 --steps 0", "--steps = 0"),
                Arguments.of("continue GOOD --out OUT --param rates.labels=1:2 --tol -1", "--tol = -1.0"),
                Arguments.of("continue GOOD --out OUT --param rates.labels=1:2 --format csv", "--format = csv"),
                Arguments.of("continue GOOD --out OUT --param frustration.fraction=0.1:0.2 --set model=teacher-student",
                        "--param = frustration.fraction: is discrete for the teacher-student model"),
                Arguments.of("continue GOOD --out OUT --param rates.labels=1:2 --set model=teacher-student --set head=linear",
                        "head = linear: continue handles the teacher-student model without head only"),
                Arguments.of("continue GOOD --out OUT --param teacher.noise=-1:0.5 --set model=teacher-student",
                        "teacher.noise = -1.0: must be non-negative"),
                Arguments.of("continue GOOD --out OUT --param rates.samples=0:1 --set model=teacher-student",
                        "rates.samples = 0.0: must be positive"),
                Arguments.of("continue GOOD --out OUT --param teacher.inputDim=10:20 --set model=teacher-student",
                        "--param = teacher.inputDim: cannot be continued for the teacher-student model"),
                Arguments.of("continue GOOD --out OUT --param teacher.noise=0:1", "--param = teacher.noise: cannot be continued"),
                Arguments.of("basins GOOD --out OUT --x frustration.fraction=0:0.5:2", "--y"),
                Arguments.of("basins GOOD --out OUT --x frustration.fraction --y rates.labels=1:2:2", "--x = frustration.fraction: expected KEY=FROM:TO:n"),
                Arguments.of("basins GOOD --out OUT --x rates.labels=1:2:2 --y rates.labels=1:3:2", "--y = rates.labels=1:3:2: needs another key"));
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
