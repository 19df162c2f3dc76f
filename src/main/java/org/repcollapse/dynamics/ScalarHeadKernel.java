package org.repcollapse.dynamics;

import java.util.Arrays;

/**
 * {@link HeadKernel} in plain Java: {@code g_i += w_i B x_i} and {@code M = sum_i w_i x_i x_i^T},
 * with {@link Math#fma} in exactly the order of the vector lanes of {@link VectorHeadKernel}, so
 * the two give the same bits.
 */
final class ScalarHeadKernel extends HeadKernel {

    static final ScalarHeadKernel INSTANCE = new ScalarHeadKernel();

    private ScalarHeadKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void addProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, double[] g, double[] work) {
        for (int i = from; i < to; i++) {
            int xi = i * d;
            Arrays.fill(work, 0, d, 0.0);
            for (int k = 0; k < d; k++) {
                double xk = z[xi + k];
                int row = k * d;
                for (int j = 0; j < d; j++) {
                    work[j] = Math.fma(b[row + j], xk, work[j]);
                }
            }
            double wi = w[i];
            int hi = rowOf[i] * d;
            for (int j = 0; j < d; j++) {
                g[xi + j] = Math.fma(work[j], wi, g[xi + j]) - h[hi + j];
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
}
