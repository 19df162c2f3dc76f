package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outputs get the mode the user's umask gives new files, still written atomically: under umask
 * 022 every file of a run and of a sweep is rw-r--r-- (0644) and every folder rwxr-xr-x (0755);
 * under umask 077, rw------- and rwx------ (so the test can tell the two apart: before, every file
 * was 0600 whatever the umask). Each case is a separate JVM started with that umask.
 */
class OutputModesTest {

    @ParameterizedTest(name = "umask {0}")
    @CsvSource({"022, rw-r--r--, rwxr-xr-x", "077, rw-------, rwx------"})
    void filesAndFoldersFollowTheUmask(String umask, String fileMode, String dirMode, @TempDir Path tmp)
            throws Exception {
        Path file = tmp.resolve("modes.yaml");
        Files.writeString(file, "name: modes\nsamples: 20\ndim: 3\nfrustration: {fraction: 0.1}\n"
                + "integrator: {tEnd: 20}\nrecord: {points: 10}\n");
        Path out = tmp.resolve("out");
        Path run = out.resolve("runs/modes");
        Path sweep = out.resolve("sweeps/modes");
        run(tmp, umask, List.of("run", file.toString(), "--out", run.toString()));
        run(tmp, umask, List.of("sweep", file.toString(), "--out", sweep.toString(), "--param",
                "frustration.fraction=0.1:0.2:2", "--threads", "1"));
        int files = 0;
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                if (Files.isDirectory(p)) {
                    assertEquals(dirMode, mode, p.toString());
                } else {
                    assertEquals(fileMode, mode, p.toString());
                    files++;
                }
            }
        }
        // run: experiment.json, trajectory.csv, summary.json, dynamics.png, dynamics.svg, dynamics.pdf;
        // sweep: sweep.json, sweep.csv
        assertEquals(8, files, "every output checked, no leftovers (lock, temporary, partial or checkpoint files)");
    }

    private static void run(Path tmp, String umask, List<String> args) throws IOException, InterruptedException {
        Process p = ChildJvm.start(tmp, umask, args);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("child.err")));
    }
}
