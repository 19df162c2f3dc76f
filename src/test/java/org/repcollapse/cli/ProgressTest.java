package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress goes to stderr only on a terminal and never under CI: the policy itself, and
 * {@code run} in a child process that pretends stderr is a terminal
 * ({@code -Dcollapse.progress.terminal=true}, bar after 0 ms): with {@code CI=1} stderr stays
 * empty; without CI the bar (model time against tEnd) is there, so the first check can fail;
 * stdout is the same in both (nothing interleaved with it).
 */
class ProgressTest {

    @TempDir
    Path tmp;

    @Test
    void policy() {
        assertTrue(Progress.enabled(false, true, Map.of()));
        assertTrue(Progress.enabled(false, true, Map.of("CI", "")), "an empty CI is unset");
        assertFalse(Progress.enabled(false, true, Map.of("CI", "1")));
        assertFalse(Progress.enabled(false, true, Map.of("CI", "true")));
        assertFalse(Progress.enabled(false, false, Map.of()), "not a terminal");
        assertFalse(Progress.enabled(true, true, Map.of()), "--no-progress");
    }

    record Output(int status, String out, String err) {
    }

    Output run(Path experiment, Path out, boolean ci) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector",
                "-D" + Progress.TERMINAL_PROPERTY + "=true", "-Dcollapse.progress.delayMillis=0",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", experiment.toString(), "--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CI");
        if (ci) {
            pb.environment().put("CI", "1");
        }
        Path o = tmp.resolve(out.getFileName() + ".out");
        Path e = tmp.resolve(out.getFileName() + ".err");
        pb.redirectOutput(o.toFile()).redirectError(e.toFile());
        int status = pb.start().waitFor();
        String err = Files.readString(e, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a + b + "\n");
        return new Output(status, Files.readString(o, StandardCharsets.UTF_8), err);
    }

    @Test
    void noProgressUnderCi() throws IOException, InterruptedException {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, String.join("\n", "name: tiny", "classes: 2", "samples: 12", "dim: 3",
                "frustration: {fraction: 0.2}", "integrator: {tEnd: 50}", "record: {points: 40}", ""));
        Output ci = run(file, tmp.resolve("ci"), true);
        Output terminal = run(file, tmp.resolve("terminal"), false);
        assertEquals(ExitCodes.OK, ci.status(), ci.err());
        assertEquals(ExitCodes.OK, terminal.status(), terminal.err());
        assertEquals("", ci.err(), "CI=1: nothing on stderr");
        assertTrue(terminal.err().contains("run") && terminal.err().contains("of 50"),
                "on a terminal the bar shows t against tEnd: " + terminal.err());
        assertEquals(ci.out().replace("/ci/", "/x/"), terminal.out().replace("/terminal/", "/x/"),
                "stdout is the same with or without the bar");
    }
}
