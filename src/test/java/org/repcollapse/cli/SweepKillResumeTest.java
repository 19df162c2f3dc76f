package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.sweep.SweepCsv;

/**
 * A sweep killed with SIGKILL in the middle (a separate JVM, killed once sweep.csv holds a few
 * rows) is completed by rerunning the same command: every (point, seed) row is then present
 * exactly once and the file is byte-identical to an uninterrupted sweep's.
 */
class SweepKillResumeTest {

    static final int POINTS = 12;
    static final int SEEDS = 4;

    static List<String> sweepArgs(Path file, Path out, int threads) {
        return List.of("sweep", file.toString(), "--out", out.toString(), "--param",
                "frustration.fraction=0.02:0.4:" + POINTS, "--seeds", Integer.toString(SEEDS),
                "--threads", Integer.toString(threads), "--no-progress");
    }

    /** Complete rows in the file (lines ending in a newline, header excluded). */
    static int completeRows(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return 0;
        }
        String text = new String(Files.readAllBytes(csv), StandardCharsets.UTF_8);
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return Math.max(0, lines - 1);
    }

    @Test
    void killedSweepResumesToTheSameFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("kill.yaml");
        Files.writeString(file, "name: kill\nclasses: 2\nsamples: 20\ndim: 4\nfrustration: {fraction: 0.1}\n"
                + "integrator: {tEnd: 200, rtol: 1.0e-10, atol: 1.0e-12}\nrecord: {points: 30}\n");
        Path dir = tmp.resolve("killed");
        Path csv = dir.resolve(SweepCsv.FILE);

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Drepcollapse.relaunch=false", "-cp", classpath, Main.class.getName()));
        command.addAll(sweepArgs(file, dir, 1));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("child.out").toFile())
                .redirectError(tmp.resolve("child.err").toFile());
        pb.environment().put("CI", "true");
        Process child = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && completeRows(csv) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "the child must still be running when killed (stderr: "
                + Files.readString(tmp.resolve("child.err")) + ")");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        int survived = completeRows(csv);
        assertTrue(survived >= 3 && survived < POINTS * SEEDS, "killed mid-way: " + survived + " rows");

        CliHarness.Result resumed = CliHarness.run(sweepArgs(file, dir, 2).toArray(new String[0]));
        assertEquals(ExitCodes.OK, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains((POINTS * SEEDS - survived) + " computed, " + survived + " already present"),
                "only the missing rows are computed: " + resumed.out());

        Path whole = tmp.resolve("whole");
        assertEquals(ExitCodes.OK, CliHarness.run(sweepArgs(file, whole, 2).toArray(new String[0])).status());
        byte[] expected = Files.readAllBytes(whole.resolve(SweepCsv.FILE));
        assertArrayEquals(expected, Files.readAllBytes(csv), "identical to an uninterrupted sweep");

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Set<String> keys = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 3);
            assertTrue(keys.add(f[0] + "," + f[1]), "row " + f[0] + "," + f[1] + " twice");
        }
        assertEquals(POINTS * SEEDS, keys.size(), "every (point, seed) present");
    }
}
