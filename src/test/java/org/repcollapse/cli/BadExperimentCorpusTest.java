package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed and hostile experiment inputs in {@code bad-experiments/} (index:
 * {@code expected.tsv}), each fed to {@code run}, {@code sweep}, {@code theory}, {@code continue} and
 * {@code basins} through the
 * real command line: every one must give exit status 2 and exactly one line on stderr that
 * contains the expected text (naming the key and value, or the file), no stack trace, and
 * leave the output directory uncreated (nothing written). Exact checks, no tolerance.
 */
class BadExperimentCorpusTest {

    static Path corpus() throws URISyntaxException {
        return Path.of(BadExperimentCorpusTest.class.getResource("/bad-experiments/expected.tsv").toURI()).getParent();
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(corpus().resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(Arguments.of(f[0], f[1], f.length > 2 && !f[2].isBlank() ? f[2] : ""));
        }
        return out.stream();
    }

    @Test
    void corpusIsLargeAndEveryFileIsIndexed() throws IOException, URISyntaxException {
        List<String> indexed = cases().map(a -> ((String) a.get()[0]).split("#")[0]).distinct().toList();
        assertTrue(cases().count() >= 50, "at least 50 bad inputs");
        try (Stream<Path> s = Files.list(corpus())) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals("expected.tsv")) {
                    assertTrue(indexed.contains(name), name + " has no line in expected.tsv");
                }
            }
        }
    }

    /** The base file of the --set cases is itself valid, so those cases fail because of the override. */
    @Test
    void overrideBaseIsValid() throws URISyntaxException {
        CliHarness.Result r = CliHarness.run("theory", corpus().resolve("valid-base.yaml").toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
    }

    /** Files that cannot be in the corpus: too large (generated), missing, not a regular file. */
    @Test
    void unreadableFilesAreRefused(@TempDir Path tmp) throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, "# padding\n".repeat(120_000) + "classes: 2\n");
        Path out = tmp.resolve("out");
        for (String[] c : List.of(new String[] {big.toString(), "larger than 1 MiB"},
                new String[] {tmp.resolve("missing.yaml").toString(), "no such file"},
                new String[] {"/dev/null", "not a regular file"})) {
            CliHarness.Result r = CliHarness.run("run", c[0], "--out", out.toString());
            assertEquals(ExitCodes.BAD_INPUT, r.status());
            assertEquals("error: " + c[0] + ": " + c[1], r.err().strip().replaceFirst(", not an experiment file$", ""));
            assertFalse(Files.exists(out));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runRefuses(String file, String expected, String args, @TempDir Path tmp) throws Exception {
        check(tmp, "run", file, expected, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sweepRefuses(String file, String expected, String args, @TempDir Path tmp) throws Exception {
        check(tmp, "sweep", file, expected, args + " --seeds 2 --threads 1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theoryRefuses(String file, String expected, String args, @TempDir Path tmp) throws Exception {
        check(tmp, "theory", file, expected, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void continueRefuses(String file, String expected, String args, @TempDir Path tmp) throws Exception {
        check(tmp, "continue", file, expected, args + " --param frustration.fraction=0.1:0.2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void basinsRefuses(String file, String expected, String args, @TempDir Path tmp) throws Exception {
        check(tmp, "basins", file, expected, args + " --x frustration.fraction=0:0.2:2 --y rates.labels=1:2:2"
                + " --threads 1 --no-progress");
    }

    private static void check(Path tmp, String command, String file, String expected, String args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(command, corpus().resolve(file.split("#")[0]).toString()));
        Path out = tmp.resolve("out");
        if (!command.equals("theory")) {
            argv.addAll(List.of("--out", out.toString()));
        }
        argv.addAll(Arrays.stream(args.trim().split(" +")).filter(s -> !s.isEmpty()).toList());
        CliHarness.Result r = CliHarness.run(argv.toArray(new String[0]));
        String err = r.err().strip();
        assertEquals(ExitCodes.BAD_INPUT, r.status(), "exit status; stderr: " + err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("error: "), err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.length() < 400, "short: " + err.length() + " chars");
        assertFalse(Files.exists(out), "output directory created");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing written");
        }
    }
}
