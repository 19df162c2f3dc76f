package org.repcollapse.dynamics;

import java.util.Arrays;

/**
 * {@link SampleKernel} in plain Java: {@code g_i += w_i B x_i - h_{r(i)}}, {@code M = sum_i w_i x_i x_i^T},
 * {@code g_i = scale sum_{c in S_i} (x_i - y_c)} and the class sums, with {@link Math#fma} and the
 * additions in exactly the order of the vector lanes of {@link VectorSampleKernel}, so the two give
 * the same bits.
 */
final class ScalarSampleKernel extends SampleKernel {

    ScalarSampleKernel() {
        super(SCALAR, new ScalarProductKernel());
    }

    @Override
    public void addProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, double[] g, double[] work) {
        products(b, d, z, w, h, rowOf, from, to, false, 1.0, g, work);
    }

    @Override
    public void writeProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, double scale, double[] g, double[] work) {
        products(b, d, z, w, h, rowOf, from, to, true, scale, g, work);
    }

    /** Rows {@code g_i = (w_i B x_i - h)} scaled (write) or {@code g_i += w_i B x_i - h} (add). */
    private static void products(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, boolean write, double scale, double[] g, double[] work) {
        for (int i = from; i < to; i++) {
            int xi = i * d;
            product(b, d, z, xi, work);
            double wi = w[i];
            int hi = rowOf[i] * d;
            for (int j = 0; j < d; j++) {
                g[xi + j] = write ? (Math.fma(work[j], wi, 0.0) - h[hi + j]) * scale
                        : Math.fma(work[j], wi, g[xi + j]) - h[hi + j];
            }
        }
    }

    /** {@code t_j = sum_k B_kj x_k}, a chain of fma in k order from 0, into t[0 .. d-1]. */
    private static void product(double[] b, int d, double[] z, int xi, double[] t) {
        Arrays.fill(t, 0, d, 0.0);
        for (int k = 0; k < d; k++) {
            double xk = z[xi + k];
            int row = k * d;
            for (int j = 0; j < d; j++) {
                t[j] = Math.fma(b[row + j], xk, t[j]);
            }
        }
    }

    @Override
    public void weightedMoment(double[] z, int d, double[] w, int from, int to, double[] m) {
        Arrays.fill(m, 0, d * d, 0.0);
        for (int i = from; i < to; i++) {
            int xi = i * d;
            double wi = w[i];
            for (int k = 0; k < d; k++) {
                double xk = z[xi + k];
                int row = k * d;
                for (int j = k; j < d; j++) {
                    m[row + j] = Math.fma(wi * z[xi + j], xk, m[row + j]);
                }
            }
        }
        mirror(m, d);
    }

    @Override
    public void classSums(double[] z, int d, int[] offsets, int[] classes, int from, int to, double[] s) {
        Arrays.fill(s, 0.0);
        for (int i = from; i < to; i++) {
            int xi = i * d;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int cs = classes[e] * d;
                for (int j = 0; j < d; j++) {
                    s[cs + j] += z[xi + j];
                }
            }
        }
    }

    @Override
    public void writeAlignmentDrive(double[] z, int d, int y0, int[] offsets, int[] classes, int from, int to,
            double scale, double[] g, double[] s) {
        Arrays.fill(s, 0.0);
        for (int i = from; i < to; i++) {
            int xi = i * d;
            if (offsets[i + 1] - offsets[i] == 1) {
                // one label (most samples): the same sums, one loop
                int cs = classes[offsets[i]] * d;
                for (int j = 0; j < d; j++) {
                    double x = z[xi + j];
                    g[xi + j] = (0.0 + (x - z[y0 + cs + j])) * scale;
                    s[cs + j] += x;
                }
                continue;
            }
            for (int j = 0; j < d; j++) {
                double x = z[xi + j];
                double a = 0.0;
                for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                    a += x - z[y0 + classes[e] * d + j];
                }
                g[xi + j] = a * scale;
            }
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int cs = classes[e] * d;
                for (int j = 0; j < d; j++) {
                    s[cs + j] += z[xi + j];
                }
            }
        }
    }

    @Override
    public void multiply(double[] x, int x0, int rows, int inner, double[] m, int m0, int d,
            double[] c, int c0) {
        for (int i = 0; i < rows; i++) {
            int ci = c0 + i * d;
            int xi = x0 + i * inner;
            Arrays.fill(c, ci, ci + d, 0.0);
            for (int k = 0; k < inner; k++) {
                double xk = x[xi + k];
                int mk = m0 + k * d;
                for (int j = 0; j < d; j++) {
                    c[ci + j] = Math.fma(xk, m[mk + j], c[ci + j]);
                }
            }
        }
    }
}
