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
import org.repcollapse.dynamics.GradientFlow;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.model.FrustrationMode;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StudentLabels;
import org.repcollapse.model.Teacher;

/**
 * The teacher-student right-hand side per evaluation against numpy's BLAS products on the same
 * instance (issue 11, item 4): K = 3, N = 150, D = 400, d = 8, sigma = 0.5, kappa = 3, eta_W = 1,
 * 10 % duplicate frustration; no head, head + stop-gradient, head without stop-gradient. Java is
 * timed after a JIT warm-up, best of 60 short batches; the instance (inputs, edges, state, rates) is
 * written to a temporary directory for {@code bench/baseline_student_rhs.py}, which builds the same
 * statistics and times the same drive with numpy (through the dense G_E, the factor F, and the
 * stacked basis [F; M] as Java does; the fastest is the baseline), once with OpenBLAS's default threads and once with one thread; its derivative is
 * compared with Java's.
 *
 * <p>Usage: {@code bench/run.sh t} (its own JVM, flags as {@code ./collapse}), or
 * {@code java --add-modules jdk.incubator.vector -cp target/collapse.jar org.repcollapse.bench.StudentRhsBenchmark}.
 * Environment: {@code PYTHON} (default python3), {@code STUDENT_BASELINE} (default bench/baseline_student_rhs.py).
 */
public final class StudentRhsBenchmark {

    static final int K = 3;
    static final int N = 150;
    static final int INPUT_DIM = 400;
    static final int DIM = 8;
    static final double SIGMA = 0.5;
    static final double KAPPA = 3.0;
    static final double PHI = 0.1;

    private StudentRhsBenchmark() {
    }

    static TeacherStudentSystem system(boolean head, boolean sg) {
        RandomStreams streams = new RandomStreams(42);
        StudentLabels labels = StudentLabels.generate(K, N, PHI, Pairing.ADJACENT, List.of(),
                FrustrationMode.parse("duplicate"), streams.stream(RandomStreams.Purpose.LABELS));
        Teacher teacher = Teacher.generate(K, INPUT_DIM, KAPPA, SIGMA, labels.trueClass(), streams);
        return new TeacherStudentSystem(labels, teacher, DIM, head, sg,
                new EmbeddingSystem.Parameters(1.0, 1.0, 1.0, 1.0, 1.0, 0.1), streams);
    }

    public static void main(String[] args) throws Exception {
        run();
    }

    /** Prints one block of lines per variant. */
    public static void run() throws Exception {
        System.out.printf(Locale.ROOT, "(t) teacher-student rhs: K=%d N=%d D=%d d=%d sigma=%.1f kappa=%.0f eta_W=1, %s kernel%n",
                K, N, INPUT_DIM, DIM, SIGMA, KAPPA, org.repcollapse.dynamics.ProductKernel.selected().name());
        System.out.println("(t) load average before: " + loadAverage()
                + " (on a shared machine both sides are the best of short batches; compare the ratio, not the times)");
        String[][] variants = {{"no head", "0", "0"}, {"head+sg", "1", "1"}, {"head", "1", "0"}};
        for (String[] v : variants) {
            boolean head = v[1].equals("1");
            boolean sg = v[2].equals("1");
            TeacherStudentSystem ts = system(head, sg);
            GradientFlow f = ts.flow();
            double[] z = ts.initialState();
            double[] out = new double[z.length];
            double java = time(f, z, out);
            Path dir = Files.createTempDirectory("collapse-tsrhs");
            try {
                writeInstance(ts, z, sg, dir);
                double[] many = baseline(dir, null);
                double[] one = baseline(dir, "1");
                f.computeDerivatives(0, z, out);
                String cmp = "numpy unavailable";
                if (many != null) {
                    double[] theirs = SpeedBenchmark.readDoubles(dir.resolve("deriv.f64"), z.length);
                    double diff = 0;
                    double scale = 0;
                    for (int k = 0; k < z.length; k++) {
                        diff = Math.max(diff, Math.abs(out[k] - theirs[k]));
                        scale = Math.max(scale, Math.abs(theirs[k]));
                    }
                    cmp = String.format(Locale.ROOT, "derivatives differ by %.1e of max %.2e", diff / scale, scale);
                }
                System.out.printf(Locale.ROOT, "(t) %-8s Java %.1f us/eval; %s%n", v[0], 1e6 * java, cmp);
                for (double[] py : new double[][] {many, one}) {
                    if (py == null) {
                        continue;
                    }
                    double best = Math.min(py[0], Math.min(py[1], py[2]));
                    System.out.printf(Locale.ROOT,
                            "(t) %-8s numpy (%s BLAS threads) %.1f us/eval (dense G_E %.1f, factor %.1f, stacked %.1f): numpy/Java %.2f (target >= 1)%n",
                            v[0], py[3] < 0 ? "default" : Integer.toString((int) py[3]), 1e6 * best, 1e6 * py[0], 1e6 * py[1],
                            1e6 * py[2], best / java);
                }
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        }
    }

    /**
     * Seconds per right-hand-side evaluation: 20000 warm-up calls (JIT), then the best of 1000 batches
     * of 20 (short batches, so that on a shared machine some run without being preempted).
     */
    static double time(GradientFlow f, double[] z, double[] out) {
        for (int k = 0; k < 20_000; k++) {
            f.computeDerivatives(0, z, out);
        }
        double best = Double.POSITIVE_INFINITY;
        int reps = 20;
        for (int r = 0; r < 1000; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                f.computeDerivatives(0, z, out);
            }
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9 / reps);
        }
        return best;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void writeDoubles(Path file, double[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        Files.write(file, b.array());
    }

    /** meta.txt, xi.f64, edges.i32, z.f64, rate.f64 (see bench/baseline_student_rhs.py). */
    static void writeInstance(TeacherStudentSystem ts, double[] z, boolean sg, Path dir) throws IOException {
        boolean head = ts.layout().hasHead();
        Files.writeString(dir.resolve("meta.txt"), String.format(Locale.ROOT, "%d %d %d %d %d %s%n", K, N, INPUT_DIM, DIM,
                head ? 1 : 0, sg ? "0.0" : "1.0"));
        writeDoubles(dir.resolve("xi.f64"), ts.teacher().inputs());
        writeDoubles(dir.resolve("z.f64"), z);
        writeDoubles(dir.resolve("rate.f64"), ts.flow().rates());
        StiffInstance.writeEdges(dir.resolve("edges.i32"), ts.structure());
    }

    /** Runs the numpy baseline; {dense, factor, stacked s/eval, threads or -1 for default}, or null. */
    static double[] baseline(Path dir, String threads) throws IOException, InterruptedException {
        ProcessBuilder pb = PythonBaseline.builder(
                System.getenv().getOrDefault("STUDENT_BASELINE", "bench/baseline_student_rhs.py"), dir.toString());
        Map<String, String> env = pb.environment();
        env.remove("OPENBLAS_NUM_THREADS");
        env.remove("OMP_NUM_THREADS");
        if (threads != null) {
            env.put("OPENBLAS_NUM_THREADS", threads);
        }
        double[] v = PythonBaseline.result(pb, "(t) numpy baseline", 3);
        return v == null ? null : new double[] {v[0], v[1], v[2], threads == null ? -1 : Integer.parseInt(threads)};
    }
}
