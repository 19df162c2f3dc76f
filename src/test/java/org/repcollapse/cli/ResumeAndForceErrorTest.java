package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repcollapse.experiment.RunJournal;

/**
 * Bad uses of {@code run --resume}, {@code --force} and the output folder: exit status 2, one line
 * on stderr naming the problem, no stack trace, and nothing written or changed (every file under
 * the test folder has the same bytes before and after). Part of the bad-input count in the README.
 */
class ResumeAndForceErrorTest {

    @TempDir
    static Path fixtures;

    static Path good;
    static Path other;
    static Path gbs;

    /** Folders as runs leave them: finished, and interrupted ones fabricated from finished ones. */
    @BeforeAll
    static void runs() throws IOException {
        good = fixtures.resolve("good.yaml");
        Files.writeString(good, "name: good\nsamples: 20\ndim: 3\nfrustration: {fraction: 0.1}\n"
                + "integrator: {tEnd: 5}\nrecord: {points: 5}\n");
        other = fixtures.resolve("other.yaml");
        Files.writeString(other, "name: other\nsamples: 24\ndim: 3\nintegrator: {tEnd: 5}\nrecord: {points: 5}\n");
        gbs = fixtures.resolve("gbs.yaml");
        Files.writeString(gbs, "name: gbs\nsamples: 20\ndim: 3\nintegrator: {method: gbs, tEnd: 5}\nrecord: {points: 5}\n");
        for (String[] r : new String[][] {{good.toString(), "finished"}, {gbs.toString(), "gbs-finished"}}) {
            CliHarness.Result res = CliHarness.run("run", r[0], "--out", fixtures.resolve(r[1]).toString());
            assertEquals(ExitCodes.OK, res.status(), res.err());
        }
        interrupted("finished", "damaged");
        Files.writeString(fixtures.resolve("damaged").resolve(RunJournal.CHECKPOINT), "not a checkpoint");
        interrupted("gbs-finished", "gbs-interrupted");
    }

    /** A copy of a finished run with its trajectory back to a partial file: as if killed at the last row. */
    private static void interrupted(String from, String to) throws IOException {
        Path d = Files.createDirectories(fixtures.resolve(to));
        Files.copy(fixtures.resolve(from).resolve(RunJournal.EXPERIMENT), d.resolve(RunJournal.EXPERIMENT));
        Files.copy(fixtures.resolve(from).resolve(RunJournal.TRAJECTORY), d.resolve(RunJournal.PARTIAL));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("run --resume MISSING", "no such folder"),
                Arguments.of("run --resume EMPTY", "no run to resume there"),
                Arguments.of("run --resume FINISHED", "the run there is finished"),
                Arguments.of("run OTHER --resume DAMAGED", "different experiment"),
                Arguments.of("run --resume DAMAGED", "checkpoint.bin is damaged or not a checkpoint"),
                Arguments.of("run --resume GBS", "integrator.method gbs cannot continue from a checkpoint"),
                Arguments.of("run --resume DAMAGED --force", "takes neither --out nor --force"),
                Arguments.of("run --resume DAMAGED --out NEW", "takes neither --out nor --force"),
                Arguments.of("run --resume DAMAGED --set seed=3", "--set needs FILE"),
                Arguments.of("run --resume FILE", "no such folder"),
                Arguments.of("run GOOD --out FINISHED", "not empty"),
                Arguments.of("run GOOD --out DAMAGED", "not empty"),
                Arguments.of("run GOOD --out FILE --force", "is not a folder"),
                Arguments.of("run GOOD --out NEW --checkpoint-every -1", "--checkpoint-every"),
                Arguments.of("run GOOD --out NEW --checkpoint-every NaN", "--checkpoint-every"),
                Arguments.of("run --out NEW", "Missing required parameter: 'FILE'"));
    }

    @ParameterizedTest(name = "[{index}] collapse {0}")
    @MethodSource("cases")
    void refusedWithOneLineAndNothingChanged(String command, String expected, @TempDir Path tmp) throws IOException {
        copy(fixtures, tmp);
        Files.createDirectories(tmp.resolve("empty"));
        Map<String, String> before = snapshot(tmp);
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) {
            args.add(switch (a) {
                case "MISSING" -> tmp.resolve("missing").toString();
                case "EMPTY" -> tmp.resolve("empty").toString();
                case "FINISHED" -> tmp.resolve("finished").toString();
                case "DAMAGED" -> tmp.resolve("damaged").toString();
                case "GBS" -> tmp.resolve("gbs-interrupted").toString();
                case "GOOD" -> tmp.resolve("good.yaml").toString();
                case "OTHER" -> tmp.resolve("other.yaml").toString();
                case "FILE" -> tmp.resolve("good.yaml").toString();
                case "NEW" -> tmp.resolve("new").toString();
                default -> a;
            });
        }
        CliHarness.Result r = CliHarness.run(args.toArray(new String[0]));
        String err = r.err().strip();
        assertEquals(ExitCodes.BAD_INPUT, r.status(), err);
        assertTrue(err.startsWith("error: ") && err.contains(expected), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("Usage:"), err);
        assertEquals(before, snapshot(tmp), "nothing written or changed");
    }

    /** {@code --force} replaces a finished run's files (and only those) and runs again. */
    @Test
    void forceReplacesTheRunFilesOnly(@TempDir Path tmp) throws IOException {
        copy(fixtures, tmp);
        Path dir = tmp.resolve("finished");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve(RunJournal.SUMMARY), "stale");
        CliHarness.Result r = CliHarness.run("run", tmp.resolve("good.yaml").toString(), "--out", dir.toString(), "--force");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")), "other files left alone");
        assertTrue(Files.readString(dir.resolve(RunJournal.SUMMARY)).contains("\"status\" : \"complete\""));
        assertTrue(Arrays.equals(Files.readAllBytes(fixtures.resolve("finished").resolve(RunJournal.TRAJECTORY)),
                Files.readAllBytes(dir.resolve(RunJournal.TRAJECTORY))), "the same run again");
    }

    /**
     * Killed before its first checkpoint (a partial trajectory, no checkpoint.bin): {@code --resume}
     * starts again from t = 0, which is continuing from the last checkpoint, and ends with the same
     * bytes as the finished run.
     */
    @Test
    void resumeWithoutCheckpointStartsOverToTheSameFiles(@TempDir Path tmp) throws IOException {
        copy(fixtures, tmp);
        Path dir = tmp.resolve("early");
        Files.createDirectories(dir);
        Files.copy(tmp.resolve("finished").resolve(RunJournal.EXPERIMENT), dir.resolve(RunJournal.EXPERIMENT));
        List<String> lines = Files.readAllLines(tmp.resolve("finished").resolve(RunJournal.TRAJECTORY));
        Files.writeString(dir.resolve(RunJournal.PARTIAL), lines.get(0) + "\n" + lines.get(1) + "\n" + "0.0");
        CliHarness.Result r = CliHarness.run("run", "--resume", dir.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.err().contains("t = 0 (no checkpoint yet)"), r.err());
        for (String f : List.of(RunJournal.TRAJECTORY, "dynamics.svg")) {
            assertTrue(Arrays.equals(Files.readAllBytes(tmp.resolve("finished").resolve(f)),
                    Files.readAllBytes(dir.resolve(f))), f);
        }
        assertFalse(Files.exists(dir.resolve(RunJournal.PARTIAL)));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Arrays.hashCode(Files.readAllBytes(p)) + ":" + Files.size(p));
            }
        }
        return m;
    }
}
