package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.repcollapse.model.FrustrationMode;
import org.repcollapse.model.InitialState;
import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLabels;
import org.repcollapse.model.StudentLayout;
import org.repcollapse.model.Teacher;

/**
 * The teacher-student right-hand side from sufficient statistics against the naive per-sample
 * route: the EOM drive of the state {@code (x_i = W xi_i, y, P)} pulled back by the chain rule,
 * {@code G_W = sum_i G_{x_i} xi_i^T}.
 */
class TeacherStudentFlowTest {

    static TeacherStudentSystem system(int k, int n, int dim, int inputDim, double phi, String mode, boolean head,
                                       boolean sg, double kappa, double sigma, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        StudentLabels labels = StudentLabels.generate(k, n, phi, Pairing.ADJACENT, List.of(),
                FrustrationMode.parse(mode), streams.stream(RandomStreams.Purpose.LABELS));
        Teacher teacher = Teacher.generate(k, inputDim, kappa, sigma, labels.trueClass(), streams);
        return new TeacherStudentSystem(labels, teacher, dim, head, sg,
                new EmbeddingSystem.Parameters(0.7, 1.3, 0.9, 1.0, 1.0, 0.3), streams);
    }

    /** The naive per-sample derivative: EOM drive of x = W xi, chain rule onto W, times the rates. */
    static double[] naiveDerivative(TeacherStudentSystem ts, double[] z) {
        StateLayout el = ts.embeddingLayout();
        StudentLayout sl = ts.layout();
        double[] e = ts.embeddingState(z).clone();
        double[] g = new double[e.length];
        ts.embeddingLoss().addDrive(e, g);
        int d = sl.dim();
        int dd = sl.inputDim();
        double[] xi = ts.teacher().inputs();
        double[] gs = new double[sl.dimension()];
        for (int i = 0; i < el.samples(); i++) {
            for (int a = 0; a < d; a++) {
                double gx = g[el.x(i) + a];
                for (int b = 0; b < dd; b++) {
                    gs[sl.w() + a * dd + b] += gx * xi[i * dd + b];
                }
            }
        }
        System.arraycopy(g, el.y(0), gs, sl.y(0), sl.classes() * d);
        if (sl.hasHead()) {
            System.arraycopy(g, el.p(), gs, sl.p(), d * d);
        }
        double[] out = new double[gs.length];
        for (int c = 0; c < sl.classes(); c++) {
            for (int a = 0; a < d; a++) {
                out[sl.y(c) + a] = -ts.rates().labelRate(c) * gs[sl.y(c) + a];
            }
        }
        for (int k = 0; k < d * dd; k++) {
            out[sl.w() + k] = -ts.rates().sampleRate() * gs[sl.w() + k];
        }
        for (int k = sl.p(); k < sl.dimension(); k++) {
            out[k] = -ts.rates().headRate() * gs[k];
        }
        return out;
    }

    static double[] randomState(TeacherStudentSystem ts, long seed) {
        double[] z = ts.initialState();
        UniformRandomProvider rng = new RandomStreams(seed).stream(RandomStreams.Purpose.SAMPLES);
        InitialState.fill(z, 0, z.length, 0.5, rng);
        if (ts.layout().hasHead()) {
            int p = ts.layout().p();
            for (int a = 0; a < ts.dim(); a++) {
                z[p + a * ts.dim() + a] += 1.0;
            }
        }
        return z;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @ParameterizedTest(name = "N={0} D={1} mode={2} head={3} sg={4}")
    @CsvSource({
        "30, 40, duplicate, false, false",
        "30, 40, flip, false, false",
        "90, 20, duplicate, false, false",
        "90, 20, flip, false, false",
        "30, 40, duplicate, true, false",
        "30, 40, flip, true, true",
        "90, 20, duplicate, true, true",
        "90, 20, flip, true, false",
    })
    void statisticsRightHandSideEqualsPerSampleChainRule(int n, int inputDim, String mode, boolean head, boolean sg) {
        TeacherStudentSystem ts = system(3, n, 5, inputDim, 0.2, mode, head, sg, 1.5, 0.8, 11);
        double[] z = randomState(ts, 5);
        double[] fast = ts.flow().derivative(z);
        double[] naive = naiveDerivative(ts, z);
        // Both routes sum the same O(N D) products in a different order (and, for N > D, through the
        // triangular QR factor R of the weighted inputs, R^T R = C): the difference is rounding, ~ (N + D) eps times the largest term.
        // 1e-11 of the largest derivative leaves a 100x margin over that and is far below any
        // modelling error (a missing term or a wrong sign is O(1) of the largest entry).
        double scale = maxAbs(naive);
        assertTrue(scale > 0);
        assertArrayEquals(naive, fast, 1e-11 * scale);
        // The statistics loss equals the per-sample loss (same relative rounding argument).
        double perSample = ts.loss(z);
        double statistics = ts.flow().loss(z);
        assertEquals(perSample, statistics, 1e-11 * Math.abs(perSample));
    }

    /**
     * The same check at the shapes of the product kernel's tiles and edges: d = 8 (one 8-row tile),
     * 9 and 13 (8- and 4-row tiles plus single rows), 3 (single rows only); D not a multiple of the
     * vector width (53, 61) and N on both sides of D, so the basis rows r + K and the columns D both
     * end in partial chunks. Both routes sum O(N + D) products in different orders; the difference is
     * rounding, at most about {@code (N + D) u} (~2e-14 here) of the largest term when nothing cancels,
     * and 2.3e-16 .. 7.5e-16 of the largest derivative on these cases. 1e-13 of the largest derivative
     * bounds that with margin (the result is the same on every machine: both kernels give the same bits)
     * and still fails on any missing term or wrong index.
     */
    @ParameterizedTest(name = "N={0} D={1} d={2} head={3} sg={4}")
    @CsvSource({
        "40, 53, 8, false, false",
        "40, 53, 8, true, true",
        "40, 53, 8, true, false",
        "130, 61, 9, false, false",
        "130, 61, 9, true, true",
        "130, 61, 13, true, false",
        "25, 200, 13, false, false",
        "25, 200, 3, true, true",
    })
    void statisticsRightHandSideEqualsPerSampleChainRuleAtTileEdges(int n, int inputDim, int dim, boolean head,
                                                                    boolean sg) {
        TeacherStudentSystem ts = system(3, n, dim, inputDim, 0.2, "duplicate", head, sg, 3.0, 0.5, 17);
        double[] z = randomState(ts, 9);
        double[] fast = ts.flow().derivative(z);
        double[] naive = naiveDerivative(ts, z);
        double scale = maxAbs(naive);
        assertTrue(scale > 0);
        assertArrayEquals(naive, fast, 1e-13 * scale);
        // the statistics loss is a difference of sums (see StudentAlignmentLoss): the looser bound of above
        assertEquals(ts.loss(z), ts.flow().loss(z), 1e-11 * Math.abs(ts.loss(z)));
    }

    /**
     * Both loss terms (no head; head with and without stop-gradient) give the same bits with the
     * scalar and the Vector API product kernel: every element of every product is one fixed fma chain.
     */
    @ParameterizedTest(name = "N={0} D={1} d={2} head={3} sg={4}")
    @CsvSource({
        "150, 400, 8, false, false",
        "150, 400, 8, true, true",
        "150, 400, 8, true, false",
        "130, 61, 9, false, false",
        "130, 61, 13, true, true",
        "25, 203, 5, true, false",
    })
    void driveIsTheSameBitsWithEitherProductKernel(int n, int inputDim, int dim, boolean head, boolean sg) {
        org.junit.jupiter.api.Assumptions.assumeTrue(SampleKernel.vectorModulePresent(),
                "jdk.incubator.vector is not in the boot layer");
        TeacherStudentSystem ts = system(3, n, dim, inputDim, 0.1, "duplicate", head, sg, 3.0, 0.5, 23);
        double[] z = randomState(ts, 4);
        double[][] drives = new double[2][];
        double[] values = new double[2];
        ProductKernel[] kernels = {ProductKernel.scalar(), ProductKernel.vector()};
        for (int k = 0; k < 2; k++) {
            LossTerm term = head ? new StudentPredictorLoss(ts.layout(), ts.statistics(), sg, kernels[k])
                    : new StudentAlignmentLoss(ts.layout(), ts.statistics(), kernels[k]);
            drives[k] = new double[z.length];
            term.addDrive(z, drives[k]);
            values[k] = term.value(z);
        }
        long[][] bits = new long[2][z.length];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < z.length; j++) {
                bits[k][j] = Double.doubleToRawLongBits(drives[k][j]);
            }
        }
        assertArrayEquals(bits[0], bits[1]);
        assertEquals(Double.doubleToRawLongBits(values[0]), Double.doubleToRawLongBits(values[1]));
    }

    /**
     * For N > D the factor is the triangular R and {@link BasisProducts} skips its zero triangle: the
     * bits must be those of the full products {@code W E^T} and {@code G_W += Q E} (the skipped terms
     * are fma(w, +0, c) on chains started from +0, which change nothing), with either kernel; D = 101
     * and 150 make the last column block partial.
     */
    @ParameterizedTest(name = "N={0} D={1} d={2}")
    @CsvSource({"300, 101, 8", "400, 150, 5"})
    void triangularSkipGivesTheBitsOfTheFullProducts(int n, int inputDim, int dim) {
        TeacherStudentSystem ts = system(3, n, dim, inputDim, 0.1, "flip", false, false, 3.0, 0.5, 29);
        InputStatistics st = ts.statistics();
        assertTrue(st.upperTriangular());
        double[] z = randomState(ts, 6);
        int stride = st.basisStride();
        int m = st.rank() + st.classes();
        java.util.List<ProductKernel> kernels = new java.util.ArrayList<>(List.of(ProductKernel.scalar()));
        if (SampleKernel.vectorModulePresent()) {
            kernels.add(ProductKernel.vector());
        }
        for (ProductKernel kernel : kernels) {
            double[] proj = new double[dim * stride];
            new BasisProducts(st, kernel).project(z, 0, dim, proj);
            double[] full = new double[dim * stride];
            kernel.multiply(z, 0, inputDim, st.basisTransposed(), 0, stride, full, 0, stride, dim, inputDim, stride, false);
            assertArrayEquals(bits(full), bits(proj), "W E^T, " + kernel.name());
            double[] g = new double[dim * inputDim];
            new BasisProducts(st, kernel).addExpansion(full, stride, dim, g, 0);
            double[] gFull = new double[dim * inputDim];
            kernel.multiply(full, 0, stride, st.basis(), 0, inputDim, gFull, 0, inputDim, dim, m, inputDim, true);
            assertArrayEquals(bits(gFull), bits(g), "Q E, " + kernel.name());
        }
    }

    static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = Double.doubleToRawLongBits(v[k]);
        }
        return b;
    }

    @Test
    void embeddingsAreTheEncodedInputs() {
        TeacherStudentSystem ts = system(3, 12, 4, 16, 0.25, "flip", false, false, 1.0, 0.5, 3);
        double[] z = randomState(ts, 8);
        var e = ts.embeddings(z);
        double[] xi = ts.teacher().inputs();
        for (int i = 0; i < 12; i++) {
            for (int a = 0; a < 4; a++) {
                double s = 0;
                for (int b = 0; b < 16; b++) {
                    s += z[ts.layout().w() + a * 16 + b] * xi[i * 16 + b];
                }
                // A single dot product of length D: exact up to a few ulps.
                assertEquals(s, e.x(i, a), 1e-14 * (1 + Math.abs(s)));
            }
        }
    }

    @Test
    void factorReproducesTheSecondMomentAndHasRankMinOfNAndD() {
        for (int n : new int[] {10, 60, 600}) {
            TeacherStudentSystem ts = system(3, n, 4, 30, 0.1, "duplicate", false, false, 1.0, 0.7, 2);
            InputStatistics st = ts.statistics();
            // The flow cost is proportional to the factor's rows: it stops growing at N = D.
            assertEquals(Math.min(n, 30), st.rank());
            double[][] c = st.secondMoment();
            double[] xi = ts.teacher().inputs();
            double max = 0;
            double err = 0;
            for (int a = 0; a < 30; a++) {
                for (int b = 0; b < 30; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += ts.structure().labelCount(i) * xi[i * 30 + a] * xi[i * 30 + b];
                    }
                    max = Math.max(max, Math.abs(s));
                    err = Math.max(err, Math.abs(s - c[a][b]));
                }
            }
            // F^T F = sum_E xi xi^T to rounding of the Householder QR (~ D eps |C|); 1e-12 relative.
            assertTrue(err < 1e-12 * max, "F^T F - C = " + err + " of " + max);
        }
    }
}
