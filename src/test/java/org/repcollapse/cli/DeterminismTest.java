package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.TrajectoryCsv;

/**
 * Same seed, same bytes: {@code run} twice gives byte-identical trajectory.csv (and
 * summary.json up to the wall time); four runs of the experiment at once on a thread pool
 * give the same bytes as one alone (no shared mutable state between runs, which is what
 * sweeps rely on); another seed gives other bytes (so the comparison can fail). Zero tolerance:
 * the arithmetic is the same, so any difference is a defect.
 */
class DeterminismTest {

    static String[] runArgs(Path file, Path out, String seed) {
        return new String[] {"run", file.toString(), "--out", out.toString(), "--set", "seed=" + seed};
    }

    @ParameterizedTest
    @ValueSource(strings = {"head: none", "head: linear\nstopGradient: true"})
    void sameSeedSameBytes(String model, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("det.yaml");
        Files.writeString(file, "name: det\nclasses: 3\nsamples: 21\ndim: 4\nfrustration: {fraction: 0.2}\n"
                + model + "\nintegrator: {tEnd: 20}\nrecord: {points: 25}\n");
        CliHarness.Result a = CliHarness.run(runArgs(file, tmp.resolve("a"), "11"));
        CliHarness.Result b = CliHarness.run(runArgs(file, tmp.resolve("b"), "11"));
        CliHarness.Result c = CliHarness.run(runArgs(file, tmp.resolve("c"), "12"));
        assertEquals(ExitCodes.OK, a.status(), a.err());
        assertEquals(ExitCodes.OK, b.status(), b.err());
        assertEquals(ExitCodes.OK, c.status(), c.err());
        byte[] trajectory = Files.readAllBytes(tmp.resolve("a/trajectory.csv"));
        assertArrayEquals(trajectory, Files.readAllBytes(tmp.resolve("b/trajectory.csv")));
        assertFalse(Arrays.equals(trajectory, Files.readAllBytes(tmp.resolve("c/trajectory.csv"))), "seed matters");
        assertEquals(withoutWallTime(tmp.resolve("a/summary.json")), withoutWallTime(tmp.resolve("b/summary.json")));

        Experiment e = ExperimentLoader.load(file, List.of("seed=11"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> runs = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                Path out = tmp.resolve("parallel" + k + ".csv");
                runs.add(pool.submit(() -> {
                    TrajectoryCsv.write(out, ExperimentRunner.run(e).trajectory());
                    return Files.readAllBytes(out);
                }));
            }
            for (Future<byte[]> f : runs) {
                assertArrayEquals(trajectory, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The full right-hand side splits the samples into blocks of 512 run in parallel; with
     * 1500 samples (three blocks) one, two and three threads must give the same bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"head: none", "head: linear\nstopGradient: true"})
    void sameBytesWhateverTheThreadCount(String model, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("threads.yaml");
        Files.writeString(file, "name: threads\nclasses: 3\nsamples: 1500\ndim: 4\nfrustration: {fraction: 0.2}\n"
                + model + "\nintegrator: {tEnd: 5}\nrecord: {points: 15}\n");
        Experiment e = ExperimentLoader.load(file, List.of());
        List<byte[]> outputs = new ArrayList<>();
        String before = System.getProperty("repcollapse.threads");
        try {
            for (int threads = 1; threads <= 3; threads++) {
                System.setProperty("repcollapse.threads", Integer.toString(threads));
                Path out = tmp.resolve("t" + threads + ".csv");
                TrajectoryCsv.write(out, ExperimentRunner.run(e).trajectory());
                outputs.add(Files.readAllBytes(out));
            }
        } finally {
            if (before == null) {
                System.clearProperty("repcollapse.threads");
            } else {
                System.setProperty("repcollapse.threads", before);
            }
        }
        assertArrayEquals(outputs.get(0), outputs.get(1));
        assertArrayEquals(outputs.get(0), outputs.get(2));
    }

    private static ObjectNode withoutWallTime(Path summary) throws IOException {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(summary.toFile());
        ((ObjectNode) n.path("integration")).remove("wall_seconds");
        return n;
    }
}
