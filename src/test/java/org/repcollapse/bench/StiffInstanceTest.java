package org.repcollapse.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcollapse.Experiments;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentRunner;

/**
 * The instance files of benchmark (d) describe the run's instance completely: the right-hand side
 * rebuilt from the files alone, per edge from spec sections 2, 3 and 5 (g_ic of each edge, rates
 * eta, gamma/n_c, eta_P/|E|), equals the Java flow's derivative written next to them, and the end
 * state is the one {@code run} reaches. The scipy peer relies on exactly this.
 */
class StiffInstanceTest {

    @TempDir
    Path dir;

    static final String TS = """
            model: teacher-student
            classes: 3
            samples: 12
            dim: 3
            frustration: {fraction: 0.25, pairing: adjacent, mode: %s}
            head: %s
            stopGradient: %s
            rates: {samples: 0.7, labels: 1.3, head: 0.9}
            init: {samples: 1.0, labels: 1.0, head: 0.3}
            teacher: {inputDim: 8, noise: 0.5, prototypeScale: 2.0}
            integrator: {method: dop853, rtol: 1.0e-8, atol: 1.0e-10, tEnd: 0.5}
            record: {points: 5, spacing: log, tStart: 0.01}
            seed: 7
            """;

    static final String EOM = """
            model: embedding
            classes: 3
            samples: 20
            dim: 2
            frustration: {fraction: 0.2, pairing: adjacent}
            rates: {samples: 0.8, labels: 20.0, head: 1.0}
            integrator: {method: dop853, rtol: 1.0e-8, atol: 1.0e-10, tEnd: 0.5}
            record: {points: 5, spacing: log, tStart: 0.01}
            seed: 3
            """;

    /**
     * Tolerance 1e-13 relative to the largest derivative entry: both routes sum at most a few
     * dozen O(1) products (N = 12 inputs of D = 8), in different orders (the flow goes through
     * the factor of C), so they differ by rounding only; any wrong term or rate is O(1).
     */
    @ParameterizedTest
    @CsvSource({"duplicate, none, false", "flip, none, false", "duplicate, linear, true", "flip, linear, false"})
    void teacherStudentFilesReproduceTheFlowAndTheRun(String mode, String head, boolean sg) throws IOException {
        Experiment e = Experiments.of(TS.formatted(mode, head, sg));
        StiffInstance.export(e, dir);
        JsonNode h = new ObjectMapper().readTree(dir.resolve("instance.json").toFile());
        int n = h.get("samples").asInt();
        int k = h.get("classes").asInt();
        int d = h.get("dim").asInt();
        int dd = h.get("inputDim").asInt();
        boolean hasHead = h.get("head").asBoolean();
        int size = d * dd + k * d + (hasHead ? d * d : 0);
        assertEquals(size, h.get("layout").get("dimension").asInt());
        double[] xi = doubles(dir.resolve("xi.f64"));
        int[] edges = ints(dir.resolve("edges.i32"));
        double[] z0 = doubles(dir.resolve("z0.f64"));
        assertEquals(n * dd, xi.length);
        assertEquals(2 * h.get("edges").asInt(), edges.length);
        assertEquals(size, z0.length);
        double[] expected = perEdgeTeacherStudent(z0, xi, edges, n, k, d, dd, hasHead, h.get("stopGradient").asBoolean(),
                h.get("rates"));
        assertClose(expected, doubles(dir.resolve("dz0.f64")), 1e-13);
        double[] zEnd = doubles(dir.resolve("zend.f64"));
        assertClose(perEdgeTeacherStudent(zEnd, xi, edges, n, k, d, dd, hasHead, h.get("stopGradient").asBoolean(),
                h.get("rates")), doubles(dir.resolve("dzend.f64")), 1e-13);
        // the end state is the run's (same seeded instance, same method): bit for bit
        assertArrayEquals(ExperimentRunner.run(Experiments.of(TS.formatted(mode, head, sg))).finalState(), zEnd);
    }

    /** Embedding model: dx_i = -eta sum_{c in S_i}(x_i - y_c), dy_c = (gamma/n_c) sum (x_i - y_c); same tolerance. */
    @Test
    void embeddingFilesReproduceTheFlowAndTheRun() throws IOException {
        Experiment e = Experiments.of(EOM, "solver=full");
        StiffInstance.export(e, dir);
        JsonNode h = new ObjectMapper().readTree(dir.resolve("instance.json").toFile());
        int n = h.get("samples").asInt();
        int k = h.get("classes").asInt();
        int d = h.get("dim").asInt();
        int[] edges = ints(dir.resolve("edges.i32"));
        double[] z0 = doubles(dir.resolve("z0.f64"));
        assertEquals((n + k) * d, z0.length);
        double eta = h.get("rates").get("samples").asDouble();
        double gamma = h.get("rates").get("labels").asDouble();
        int[] deg = new int[k];
        for (int q = 1; q < edges.length; q += 2) {
            deg[edges[q]]++;
        }
        double[] f = new double[z0.length];
        for (int q = 0; q < edges.length; q += 2) {
            int i = edges[q];
            int c = edges[q + 1];
            for (int a = 0; a < d; a++) {
                double diff = z0[i * d + a] - z0[(n + c) * d + a];
                f[i * d + a] -= eta * diff;
                f[(n + c) * d + a] += gamma / deg[c] * diff;
            }
        }
        assertClose(f, doubles(dir.resolve("dz0.f64")), 1e-13);
        assertArrayEquals(ExperimentRunner.run(Experiments.of(EOM, "solver=full")).finalState(),
                doubles(dir.resolve("zend.f64")));
    }

    /**
     * dz/dt of the teacher-student model summed edge by edge: x = W xi_i, g_x = B x - A y_c,
     * g_y = B y_c - A x (B = P^T P + (1-s) I, A = P^T + (1-s) P; no head: B = A = I),
     * G_W += g_x xi_i^T, G_y_c += g_y, G_P += (P x - y_c) x^T + (P y_c - x) y_c^T.
     */
    static double[] perEdgeTeacherStudent(double[] z, double[] xi, int[] edges, int n, int k, int d, int dd,
                                          boolean head, boolean sg, JsonNode rates) {
        int yo = d * dd;
        int po = yo + k * d;
        double keep = sg ? 0 : 1;
        double[][] b = new double[d][d];
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (head) {
                    double v = 0;
                    for (int q = 0; q < d; q++) {
                        v += z[po + q * d + i] * z[po + q * d + j];
                    }
                    b[i][j] = v + (i == j ? keep : 0);
                    a[i][j] = z[po + j * d + i] + keep * z[po + i * d + j];
                } else {
                    b[i][j] = i == j ? 1 : 0;
                    a[i][j] = b[i][j];
                }
            }
        }
        double[] g = new double[z.length];
        int[] deg = new int[k];
        for (int e = 0; e < edges.length; e += 2) {
            deg[edges[e + 1]]++;
        }
        for (int e = 0; e < edges.length; e += 2) {
            int s = edges[e];
            int c = edges[e + 1];
            double[] x = new double[d];
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < dd; q++) {
                    x[p] += z[p * dd + q] * xi[s * dd + q];
                }
            }
            for (int p = 0; p < d; p++) {
                double gx = 0;
                double gy = 0;
                for (int q = 0; q < d; q++) {
                    double y = z[yo + c * d + q];
                    gx += b[p][q] * x[q] - a[p][q] * y;
                    gy += b[p][q] * y - a[p][q] * x[q];
                }
                for (int q = 0; q < dd; q++) {
                    g[p * dd + q] += gx * xi[s * dd + q];
                }
                g[yo + c * d + p] += gy;
            }
            if (head) {
                for (int p = 0; p < d; p++) {
                    double px = 0;
                    double py = 0;
                    for (int q = 0; q < d; q++) {
                        px += z[po + p * d + q] * x[q];
                        py += z[po + p * d + q] * z[yo + c * d + q];
                    }
                    for (int q = 0; q < d; q++) {
                        g[po + p * d + q] += (px - z[yo + c * d + p]) * x[q] + (py - x[p]) * z[yo + c * d + q];
                    }
                }
            }
        }
        double[] f = new double[z.length];
        for (int q = 0; q < z.length; q++) {
            double rate = q < yo ? rates.get("samples").asDouble()
                    : q < po ? rates.get("labels").asDouble() / deg[(q - yo) / d]
                    : rates.get("head").asDouble() / (edges.length / 2);
            f[q] = -rate * g[q];
        }
        return f;
    }

    static void assertClose(double[] expected, double[] actual, double relTol) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        double diff = 0;
        for (int q = 0; q < expected.length; q++) {
            scale = Math.max(scale, Math.abs(expected[q]));
            diff = Math.max(diff, Math.abs(expected[q] - actual[q]));
        }
        assertTrue(scale > 0, "zero derivative: the comparison would be empty");
        assertTrue(diff <= relTol * scale, "max difference " + diff + " against scale " + scale);
    }

    static double[] doubles(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    static int[] ints(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int[] v = new int[b.remaining() / 4];
        b.asIntBuffer().get(v);
        return v;
    }
}
