package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.experiment.RunJournal;

/**
 * A {@code run} killed with SIGKILL in the middle (a separate JVM, killed once a checkpoint exists
 * and rows have been streamed) leaves only complete lines in {@code trajectory.partial.csv} and no
 * {@code trajectory.csv}; {@code run --resume DIR} then finishes it, and every file is
 * byte-identical to an uninterrupted run's ({@code summary.json} up to its wall time). The model
 * has a head with stop-gradient, so the head-mode record kept for the figure is resumed too.
 * Zero tolerance: the restarted DOP853 takes the same steps on the same bits, so any difference
 * is a defect.
 */
class RunKillResumeTest {

    static final int POINTS = 300;

    static long completeRows(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(csv);
        long lines = 0;
        for (byte c : b) {
            if (c == '\n') {
                lines++;
            }
        }
        return Math.max(0, lines - 1);
    }

    @Test
    void killedRunResumesToTheSameFiles(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("kill.yaml");
        Files.writeString(file, "name: kill\nclasses: 3\nsamples: 300\ndim: 6\nfrustration: {fraction: 0.2}\n"
                + "head: linear\nstopGradient: true\n"
                + "integrator: {tEnd: 400, rtol: 1.0e-12, atol: 1.0e-14}\nrecord: {points: " + POINTS + "}\n");
        Path dir = tmp.resolve("killed");
        Path partial = dir.resolve(RunJournal.PARTIAL);
        Process child = ChildJvm.start(tmp, "022", List.of("run", file.toString(), "--out", dir.toString(),
                "--checkpoint-every", "0.05"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && (completeRows(partial) < 20 || !Files.exists(dir.resolve(RunJournal.CHECKPOINT)))
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "the child must still be running when killed (stderr: "
                + Files.readString(tmp.resolve("child.err")) + ")");
        child.destroyForcibly();                    // SIGKILL
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        long survived = completeRows(partial);
        assertTrue(survived >= 20 && survived < POINTS, "killed mid-way: " + survived + " rows");
        assertFalse(Files.exists(dir.resolve(RunJournal.TRAJECTORY)), "no trajectory.csv until the run ends");
        String text = Files.readString(partial, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "each streamed row is one complete line");

        CliHarness.Result resumed = CliHarness.run("run", "--resume", dir.toString());
        assertEquals(ExitCodes.OK, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("resuming " + dir + " from t = "), resumed.err());

        Path whole = tmp.resolve("whole");
        CliHarness.Result w = CliHarness.run("run", file.toString(), "--out", whole.toString());
        assertEquals(ExitCodes.OK, w.status(), w.err());
        for (String f : List.of(RunJournal.TRAJECTORY, RunJournal.EXPERIMENT, "dynamics.svg", "dynamics.png")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
        ObjectNode resumedSummary = (ObjectNode) new ObjectMapper().readTree(dir.resolve(RunJournal.SUMMARY).toFile());
        assertTrue(resumedSummary.path("integration").path("resumed_from").asDouble() > 0, "the resume is recorded");
        assertEquals(withoutWallTime(whole.resolve(RunJournal.SUMMARY)), withoutWallTime(dir.resolve(RunJournal.SUMMARY)),
                "summary.json, rhs_evaluations, methods and switch times included");
        assertFalse(Files.exists(dir.resolve(RunJournal.CHECKPOINT)), "checkpoint removed at the end");
        assertFalse(Files.exists(partial), "partial file renamed at the end");
        assertEquals(POINTS + 1, Files.readAllLines(dir.resolve(RunJournal.TRAJECTORY)).size());

        // a finished run is not resumed again, and nothing is touched
        byte[] before = Files.readAllBytes(dir.resolve(RunJournal.TRAJECTORY));
        CliHarness.Result again = CliHarness.run("run", "--resume", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, again.status(), again.err());
        assertTrue(again.err().strip().startsWith("error: --resume") && !again.err().strip().contains("\n"), again.err());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(RunJournal.TRAJECTORY)));
    }

    private static ObjectNode withoutWallTime(Path summary) throws IOException {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(summary.toFile());
        // the phases and step counts of the integration report cover the resumed part only (documented)
        ((ObjectNode) n.path("integration")).remove(List.of("wall_seconds", "resumed_from", "phases", "steps_accepted",
                "steps_rejected", "evaluations", "linearisations", "factorisations"));
        return n;
    }
}
