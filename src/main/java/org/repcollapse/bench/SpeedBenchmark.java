package org.repcollapse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlatDormandPrince853;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.GradientFlow;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.IntegratorMethod;
import org.repcollapse.dynamics.ReducedSystem;
import org.repcollapse.dynamics.Workers;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * Speed figures of issue 4, all measured in one run (wall-clock, so noisy on a shared machine):
 * (a) full-N Java against scipy's DOP853 with a vectorised sparse numpy right-hand side
 *     ({@code bench/baseline_dop853.py}) on K = 10, N = 10^4, d = 32, phi = 0.1, head + sg, t in [0, 100],
 *     rtol 1e-8, atol 1e-10;
 * (b) reduced against full at N = 10^5 (t in [0, 10]), and reduced wall time for N = 10^3 .. 10^6 (t in [0, 100]);
 * (c) full right-hand-side throughput at N = 10^5 as a fraction of a STREAM-like copy bandwidth;
 * (w) whole process (issue 19): {@code ./collapse run bench/case-a.yaml} and {@code java -jar
 *     target/collapse.jar run bench/case-a.yaml} (case (a) with 200 recorded points and the figure),
 *     each followed by scipy on the same instance; the recording overhead in process; reduced against
 *     full and reduced over N, whole process with 200 recorded points.
 *
 * <p>Usage: {@code java -XX:+UseParallelGC -Xmx8g -cp target/collapse.jar org.repcollapse.bench.SpeedBenchmark [a] [b] [c]}
 * (ParallelGC: Hipparchus allocates a state-sized array per evaluation, which G1 treats as humongous
 * above half a region; with G1 the full run at N = 10^4 is about 1.4x slower per evaluation)
 * (no argument: all three). Environment: {@code PYTHON} (default python3), {@code BASELINE}
 * (default bench/baseline_dop853.py).
 */
public final class SpeedBenchmark {

    static final int K = 10;
    static final int D = 32;
    static final double PHI = 0.1;
    static final double T_END = 100.0;
    static final double RTOL = 1e-8;
    static final double ATOL = 1e-10;

    private SpeedBenchmark() {
    }

    static LabelStructure structure(int n) {
        return LabelStructure.generate(K, n, PHI, Pairing.ADJACENT, List.of(),
                new RandomStreams(1).stream(RandomStreams.Purpose.LABELS));
    }

    static final EmbeddingSystem.Parameters PARAMS = new EmbeddingSystem.Parameters(1.0, 1.0, 1.0, 1.0, 1.0, 0.1);

    /** Integrates without recording; returns {seconds, evaluations}. */
    static double[] integrate(FlowSystem s, double tEnd) {
        double[] z0 = s.initialState();
        long e0 = s.evaluations();
        long t0 = System.nanoTime();
        double[] end = IntegratorMethod.DOP853.create(RTOL, ATOL, tEnd, 0.01)
                .integrate(s.ode(), z0, tEnd, new GridRecorder(new double[0], (t, z) -> { }, 1e100));
        double sec = (System.nanoTime() - t0) * 1e-9;
        if (!Double.isFinite(end[0])) {
            throw new IllegalStateException("non-finite result");
        }
        return new double[] {sec, s.evaluations() - e0};
    }

    static String machine() {
        String cpu = "?";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%s, %d cores, Java %s, %d worker threads", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Workers.defaultThreads());
    }

    public static void main(String[] args) throws Exception {
        List<String> parts = args.length == 0 ? List.of("a", "b", "c", "w") : List.of(args);
        System.out.println("machine: " + machine());
        System.out.printf(Locale.ROOT, "problem: K=%d d=%d phi=%.2f head+sg, DOP853 rtol=%.0e atol=%.0e%n",
                K, D, PHI, RTOL, ATOL);
        if (parts.contains("a")) {
            partA();
        }
        if (parts.contains("b")) {
            partB();
        }
        if (parts.contains("c")) {
            partC();
        }
        if (parts.contains("w")) {
            partW();
        }
    }

    static EmbeddingSystem full(int n, boolean head) {
        return new EmbeddingSystem(structure(n), D, head, head, PARAMS, new RandomStreams(42));
    }

    static void partA() throws Exception {
        int n = 10_000;
        for (int w = 0; w < 3; w++) {
            integrate(full(n, true), 10.0); // JIT warm-up (~500 evaluations each), not timed
        }
        EmbeddingSystem system = full(n, true);
        Path instance = Files.createTempDirectory("collapse-bench");
        try {
            writeInstance(system, instance);
            FlatDormandPrince853 dop = (FlatDormandPrince853) IntegratorMethod.DOP853.create(RTOL, ATOL, T_END, 0.01);
            long t0 = System.nanoTime();
            double[] end = dop.integrate(system.ode(), system.initialState(), T_END, new GridRecorder(new double[0], (t, z) -> { }, 1e100));
            double sec = (System.nanoTime() - t0) * 1e-9;
            long evals = dop.evaluations();
            System.out.printf(Locale.ROOT, "(a) Java full  N=%d t=%.0f: %.2f s, %d rhs evaluations (%.2f ms each), %d steps + %d rejected%n",
                    n, T_END, sec, evals, 1e3 * sec / evals, dop.acceptedSteps(), dop.rejectedSteps());
            double[] py = baseline(n, instance);
            if (py == null) {
                System.out.println("(a) scipy baseline unavailable");
                return;
            }
            System.out.printf(Locale.ROOT, "(a) scipy DOP853 N=%d t=%.0f: %.2f s, %d rhs evaluations (%.2f ms each), %d steps%n",
                    n, T_END, py[0], (long) py[1], 1e3 * py[0] / py[1], (long) py[2]);
            double[] theirs = readDoubles(instance.resolve("zend.f64"), end.length);
            double diff = 0;
            double scale = 0;
            for (int k = 0; k < end.length; k++) {
                diff = Math.max(diff, Math.abs(end[k] - theirs[k]));
                scale = Math.max(scale, Math.abs(end[k]));
            }
            System.out.printf(Locale.ROOT, "(a) same instance: end states differ by %.1e (max |z(100)| = %.2f, rtol %.0e)%n",
                    diff, scale, RTOL);
            System.out.printf(Locale.ROOT, "(a) speed-up Java/scipy: %.1fx wall, %.1fx per rhs evaluation (target >= 5x)%n",
                    py[0] / sec, (py[0] / py[1]) / (sec / evals));
        } finally {
            try (var files = Files.list(instance)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(instance);
        }
    }

    /**
     * The instance for the baseline: {@code z0.f64} (the initial state, little-endian doubles, in the
     * layout x_0..x_{N-1}, y_0..y_{K-1}, P row-major) and {@code edges.i32} (pairs sample, class).
     */
    static void writeInstance(EmbeddingSystem system, Path dir) throws IOException {
        double[] z0 = system.initialState();
        ByteBuffer b = ByteBuffer.allocate(8 * z0.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(z0);
        Files.write(dir.resolve("z0.f64"), b.array());
        StiffInstance.writeEdges(dir.resolve("edges.i32"), system.structure());
    }

    static double[] readDoubles(Path file, int n) throws IOException {
        double[] out = new double[n];
        ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    /** Runs the scipy baseline on the instance in dir; returns {seconds, evaluations, steps} or null. */
    static double[] baseline(int n, Path instance) throws IOException, InterruptedException {
        ProcessBuilder pb = PythonBaseline.builder(System.getenv().getOrDefault("BASELINE", "bench/baseline_dop853.py"),
                "--samples", Integer.toString(n), "--classes", Integer.toString(K), "--dim", Integer.toString(D),
                "--phi", Double.toString(PHI), "--tend", Double.toString(T_END), "--rtol", Double.toString(RTOL),
                "--atol", Double.toString(ATOL), "--instance", instance.toString());
        double[] v = PythonBaseline.result(pb, "baseline", 3);
        return v == null ? null : new double[] {v[0], v[1], v[2]};
    }

    /** Time span of the full-against-reduced comparison at N = 10^5 (the full run takes minutes per unit). */
    static final double T_END_B = 10.0;

    static void partB() {
        int n = 100_000;
        double tEnd = T_END_B;
        integrate(ReducedSystem.reduced(structure(1000), D, true, true, PARAMS, new RandomStreams(42)), tEnd); // warm-up
        double[] fullRun = integrate(full(n, true), tEnd);
        ReducedSystem r5 = ReducedSystem.reduced(structure(n), D, true, true, PARAMS, new RandomStreams(42));
        double[] red = best(r5, tEnd, 3);
        System.out.printf(Locale.ROOT, "(b) N=%d t=%.0f: full %.2f s (%d evals), reduced %.4f s (%d evals): %.0fx (target >= 100x)%n",
                n, tEnd, fullRun[0], (long) fullRun[1], red[0], (long) red[1], fullRun[0] / red[0]);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int m : new int[] {1_000, 10_000, 100_000, 1_000_000}) {
            long s0 = System.nanoTime();
            ReducedSystem r = ReducedSystem.reduced(structure(m), D, true, true, PARAMS, new RandomStreams(42));
            double setup = (System.nanoTime() - s0) * 1e-9;
            double[] t = best(r, T_END, 5);
            min = Math.min(min, t[0]);
            max = Math.max(max, t[0]);
            System.out.printf(Locale.ROOT, "(b) reduced N=%-8d t=100 integration %.4f s (%d evals, %.0f us each, state %d); setup (sampling, O(N d^2)) %.3f s%n",
                    m, t[0], (long) t[1], 1e6 * t[0] / t[1], r.layout().dimension(), setup);
        }
        System.out.printf(Locale.ROOT, "(b) reduced max/min wall time over N = 1e3..1e6: %.2f (target <= 1.5)%n", max / min);
    }

    /** Best of reps integrations (each from the initial state); {seconds, evaluations}. */
    static double[] best(FlowSystem s, double tEnd, int reps) {
        double[] b = {Double.POSITIVE_INFINITY, 0};
        for (int k = 0; k < reps; k++) {
            double[] r = integrate(s, tEnd);
            if (r[0] < b[0]) {
                b = r;
            }
        }
        return b;
    }

    static void partC() {
        int n = 100_000;
        double bw = copyBandwidth(Workers.defaults());
        System.out.printf(Locale.ROOT, "(c) STREAM-like copy (2 x 128 MiB, %d threads): %.2f GB/s (read + write bytes)%n",
                Workers.defaultThreads(), bw / 1e9);
        for (boolean head : new boolean[] {false, true}) {
            EmbeddingSystem s = full(n, head);
            GradientFlow f = s.flow();
            // Rotating over ROTATE input and output arrays (8 x 2 x 25.6 MB, well beyond the 32 MiB L3),
            // as inside an integration, where every stage reads a fresh state and writes a fresh k:
            // repeated calls on one pair would run partly from L3 and overstate the bandwidth.
            double[][] in = new double[ROTATE][];
            double[][] out = new double[ROTATE][];
            for (int r = 0; r < ROTATE; r++) {
                in[r] = s.initialState();
                out[r] = new double[in[r].length];
            }
            for (int k = 0; k < 20; k++) {
                f.computeDerivatives(0, in[k % ROTATE], out[k % ROTATE]);
            }
            int reps = head ? 32 : 200;
            double bestT = Double.POSITIVE_INFINITY;
            for (int r = 0; r < 5; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < reps; k++) {
                    f.computeDerivatives(0, in[k % ROTATE], out[k % ROTATE]);
                }
                bestT = Math.min(bestT, (System.nanoTime() - t0) * 1e-9 / reps);
            }
            double bytes = 2.0 * 8 * (double) in[0].length;   // read z, write dz/dt: the minimum traffic
            double flops = head ? 2 * 1.5 * D * D * (double) n : 2.0 * D * n * (1 + PHI);
            System.out.printf(Locale.ROOT, "(c) full rhs N=%d %s: %.3f ms/call, %.2f GB/s = %.0f%% of copy bandwidth, %.1f GFlop/s%n",
                    n, head ? "head+sg" : "EOM    ", bestT * 1e3, bytes / bestT / 1e9, 100 * bytes / bestT / bw,
                    flops / bestT / 1e9);
        }
    }

    /** Input/output pairs the right-hand side rotates over in (c). */
    static final int ROTATE = 8;

    /** Bytes per second of {@code b[k] = a[k]} over two 128 MiB arrays, split in blocks across the workers. */
    static double copyBandwidth(Workers w) {
        int n = 1 << 24;
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Arrays.fill(a, 1.0);
        java.util.Arrays.fill(b, 2.0);
        int blocks = 64;
        int size = n / blocks;
        double bestT = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 10; r++) {
            long t0 = System.nanoTime();
            w.run(blocks, k -> System.arraycopy(a, k * size, b, k * size, size));
            bestT = Math.min(bestT, (System.nanoTime() - t0) * 1e-9);
        }
        if (b[n - 1] != 1.0) {
            throw new IllegalStateException();
        }
        return 2.0 * 8 * n / bestT;
    }


    /** Case (a) as the user runs it (bench/case-a.yaml). */
    static final Path CASE_A = Path.of("bench/case-a.yaml");

    /** Wall seconds of a command run to completion in this directory (output discarded); fails on a non-zero status. */
    static double wall(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        int status = pb.start().waitFor();
        double sec = (System.nanoTime() - t0) * 1e-9;
        if (status != 0) {
            throw new IllegalStateException("exit status " + status + ": " + String.join(" ", command));
        }
        return sec;
    }

    static List<String> command(List<String> launcher, Path out, String... sets) {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("run", CASE_A.toString(), "--out", out.toString(), "--force", "--no-progress"));
        for (String set : sets) {
            cmd.add("--set");
            cmd.add(set);
        }
        return cmd;
    }

    static void partW() throws Exception {
        org.repcollapse.experiment.Experiment e = org.repcollapse.experiment.ExperimentLoader.load(CASE_A, List.of());
        int n = e.samples();
        if (n != 10_000 || e.classes() != K || e.dim() != D) {
            throw new IllegalStateException("bench/case-a.yaml is not case (a)");
        }
        EmbeddingSystem system = org.repcollapse.experiment.Models.build(e).fixedPointSystem();   // case (a): full solver
        Path instance = Files.createTempDirectory("collapse-bench");
        Path out = Files.createTempDirectory("collapse-bench-out");
        writeInstance(system, instance);
        List<List<String>> launchers = List.of(List.of("./collapse"), List.of("java", "-jar", "target/collapse.jar"));
        for (List<String> launcher : launchers) {
            wall(command(launcher, out.resolve("warm"), "integrator.tEnd=0.1")); // builds the class-data archive once
            double sec = wall(command(launcher, out.resolve("a")));
            double[] py = baseline(n, instance);
            String name = String.join(" ", launcher) + " run bench/case-a.yaml";
            if (py == null) {
                System.out.printf(Locale.ROOT, "(w) %s: %.2f s whole process (scipy unavailable)%n", name, sec);
                continue;
            }
            System.out.printf(Locale.ROOT, "(w) %-50s %.2f s whole process (200 recorded points, figure); scipy DOP853 on the same instance %.2f s (integration only): %.1fx (target >= 5x)%n",
                    name, sec, py[0], py[0] / sec);
        }
        // recording overhead, in process, after warm-up: 200 recorded points against 2
        for (int w = 0; w < 2; w++) {
            org.repcollapse.experiment.ExperimentRunner.run(org.repcollapse.experiment.ExperimentLoader.load(CASE_A,
                    List.of("integrator.tEnd=10")));
        }
        var two = org.repcollapse.experiment.ExperimentRunner.run(
                org.repcollapse.experiment.ExperimentLoader.load(CASE_A, List.of("record.points=2")));
        var all = org.repcollapse.experiment.ExperimentRunner.run(e);
        System.out.printf(Locale.ROOT, "(w) recording, in process: 200 points %.2f s (%d evaluations), 2 points %.2f s (%d evaluations): +%.1f%% (target <= 10%%), of which the dense output's extra stages are %d evaluations (+%.1f%%)%n",
                all.wallSeconds(), all.evaluations(), two.wallSeconds(), two.evaluations(),
                100 * (all.wallSeconds() / two.wallSeconds() - 1), all.evaluations() - two.evaluations(),
                100.0 * (all.evaluations() - two.evaluations()) / two.evaluations());
        // reduced against full, whole process, 200 recorded points, N = 10^5, t = 10
        List<String> launcher = List.of("./collapse");
        double full = wall(command(launcher, out.resolve("f5"), "samples=100000", "integrator.tEnd=10", "solver=full"));
        double red = wall(command(launcher, out.resolve("r5"), "samples=100000", "integrator.tEnd=10", "solver=reduced"));
        System.out.printf(Locale.ROOT, "(w) N=100000 t=10, whole process, 200 points: full %.2f s, reduced %.2f s: %.0fx (target >= 100x)%n",
                full, red, full / red);
        double base = Double.NaN;
        for (int m : new int[] {1_000, 100_000, 1_000_000}) {
            double sec = wall(command(launcher, out.resolve("r" + m), "samples=" + m, "solver=reduced"));
            if (m == 1_000) {
                base = sec;
            }
            System.out.printf(Locale.ROOT, "(w) reduced N=%-8d t=100, whole process, 200 points: %.2f s (%.2f x N=1000; target <= 2)%n",
                    m, sec, sec / base);
        }
    }
}
