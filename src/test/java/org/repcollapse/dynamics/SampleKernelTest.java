package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * The {@link SampleKernel}s: (1) the scalar and the Vector API kernel give the same bits, for
 * dimensions that are and are not multiples of the lane count and sample counts that are not
 * multiples of 4, and so do the whole {@link PredictorLoss} and {@link AlignmentLoss} drives;
 * (2) each kernel equals the equations {@code g_i += w_i B x_i - h_{r(i)}},
 * {@code M = sum_i w_i x_i x_i^T}, {@code g_i = scale sum_{c in S_i} (x_i - y_c)},
 * {@code s_c = sum_{i : c in S_i} x_i}, {@code C = X M} evaluated by naive double loops, to rounding; (3) the
 * one-pass alignment drive has the bits of clearing, adding and scaling.
 *
 * <p>Rounding bound: a sum of n terms computed in any order with fma or multiply-add lies within
 * {@code gamma_n sum |terms|} of the exact sum, {@code gamma_n = n u / (1 - n u)}, {@code u = 2^-53}
 * (Higham, Accuracy and Stability, 3.1); the kernel and the naive loop are each that close, so
 * they differ by at most {@code 2 gamma_n sum |terms|}: about {@code 2 (d+3) 1.1e-16} relative to
 * the absolute sum for {@code g} (d products, the weight, h and g itself), {@code 2 (n+1) 1.1e-16}
 * for the moment and the class sums over n samples. A wrong index or a missing term is off by
 * O(1) and fails.
 */
class SampleKernelTest {

    private static final double U = 0x1p-53;

    /** One random problem: rows {@code from .. to-1} of z, weights 1 and 2, symmetric B. */
    private static final class Problem {
        final int d;
        final int from;
        final int to;
        final double[] b;
        final double[] z;
        final double[] w;
        final double[] h;
        final int[] rowOf;
        final double[] g0;
        final int[] offsets;
        final int[] classes;
        final int k;
        final int y0;
        final double scale = -0.7;

        Problem(int d, int from, int count, long seed) {
            Random r = new Random(seed);
            this.d = d;
            this.from = from;
            this.to = from + count;
            int n = to + 3;    // rows after the range must stay untouched
            b = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    b[i * d + j] = r.nextGaussian();
                    b[j * d + i] = b[i * d + j];
                }
            }
            k = 5;
            y0 = n * d;    // the class rows y_c follow the sample rows, as in the state
            z = gaussian(r, (n + k) * d);
            z[y0] = 0.0;
            for (int i = 0; i < n; i += 2) {
                z[i * d] = -0.0;    // x - y = -0.0 on some elements: the sign of zero must survive too
            }
            g0 = gaussian(r, n * d);
            w = new double[n];
            offsets = new int[n + 1];
            List<Integer> cls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                offsets[i] = cls.size();
                cls.add(i % k);
                if (r.nextInt(4) == 0) {
                    cls.add((i + 1 + r.nextInt(k - 1)) % k);
                }
                w[i] = cls.size() - offsets[i];
            }
            offsets[n] = cls.size();
            classes = cls.stream().mapToInt(Integer::intValue).toArray();
            h = gaussian(r, 3 * d);
            rowOf = new int[n];
            for (int i = 0; i < n; i++) {
                rowOf[i] = r.nextInt(3);
            }
        }

        static double[] gaussian(Random r, int len) {
            double[] a = new double[len];
            for (int i = 0; i < len; i++) {
                a[i] = r.nextGaussian();
            }
            return a;
        }

        double[] products(SampleKernel kernel) {
            double[] g = g0.clone();
            kernel.addProducts(b, d, z, w, h, rowOf, from, to, g, new double[d]);
            return g;
        }

        /** {@link SampleKernel#writeProducts}: the rows of the range overwritten with the scaled drive. */
        double[] written(SampleKernel kernel) {
            double[] g = g0.clone();
            kernel.writeProducts(b, d, z, w, h, rowOf, from, to, scale, g, new double[d]);
            return g;
        }

        /** The same by clearing the rows, {@link SampleKernel#addProducts} and scaling. */
        double[] clearedAddedScaled(SampleKernel kernel) {
            double[] g = g0.clone();
            java.util.Arrays.fill(g, from * d, to * d, 0.0);
            kernel.addProducts(b, d, z, w, h, rowOf, from, to, g, new double[d]);
            for (int k = from * d; k < to * d; k++) {
                g[k] *= scale;
            }
            return g;
        }

        double[] moment(SampleKernel kernel) {
            double[] m = new double[d * d];
            java.util.Arrays.fill(m, Double.NaN);    // the kernel writes every element
            kernel.weightedMoment(z, d, w, from, to, m);
            return m;
        }

        double[] alignment(SampleKernel kernel) {
            double[] g = g0.clone();
            double[] s = new double[k * d];
            java.util.Arrays.fill(s, Double.NaN);
            kernel.writeAlignmentDrive(z, d, y0, offsets, classes, from, to, scale, g, s);
            double[] both = java.util.Arrays.copyOf(g, g.length + s.length);
            System.arraycopy(s, 0, both, g.length, s.length);
            return both;
        }

        double[] classSums(SampleKernel kernel) {
            double[] s = new double[k * d];
            java.util.Arrays.fill(s, Double.NaN);
            kernel.classSums(z, d, offsets, classes, from, to, s);
            return s;
        }
    }

    static Stream<Arguments> shapes() {
        List<Arguments> a = new ArrayList<>();
        for (int d : new int[] {1, 3, 8, 17, 32, 33, 64}) {
            for (int count : new int[] {1, 7, 130}) {
                a.add(Arguments.of(d, count));
            }
        }
        return a.stream();
    }

    private static long[] bits(double[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Double.doubleToLongBits(a[i]);
        }
        return r;
    }

    private static SampleKernel vectorOrSkip() {
        assumeTrue(SampleKernel.vectorModulePresent(), "jdk.incubator.vector is not in the boot layer");
        return SampleKernel.vector();
    }

    @ParameterizedTest(name = "d = {0}, {1} samples")
    @MethodSource("shapes")
    void scalarAndVectorKernelsGiveTheSameBits(int d, int count) {
        SampleKernel vector = vectorOrSkip();
        SampleKernel scalar = SampleKernel.scalar();
        Problem p = new Problem(d, 3, count, 1000L * d + count);
        assertArrayEquals(bits(p.products(scalar)), bits(p.products(vector)), "g");
        assertArrayEquals(bits(p.moment(scalar)), bits(p.moment(vector)), "moment");
        assertArrayEquals(bits(p.classSums(scalar)), bits(p.classSums(vector)), "class sums");
        assertArrayEquals(bits(p.alignment(scalar)), bits(p.alignment(vector)), "alignment drive");
        assertArrayEquals(bits(p.written(scalar)), bits(p.written(vector)), "written products");
    }

    @ParameterizedTest(name = "{0}, d = {1}, {2} samples")
    @MethodSource("kernelsAndShapes")
    void writtenProductsAreClearedAddedAndScaled(String name, int d, int count) {
        SampleKernel kernel = kernel(name);
        Problem p = new Problem(d, 3, count, 3000L * d + count);
        assertArrayEquals(bits(p.clearedAddedScaled(kernel)), bits(p.written(kernel)));
    }

    static Stream<Arguments> kernelsAndShapes() {
        List<Arguments> a = new ArrayList<>();
        for (String kernel : new String[] {"scalar", "vector"}) {
            shapes().forEach(s -> a.add(Arguments.of(kernel, s.get()[0], s.get()[1])));
        }
        return a.stream();
    }

    private static SampleKernel kernel(String name) {
        return name.equals("vector") ? vectorOrSkip() : SampleKernel.scalar();
    }

    private static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    @ParameterizedTest(name = "{0}, d = {1}, {2} samples")
    @MethodSource("kernelsAndShapes")
    void kernelMatchesTheNaiveSums(String name, int d, int count) {
        SampleKernel kernel = kernel(name);
        Problem p = new Problem(d, 3, count, 7000L * d + count);
        double[] g = p.products(kernel);
        double[] m = p.moment(kernel);
        double[] s = p.classSums(kernel);
        double[] al = p.alignment(kernel);
        for (int i = 0; i < p.g0.length / d; i++) {
            boolean in = i >= p.from && i < p.to;
            for (int j = 0; j < d; j++) {
                int ij = i * d + j;
                if (!in) {
                    assertEquals(p.g0[ij], g[ij], 0.0, "row outside the range changed");
                    continue;
                }
                double t = 0;
                double abs = 0;
                for (int k = 0; k < d; k++) {
                    t += p.b[j * d + k] * p.z[i * d + k];    // row j of B: B x_i
                    abs += Math.abs(p.b[j * d + k] * p.z[i * d + k]);
                }
                double diff = 0;
                double diffAbs = 0;
                for (int e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
                    double y = p.z[p.y0 + p.classes[e] * d + j];
                    diff += p.z[ij] - y;
                    diffAbs += Math.abs(p.z[ij]) + Math.abs(y);
                }
                int edges = p.offsets[i + 1] - p.offsets[i];
                assertEquals(p.scale * diff, al[ij], 2 * gamma(2 * edges + 1) * Math.abs(p.scale) * diffAbs,
                        "alignment g[" + i + "][" + j + "]");
                double hij = p.h[p.rowOf[i] * d + j];
                double naive = p.g0[ij] + p.w[i] * t - hij;
                double bound = 2 * gamma(d + 3) * (Math.abs(p.g0[ij]) + p.w[i] * abs + Math.abs(hij));
                assertEquals(naive, g[ij], bound, "g[" + i + "][" + j + "]");
            }
        }
        int n = p.to - p.from;
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                double abs = 0;
                for (int i = p.from; i < p.to; i++) {
                    double term = p.w[i] * p.z[i * d + k] * p.z[i * d + j];
                    sum += term;
                    abs += Math.abs(term);
                }
                assertEquals(sum, m[k * d + j], 2 * gamma(n + 2) * abs, "moment[" + k + "][" + j + "]");
                assertEquals(m[j * d + k], m[k * d + j], 0.0, "moment symmetric");
            }
        }
        for (int c = 0; c < p.k; c++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                double abs = 0;
                for (int i = p.from; i < p.to; i++) {
                    for (int e = p.offsets[i]; e < p.offsets[i + 1]; e++) {
                        if (p.classes[e] == c) {
                            sum += p.z[i * d + j];
                            abs += Math.abs(p.z[i * d + j]);
                        }
                    }
                }
                assertEquals(sum, s[c * d + j], 2 * gamma(n + 1) * abs, "class sum[" + c + "][" + j + "]");
                assertEquals(s[c * d + j], al[p.g0.length + c * d + j], 0.0, "class sums of the alignment pass");
            }
        }
    }

    /** {@code C = X M} (the label and head rows' products), for inner dimensions d and 7, at offsets. */
    @ParameterizedTest(name = "{0}, d = {1}, {2} samples")
    @MethodSource("kernelsAndShapes")
    void multiplyIsTheProductAndTheSameBitsForBothKernels(String name, int d, int count) {
        SampleKernel kernel = kernel(name);
        Random r = new Random(11L * d + count);
        int rows = count % 11 + 1;
        for (int inner : new int[] {d, 7}) {
            double[] x = Problem.gaussian(r, 2 + rows * inner);
            double[] m = Problem.gaussian(r, 3 + inner * d);
            double[] c = new double[1 + rows * d + 2];
            java.util.Arrays.fill(c, 5.0);
            kernel.multiply(x, 2, rows, inner, m, 3, d, c, 1);
            assertEquals(5.0, c[0], 0.0, "before C");
            assertEquals(5.0, c[1 + rows * d], 0.0, "after C");
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    double sum = 0;
                    double abs = 0;
                    for (int k = 0; k < inner; k++) {
                        double t = x[2 + i * inner + k] * m[3 + k * d + j];
                        sum += t;
                        abs += Math.abs(t);
                    }
                    assertEquals(sum, c[1 + i * d + j], 2 * gamma(inner + 1) * abs, "C[" + i + "][" + j + "]");
                }
            }
            if (name.equals("vector")) {
                double[] cs = c.clone();
                SampleKernel.scalar().multiply(x, 2, rows, inner, m, 3, d, cs, 1);
                assertArrayEquals(bits(cs), bits(c), "scalar against vector, inner " + inner);
            }
        }
    }

    /** The whole head drive (all blocks, label and head rows) with either kernel: the same bits. */
    @ParameterizedTest
    @ValueSource(ints = {5, 32, 33})
    void predictorLossDriveIsTheSameWithEitherKernel(int d) {
        SampleKernel vector = vectorOrSkip();
        LabelStructure st = LabelStructure.generate(4, 1301, 0.2, Pairing.RANDOM, List.of(),
                new RandomStreams(3).stream(RandomStreams.Purpose.LABELS));
        for (boolean sg : new boolean[] {true, false}) {
            EmbeddingSystem sys = new EmbeddingSystem(st, d, true, sg,
                    new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.3), new RandomStreams(5));
            double[] z = sys.initialState();
            double[] a = new double[z.length];
            double[] b = new double[z.length];
            new PredictorLoss(sys.layout(), st, sg, SampleKernel.scalar()).addDrive(z, a);
            new PredictorLoss(sys.layout(), st, sg, vector).addDrive(z, b);
            assertArrayEquals(bits(a), bits(b), "sg = " + sg);
        }
    }

    /**
     * The embedding-only sample drive: the one-pass form (what a flow with this term alone uses)
     * has the bits of clearing the rows, {@link AlignmentLoss#addSampleDrive} and scaling, with
     * either kernel; and the two kernels agree on it, label rows included.
     */
    @ParameterizedTest
    @ValueSource(ints = {5, 32, 33})
    void alignmentOnePassIsTheThreePassDriveWithEitherKernel(int d) {
        LabelStructure st = LabelStructure.generate(4, 1301, 0.2, Pairing.RANDOM, List.of(),
                new RandomStreams(3).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem sys = new EmbeddingSystem(st, d, false, false,
                new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.3), new RandomStreams(5));
        double[] z = sys.initialState();
        for (int i = 0; i < st.samples(); i += 3) {
            z[sys.layout().x(i)] = -0.0;
        }
        z[sys.layout().y(1)] = 0.0;
        double scale = -1.3;
        List<SampleKernel> kernels = new ArrayList<>(List.of(SampleKernel.scalar()));
        if (SampleKernel.vectorModulePresent()) {
            kernels.add(SampleKernel.vector());
        }
        double[] first = null;
        for (SampleKernel kernel : kernels) {
            AlignmentLoss loss = new AlignmentLoss(sys.layout(), st, kernel);
            int y0 = sys.layout().y(0);
            double[] one = new double[z.length];
            double[] three = new double[z.length];
            java.util.Arrays.fill(one, 0, y0, 9.0);    // overwritten, whatever the rows held
            for (int b = 0; b < loss.blocks().count(); b++) {
                assertTrue(loss.writeSampleDrive(z, one, b, scale));
            }
            loss.addSharedDrive(z, one);
            for (int b = 0; b < loss.blocks().count(); b++) {
                loss.addSampleDrive(z, three, b);
            }
            loss.addSharedDrive(z, three);
            for (int k = 0; k < y0; k++) {
                three[k] *= scale;
            }
            assertArrayEquals(bits(three), bits(one), kernel.name());
            if (first == null) {
                first = one;
            } else {
                assertArrayEquals(bits(first), bits(one), "scalar against " + kernel.name());
            }
        }
    }

    @Test
    void selectionRule() {
        assertTrue(SampleKernel.useVector(true, null));
        assertTrue(SampleKernel.useVector(true, "true"));
        assertFalse(SampleKernel.useVector(true, "false"));
        assertFalse(SampleKernel.useVector(false, null));
        assertFalse(SampleKernel.useVector(false, "true"));
        boolean expected = SampleKernel.useVector(SampleKernel.vectorModulePresent(),
                System.getProperty("repcollapse.simd"));
        // by name: a class literal would load the vector class even where its module is absent
        assertEquals(expected, SampleKernel.selected().getClass().getSimpleName().equals("VectorSampleKernel"),
                SampleKernel.selected().name());
    }
}
