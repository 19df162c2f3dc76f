package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.sweep.SweepCsv;

/**
 * The sweep command end to end (in-process, small problems: N = 20, tEnd = 20): the finished
 * sweep.csv is byte-identical whatever the thread count, after an interruption that left a
 * partial line, and when computed in shards and merged; each row agrees exactly with a single
 * {@code run} of the same point (two independent routes through the code, same arithmetic, so
 * the tolerance is zero). A different sweep is refused in an existing directory.
 */
class SweepCommandTest {

    static final String EXPERIMENT = String.join("\n",
            "name: small", "classes: 2", "samples: 20", "dim: 4",
            "frustration: {fraction: 0.1}",
            "integrator: {tEnd: 20}", "record: {points: 12, spacing: log, tStart: 0.1}", "seed: 7", "");

    @TempDir
    static Path shared;
    static Path file;
    static Path reference;
    static byte[] referenceBytes;

    static String[] sweepArgs(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("sweep", file.toString(), "--out", out.toString(),
                "--param", "frustration.fraction=0.05:0.3:3", "--param", "dim=2,4", "--seeds", "2"));
        a.addAll(Arrays.asList(extra));
        return a.toArray(new String[0]);
    }

    @BeforeAll
    static void referenceSweep() throws IOException {
        file = shared.resolve("small.yaml");
        Files.writeString(file, EXPERIMENT);
        reference = shared.resolve("reference");
        CliHarness.Result r = CliHarness.run(sweepArgs(reference, "--threads", "1"));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        referenceBytes = Files.readAllBytes(reference.resolve(SweepCsv.FILE));
    }

    static List<String> lines(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8);
    }

    @Test
    void oneSortedRowPerPointAndSeed() throws IOException {
        List<String> lines = lines(reference.resolve(SweepCsv.FILE));
        assertEquals(1 + 3 * 2 * 2, lines.size(), "header + points x seeds");
        assertTrue(lines.get(0).startsWith("point,seed,frustration.fraction,dim,status,"));
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split(",", -1);
            int run = k - 1;
            int point = run / 2;
            assertEquals(point, Integer.parseInt(f[0]), "sorted by point");
            assertEquals(7 + run % 2, Long.parseLong(f[1]), "seeds are seed, seed+1");
            assertEquals(List.of("0.05", "0.175", "0.3").get(point / 2), f[2]);
            assertEquals(List.of("2", "4").get(point % 2), f[3]);
            assertEquals("complete", f[4]);
        }
    }

    @Test
    void threadCountDoesNotChangeTheFile(@TempDir Path tmp) throws IOException {
        CliHarness.Result r = CliHarness.run(sweepArgs(tmp.resolve("t2"), "--threads", "2"));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertArrayEquals(referenceBytes, Files.readAllBytes(tmp.resolve("t2").resolve(SweepCsv.FILE)));
    }

    /** A row holds the same numbers as summary.json of a single run of that point and seed. */
    @Test
    void rowAgreesWithSingleRun(@TempDir Path tmp) throws IOException {
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", tmp.toString(),
                "--set", "frustration.fraction=0.175", "--set", "dim=4", "--set", "seed=8");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile());
        List<String> lines = lines(reference.resolve(SweepCsv.FILE));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] row = lines.stream().filter(l -> l.startsWith("3,8,")).findFirst().orElseThrow().split(",", -1);
        for (String column : List.of("loss", "min_label_distance", "effective_rank", "accuracy")) {
            assertEquals(summary.path("final").path(column).asDouble(),
                    Double.parseDouble(row[header.indexOf(column)]), 0.0, column);
        }
        assertEquals(summary.path("collapse").path("type").asText(), row[header.indexOf("collapse")]);
        assertEquals(summary.path("rates").path("slow_predicted").asDouble(),
                Double.parseDouble(row[header.indexOf("theory_slow_rate")]), 0.0);
    }

    /** Interrupted mid-write: some rows, then half a row. The rerun completes the same file. */
    @Test
    void resumesAfterPartialLine(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("resume");
        Files.createDirectories(dir);
        Files.copy(reference.resolve("sweep.json"), dir.resolve("sweep.json"));
        List<String> lines = lines(reference.resolve(SweepCsv.FILE));
        // rows in a scrambled completion order, then a partial line
        String partial = lines.get(0) + "\n" + lines.get(5) + "\n" + lines.get(2) + "\n"
                + lines.get(9).substring(0, lines.get(9).length() / 2);
        Files.writeString(dir.resolve(SweepCsv.FILE), partial);
        CliHarness.Result r = CliHarness.run(sweepArgs(dir, "--threads", "2"));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.out().contains("10 computed, 2 already present"), r.out());
        assertArrayEquals(referenceBytes, Files.readAllBytes(dir.resolve(SweepCsv.FILE)));
        CliHarness.Result again = CliHarness.run(sweepArgs(dir));
        assertTrue(again.out().contains("0 computed, 12 already present"), again.out());
        assertArrayEquals(referenceBytes, Files.readAllBytes(dir.resolve(SweepCsv.FILE)));
    }

    @Test
    void shardsMergeToTheWholeSweep(@TempDir Path tmp) throws IOException {
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path d = tmp.resolve("shard" + i);
            dirs.add(d.toString());
            assertEquals(ExitCodes.OK, CliHarness.run(sweepArgs(d, "--shard", i + "/3", "--threads", "1")).status());
            assertEquals(1 + 4, lines(d.resolve(SweepCsv.FILE)).size(), "12 runs over 3 shards");
        }
        Path merged = tmp.resolve("merged");
        // merge only two shards first: exit 3, naming the runs of shard 1/3, r = p * 2 + s = 1, 4, 7, 10
        // (seed 7 + s), and the directory merged so far is written
        CliHarness.Result m = CliHarness.run("merge", dirs.get(0), dirs.get(2), "--out", merged.toString());
        assertEquals(ExitCodes.MISSING_RUNS, m.status(), m.err());
        assertEquals(List.of("error: 4 of 12 runs are missing; rerun the sweep without --shard, with --out " + merged
                        + ", to compute them",
                "  shard 1/3: no directory given",
                "  point 0: seed 8", "  point 2: seed 7", "  point 3: seed 8", "  point 5: seed 7"),
                m.err().strip().lines().toList());
        assertEquals(1 + 8, lines(merged.resolve(SweepCsv.FILE)).size(), "the 8 runs present are merged");
        m = CliHarness.run("merge", dirs.get(1), merged.toString(), "--out", merged.toString());
        assertEquals(ExitCodes.OK, m.status(), m.err());
        assertArrayEquals(referenceBytes, Files.readAllBytes(merged.resolve(SweepCsv.FILE)));
        CliHarness.Result r = CliHarness.run(sweepArgs(merged));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.out().contains("0 computed, 12 already present"), r.out());
    }

    @Test
    void mergeNamesTheRunsOfAShardThatStoppedShort(@TempDir Path tmp) throws IOException {
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path d = tmp.resolve("shard" + i);
            dirs.add(d.toString());
            assertEquals(ExitCodes.OK, CliHarness.run(sweepArgs(d, "--shard", i + "/3", "--threads", "1")).status());
        }
        // shard 1/3 owns r = 1, 4, 7, 10 = (point 0, seed 8), (2, 7), (3, 8), (5, 7); leave it as a killed
        // task does: its first row and a partial line
        Path csv = Path.of(dirs.get(1)).resolve(SweepCsv.FILE);
        List<String> shard1 = lines(csv);
        assertTrue(shard1.get(1).startsWith("0,8,"), shard1.get(1));
        Files.writeString(csv, shard1.get(0) + "\n" + shard1.get(1) + "\n" + shard1.get(2).substring(0, 9),
                StandardCharsets.UTF_8);
        Path merged = tmp.resolve("merged");
        CliHarness.Result m = CliHarness.run("merge", dirs.get(0), dirs.get(1), dirs.get(2), "--out", merged.toString());
        assertEquals(ExitCodes.MISSING_RUNS, m.status(), m.err());
        assertEquals(List.of("error: 3 of 12 runs are missing; rerun the sweep without --shard, with --out " + merged
                        + ", to compute them",
                "  " + dirs.get(1) + " (shard 1/3): 1 of 4 runs",
                "  point 2: seed 7", "  point 3: seed 8", "  point 5: seed 7"),
                m.err().strip().lines().toList());
        // the completion pass computes exactly those and gives the one-process sweep
        CliHarness.Result r = CliHarness.run(sweepArgs(merged, "--threads", "1"));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.out().contains("3 computed, 9 already present"), r.out());
        assertArrayEquals(referenceBytes, Files.readAllBytes(merged.resolve(SweepCsv.FILE)));
        assertEquals(ExitCodes.OK, CliHarness.run("merge", merged.toString(), "--out", merged.toString()).status());
    }

    @Test
    void anotherSweepIsRefusedInTheSameDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("copy");
        Files.createDirectories(dir);
        Files.copy(reference.resolve("sweep.json"), dir.resolve("sweep.json"));
        Files.copy(reference.resolve(SweepCsv.FILE), dir.resolve(SweepCsv.FILE));
        CliHarness.Result r = CliHarness.run("sweep", file.toString(), "--out", dir.toString(),
                "--param", "frustration.fraction=0.05:0.3:4", "--param", "dim=2,4", "--seeds", "2");
        assertEquals(ExitCodes.BAD_INPUT, r.status());
        assertTrue(r.err().strip().startsWith("error: " + dir + " holds a different sweep"), r.err());
        assertArrayEquals(referenceBytes, Files.readAllBytes(dir.resolve(SweepCsv.FILE)), "untouched");
        CliHarness.Result shard = CliHarness.run(sweepArgs(dir, "--shard", "1/2"));
        assertEquals(ExitCodes.BAD_INPUT, shard.status(), "a shard is another sweep");
    }

    @Test
    void badSweepArgumentsWriteNothing(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        String[][] cases = {
            {"--param samples=1:2", "--param samples=1:2: a range is from:to:count"},
            {"--seeds 0", "--seeds 0: need at least 1 seed"},
            {"--threads 0", "--threads 0: need at least 1"},
            {"--shard 2/2", "--shard 2/2: expected i/n with 0 <= i < n"},
            {"--param frustration.fraction=0.5:1.5:3", "frustration.fraction = 1.5: must lie in [0, 1]"},
            {"--param seed=9223372036854775807", "seed = 9223372036854775807: seed + 1 (--seeds 2) overflows"},
            {"--set samples=100000 --seeds 64 --threads 64", "--threads 64: 64 runs at once need about"}};
        for (String[] c : cases) {
            List<String> a = new ArrayList<>(List.of("sweep", file.toString(), "--out", out.toString()));
            a.addAll(Arrays.asList(c[0].split(" ")));
            if (!c[0].contains("--seeds")) {
                a.addAll(List.of("--seeds", "2"));
            }
            CliHarness.Result r = CliHarness.run(a.toArray(new String[0]));
            String err = r.err().strip();
            assertEquals(ExitCodes.BAD_INPUT, r.status(), c[0] + ": " + err);
            assertTrue(err.startsWith("error: " + c[1]), err);
            assertFalse(err.contains("\n") || err.contains("Exception"), err);
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    /**
     * A point that diverges gives a failed row with its time, the others complete; exit status 3.
     * RK4 with h = 0.01 on eta_x = 1e6 multiplies the state by ~1e16 per step (see
     * NumericalFailureRunTest), so |z| passes the 1e30 bound in the second step: t = 0.02.
     */
    @Test
    void numericalFailureIsARowNotAnAbort(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("fail");
        CliHarness.Result r = CliHarness.run("sweep", file.toString(), "--out", out.toString(),
                "--set", "integrator.method=rk4", "--set", "integrator.step=0.01",
                "--param", "rates.samples=1,1e6", "--threads", "2");
        assertEquals(ExitCodes.NUMERICAL_FAILURE, r.status(), r.err());
        List<String> lines = lines(out.resolve(SweepCsv.FILE));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("0,7,1,complete,,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("1,7,1e6,failed,0.02,,,"), "no collapse verdict on a failed row: " + lines.get(2));
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
