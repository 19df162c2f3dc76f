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
 * The {@link HeadKernel}s: (1) the scalar and the Vector API kernel give the same bits, for
 * dimensions that are and are not multiples of the lane count and sample counts that are not
 * multiples of 4, and so does the whole {@link PredictorLoss} drive; (2) each kernel equals the
 * equations {@code g_i += w_i B x_i - h_{r(i)}}, {@code M = sum_i w_i x_i x_i^T},
 * {@code s_c = sum_{i : c in S_i} x_i} evaluated by naive double loops, to rounding.
 *
 * <p>Rounding bound: a sum of n terms computed in any order with fma or multiply-add lies within
 * {@code gamma_n sum |terms|} of the exact sum, {@code gamma_n = n u / (1 - n u)}, {@code u = 2^-53}
 * (Higham, Accuracy and Stability, 3.1); the kernel and the naive loop are each that close, so
 * they differ by at most {@code 2 gamma_n sum |terms|}: about {@code 2 (d+3) 1.1e-16} relative to
 * the absolute sum for {@code g} (d products, the weight, h and g itself), {@code 2 (n+1) 1.1e-16}
 * for the moment and the class sums over n samples. A wrong index or a missing term is off by
 * O(1) and fails.
 */
class HeadKernelTest {

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
            z = gaussian(r, n * d);
            g0 = gaussian(r, n * d);
            w = new double[n];
            k = 5;
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

        double[] products(HeadKernel kernel) {
            double[] g = g0.clone();
            kernel.addProducts(b, d, z, w, h, rowOf, from, to, g, new double[d]);
            return g;
        }

        double[] moment(HeadKernel kernel) {
            double[] m = new double[d * d];
            java.util.Arrays.fill(m, Double.NaN);    // the kernel writes every element
            kernel.weightedMoment(z, d, w, from, to, m);
            return m;
        }

        double[] classSums(HeadKernel kernel) {
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

    private static HeadKernel vectorOrSkip() {
        assumeTrue(HeadKernel.vectorModulePresent(), "jdk.incubator.vector is not in the boot layer");
        return HeadKernel.vector();
    }

    @ParameterizedTest(name = "d = {0}, {1} samples")
    @MethodSource("shapes")
    void scalarAndVectorKernelsGiveTheSameBits(int d, int count) {
        HeadKernel vector = vectorOrSkip();
        HeadKernel scalar = HeadKernel.scalar();
        Problem p = new Problem(d, 3, count, 1000L * d + count);
        assertArrayEquals(bits(p.products(scalar)), bits(p.products(vector)), "g");
        assertArrayEquals(bits(p.moment(scalar)), bits(p.moment(vector)), "moment");
        assertArrayEquals(bits(p.classSums(scalar)), bits(p.classSums(vector)), "class sums");
    }

    static Stream<Arguments> kernelsAndShapes() {
        List<Arguments> a = new ArrayList<>();
        for (String kernel : new String[] {"scalar", "vector"}) {
            shapes().forEach(s -> a.add(Arguments.of(kernel, s.get()[0], s.get()[1])));
        }
        return a.stream();
    }

    private static HeadKernel kernel(String name) {
        return name.equals("vector") ? vectorOrSkip() : HeadKernel.scalar();
    }

    private static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    @ParameterizedTest(name = "{0}, d = {1}, {2} samples")
    @MethodSource("kernelsAndShapes")
    void kernelMatchesTheNaiveSums(String name, int d, int count) {
        HeadKernel kernel = kernel(name);
        Problem p = new Problem(d, 3, count, 7000L * d + count);
        double[] g = p.products(kernel);
        double[] m = p.moment(kernel);
        double[] s = p.classSums(kernel);
        for (int i = 0; i < p.z.length / d; i++) {
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
            }
        }
    }

    /** The whole head drive (all blocks, label and head rows) with either kernel: the same bits. */
    @ParameterizedTest
    @ValueSource(ints = {5, 32, 33})
    void predictorLossDriveIsTheSameWithEitherKernel(int d) {
        HeadKernel vector = vectorOrSkip();
        LabelStructure st = LabelStructure.generate(4, 1301, 0.2, Pairing.RANDOM, List.of(),
                new RandomStreams(3).stream(RandomStreams.Purpose.LABELS));
        for (boolean sg : new boolean[] {true, false}) {
            EmbeddingSystem sys = new EmbeddingSystem(st, d, true, sg,
                    new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.3), new RandomStreams(5));
            double[] z = sys.initialState();
            double[] a = new double[z.length];
            double[] b = new double[z.length];
            new PredictorLoss(sys.layout(), st, sg, HeadKernel.scalar()).addDrive(z, a);
            new PredictorLoss(sys.layout(), st, sg, vector).addDrive(z, b);
            assertArrayEquals(bits(a), bits(b), "sg = " + sg);
        }
    }

    @Test
    void selectionRule() {
        assertTrue(HeadKernel.useVector(true, null));
        assertTrue(HeadKernel.useVector(true, "true"));
        assertFalse(HeadKernel.useVector(true, "false"));
        assertFalse(HeadKernel.useVector(false, null));
        assertFalse(HeadKernel.useVector(false, "true"));
        boolean expected = HeadKernel.useVector(HeadKernel.vectorModulePresent(), System.getProperty("repcollapse.simd"));
        // by name: a class literal would load the vector class even where its module is absent
        assertEquals(expected, HeadKernel.selected().getClass().getSimpleName().equals("VectorHeadKernel"),
                HeadKernel.selected().name());
    }
}
