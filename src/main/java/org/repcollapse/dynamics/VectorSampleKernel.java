package org.repcollapse.dynamics;

import static org.repcollapse.dynamics.VectorLanes.L;
import static org.repcollapse.dynamics.VectorLanes.S;

import jdk.incubator.vector.DoubleVector;

/**
 * {@link SampleKernel} on the JDK Vector API: {@code g_i += w_i B x_i - h_{r(i)}} four samples by two
 * column chunks at a time, {@code M = sum_i w_i x_i x_i^T} four rows by two column chunks at a time
 * over the chunks that touch the upper triangle, accumulators in registers; the alignment drive and
 * the class sums a chunk of a sample row at a time; the small products {@code C = X M} four
 * column chunks at a time. Columns past the last full chunk are done by
 * scalar {@link Math#fma} and additions in the same order, so every element has the operation
 * sequence of {@link ScalarSampleKernel}.
 *
 * <p>Loaded only when {@link SampleKernel} selects it.
 */
final class VectorSampleKernel extends SampleKernel {

    VectorSampleKernel() {
        super(VectorLanes.NAME, new VectorProductKernel());
    }

    @Override
    public void addProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, double[] g, double[] work) {
        // multiplying by 1.0 is exact, so this is fma(t, w, g) - h
        products(b, d, z, w, h, rowOf, from, to, false, 1.0, g);
    }

    @Override
    public void writeProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, double scale, double[] g, double[] work) {
        products(b, d, z, w, h, rowOf, from, to, true, scale, g);
    }

    /**
     * {@code g_i += w_i B x_i - h_{r(i)}} (scale 1: exact), or with write
     * {@code g_i = scale (w_i B x_i - h_{r(i)})}: each chunk {@code (fma(t, w, write ? 0 : g) - h) scale}.
     */
    private static void products(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, boolean write, double scale, double[] g) {
        int dv = d - d % L;
        int i = from;
        for (; i + 3 < to; i += 4) {
            products4(b, d, dv, z, w, h, rowOf, i, write, scale, g);
        }
        for (; i < to; i++) {
            products1(b, d, dv, z, w[i], h, rowOf[i] * d, i * d, write, scale, g);
        }
        if (dv < d) {
            for (i = from; i < to; i++) {
                int xi = i * d;
                int hi = rowOf[i] * d;
                double wi = w[i];
                for (int j = dv; j < d; j++) {
                    double t = 0.0;
                    for (int k = 0; k < d; k++) {
                        t = Math.fma(b[k * d + j], z[xi + k], t);
                    }
                    g[xi + j] = write ? (Math.fma(t, wi, 0.0) - h[hi + j]) * scale
                            : Math.fma(t, wi, g[xi + j]) - h[hi + j];
                }
            }
        }
    }

    /** Samples i .. i+3, columns below dv. */
    private static void products4(double[] b, int d, int dv, double[] z, double[] w, double[] h, int[] rowOf,
            int i, boolean write, double scale, double[] g) {
        int x0 = i * d;
        int x1 = x0 + d;
        int x2 = x1 + d;
        int x3 = x2 + d;
        int h0 = rowOf[i] * d;
        int h1 = rowOf[i + 1] * d;
        int h2 = rowOf[i + 2] * d;
        int h3 = rowOf[i + 3] * d;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector w0 = DoubleVector.broadcast(S, w[i]);
        DoubleVector w1 = DoubleVector.broadcast(S, w[i + 1]);
        DoubleVector w2 = DoubleVector.broadcast(S, w[i + 2]);
        DoubleVector w3 = DoubleVector.broadcast(S, w[i + 3]);
        int j0 = 0;
        for (; j0 + 2 * L <= dv; j0 += 2 * L) {
            int j1 = j0 + L;
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector c0 = a0;
            DoubleVector c1 = a0;
            DoubleVector c2 = a0;
            DoubleVector c3 = a0;
            for (int k = 0; k < d; k++) {
                DoubleVector bk = DoubleVector.fromArray(S, b, k * d + j0);
                DoubleVector bl = DoubleVector.fromArray(S, b, k * d + j1);
                DoubleVector s0 = DoubleVector.broadcast(S, z[x0 + k]);
                DoubleVector s1 = DoubleVector.broadcast(S, z[x1 + k]);
                DoubleVector s2 = DoubleVector.broadcast(S, z[x2 + k]);
                DoubleVector s3 = DoubleVector.broadcast(S, z[x3 + k]);
                a0 = bk.fma(s0, a0);
                c0 = bl.fma(s0, c0);
                a1 = bk.fma(s1, a1);
                c1 = bl.fma(s1, c1);
                a2 = bk.fma(s2, a2);
                c2 = bl.fma(s2, c2);
                a3 = bk.fma(s3, a3);
                c3 = bl.fma(s3, c3);
            }
            a0.fma(w0, write ? zero : DoubleVector.fromArray(S, g, x0 + j0))
                    .sub(DoubleVector.fromArray(S, h, h0 + j0)).mul(scale).intoArray(g, x0 + j0);
            a1.fma(w1, write ? zero : DoubleVector.fromArray(S, g, x1 + j0))
                    .sub(DoubleVector.fromArray(S, h, h1 + j0)).mul(scale).intoArray(g, x1 + j0);
            a2.fma(w2, write ? zero : DoubleVector.fromArray(S, g, x2 + j0))
                    .sub(DoubleVector.fromArray(S, h, h2 + j0)).mul(scale).intoArray(g, x2 + j0);
            a3.fma(w3, write ? zero : DoubleVector.fromArray(S, g, x3 + j0))
                    .sub(DoubleVector.fromArray(S, h, h3 + j0)).mul(scale).intoArray(g, x3 + j0);
            c0.fma(w0, write ? zero : DoubleVector.fromArray(S, g, x0 + j1))
                    .sub(DoubleVector.fromArray(S, h, h0 + j1)).mul(scale).intoArray(g, x0 + j1);
            c1.fma(w1, write ? zero : DoubleVector.fromArray(S, g, x1 + j1))
                    .sub(DoubleVector.fromArray(S, h, h1 + j1)).mul(scale).intoArray(g, x1 + j1);
            c2.fma(w2, write ? zero : DoubleVector.fromArray(S, g, x2 + j1))
                    .sub(DoubleVector.fromArray(S, h, h2 + j1)).mul(scale).intoArray(g, x2 + j1);
            c3.fma(w3, write ? zero : DoubleVector.fromArray(S, g, x3 + j1))
                    .sub(DoubleVector.fromArray(S, h, h3 + j1)).mul(scale).intoArray(g, x3 + j1);
        }
        for (; j0 < dv; j0 += L) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int k = 0; k < d; k++) {
                DoubleVector bk = DoubleVector.fromArray(S, b, k * d + j0);
                a0 = bk.fma(DoubleVector.broadcast(S, z[x0 + k]), a0);
                a1 = bk.fma(DoubleVector.broadcast(S, z[x1 + k]), a1);
                a2 = bk.fma(DoubleVector.broadcast(S, z[x2 + k]), a2);
                a3 = bk.fma(DoubleVector.broadcast(S, z[x3 + k]), a3);
            }
            a0.fma(w0, write ? zero : DoubleVector.fromArray(S, g, x0 + j0))
                    .sub(DoubleVector.fromArray(S, h, h0 + j0)).mul(scale).intoArray(g, x0 + j0);
            a1.fma(w1, write ? zero : DoubleVector.fromArray(S, g, x1 + j0))
                    .sub(DoubleVector.fromArray(S, h, h1 + j0)).mul(scale).intoArray(g, x1 + j0);
            a2.fma(w2, write ? zero : DoubleVector.fromArray(S, g, x2 + j0))
                    .sub(DoubleVector.fromArray(S, h, h2 + j0)).mul(scale).intoArray(g, x2 + j0);
            a3.fma(w3, write ? zero : DoubleVector.fromArray(S, g, x3 + j0))
                    .sub(DoubleVector.fromArray(S, h, h3 + j0)).mul(scale).intoArray(g, x3 + j0);
        }
    }

    /** One sample (row at xi), columns below dv. */
    private static void products1(double[] b, int d, int dv, double[] z, double wi, double[] h, int hi, int xi,
            boolean write, double scale, double[] g) {
        DoubleVector w0 = DoubleVector.broadcast(S, wi);
        DoubleVector zero = DoubleVector.zero(S);
        for (int j0 = 0; j0 < dv; j0 += L) {
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = 0; k < d; k++) {
                a0 = DoubleVector.fromArray(S, b, k * d + j0).fma(DoubleVector.broadcast(S, z[xi + k]), a0);
            }
            a0.fma(w0, write ? zero : DoubleVector.fromArray(S, g, xi + j0))
                    .sub(DoubleVector.fromArray(S, h, hi + j0)).mul(scale).intoArray(g, xi + j0);
        }
    }

    @Override
    public void weightedMoment(double[] z, int d, double[] w, int from, int to, double[] m) {
        int dv = d - d % L;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            moment4(z, d, dv, w, from, to, k, m);
        }
        for (; k < d; k++) {
            moment1(z, d, dv, w, from, to, k, m);
        }
        if (dv < d) {
            for (k = 0; k < d; k++) {
                for (int j = Math.max(k, dv); j < d; j++) {
                    m[k * d + j] = 0.0;
                }
            }
            for (int i = from; i < to; i++) {
                int xi = i * d;
                double wi = w[i];
                for (k = 0; k < d; k++) {
                    double xk = z[xi + k];
                    int row = k * d;
                    for (int j = Math.max(k, dv); j < d; j++) {
                        m[row + j] = Math.fma(wi * z[xi + j], xk, m[row + j]);
                    }
                }
            }
        }
        mirror(m, d);
    }

    @Override
    public void classSums(double[] z, int d, int[] offsets, int[] classes, int from, int to, double[] s) {
        java.util.Arrays.fill(s, 0.0);
        int dv = d - d % L;
        for (int i = from; i < to; i++) {
            int xi = i * d;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int cs = classes[e] * d;
                int j = 0;
                for (; j < dv; j += L) {
                    DoubleVector.fromArray(S, s, cs + j).add(DoubleVector.fromArray(S, z, xi + j)).intoArray(s, cs + j);
                }
                for (; j < d; j++) {
                    s[cs + j] += z[xi + j];
                }
            }
        }
    }

    @Override
    public void writeAlignmentDrive(double[] z, int d, int y0, int[] offsets, int[] classes, int from, int to,
            double scale, double[] g, double[] s) {
        java.util.Arrays.fill(s, 0.0);
        int dv = d - d % L;
        for (int i = from; i < to; i++) {
            int xi = i * d;
            int e0 = offsets[i];
            int e1 = offsets[i + 1];
            int j = 0;
            for (; j < dv; j += L) {
                DoubleVector x = DoubleVector.fromArray(S, z, xi + j);
                DoubleVector a = DoubleVector.zero(S);
                for (int e = e0; e < e1; e++) {
                    int cs = classes[e] * d + j;
                    a = a.add(x.sub(DoubleVector.fromArray(S, z, y0 + cs)));
                    DoubleVector.fromArray(S, s, cs).add(x).intoArray(s, cs);
                }
                a.mul(scale).intoArray(g, xi + j);
            }
            for (; j < d; j++) {
                double x = z[xi + j];
                double a = 0.0;
                for (int e = e0; e < e1; e++) {
                    int cs = classes[e] * d + j;
                    a += x - z[y0 + cs];
                    s[cs] += x;
                }
                g[xi + j] = a * scale;
            }
        }
    }

    @Override
    public void multiply(double[] x, int x0, int rows, int inner, double[] m, int m0, int d,
            double[] c, int c0) {
        int dv = d - d % L;
        for (int i = 0; i < rows; i++) {
            int ci = c0 + i * d;
            int xi = x0 + i * inner;
            int j = 0;
            for (; j + 4 * L <= dv; j += 4 * L) {
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                for (int k = 0; k < inner; k++) {
                    DoubleVector xk = DoubleVector.broadcast(S, x[xi + k]);
                    int mk = m0 + k * d + j;
                    a0 = DoubleVector.fromArray(S, m, mk).fma(xk, a0);
                    a1 = DoubleVector.fromArray(S, m, mk + L).fma(xk, a1);
                    a2 = DoubleVector.fromArray(S, m, mk + 2 * L).fma(xk, a2);
                    a3 = DoubleVector.fromArray(S, m, mk + 3 * L).fma(xk, a3);
                }
                a0.intoArray(c, ci + j);
                a1.intoArray(c, ci + j + L);
                a2.intoArray(c, ci + j + 2 * L);
                a3.intoArray(c, ci + j + 3 * L);
            }
            for (; j < dv; j += L) {
                DoubleVector a0 = DoubleVector.zero(S);
                for (int k = 0; k < inner; k++) {
                    a0 = DoubleVector.fromArray(S, m, m0 + k * d + j).fma(DoubleVector.broadcast(S, x[xi + k]), a0);
                }
                a0.intoArray(c, ci + j);
            }
            for (; j < d; j++) {
                double t = 0.0;
                for (int k = 0; k < inner; k++) {
                    t = Math.fma(x[xi + k], m[m0 + k * d + j], t);
                }
                c[ci + j] = t;
            }
        }
    }

    /** Rows k .. k+3 of the moment, on the column chunks below dv from the one holding column k. */
    private static void moment4(double[] z, int d, int dv, double[] w, int from, int to, int k, double[] m) {
        int r0 = k * d;
        int r1 = r0 + d;
        int r2 = r1 + d;
        int r3 = r2 + d;
        int j0 = k - k % L;
        for (; j0 + 2 * L <= dv; j0 += 2 * L) {
            int j1 = j0 + L;
            DoubleVector c0 = DoubleVector.zero(S);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            DoubleVector e0 = c0;
            DoubleVector e1 = c0;
            DoubleVector e2 = c0;
            DoubleVector e3 = c0;
            for (int i = from; i < to; i++) {
                int x = i * d;
                DoubleVector wi = DoubleVector.broadcast(S, w[i]);
                DoubleVector u = DoubleVector.fromArray(S, z, x + j0).mul(wi);
                DoubleVector v = DoubleVector.fromArray(S, z, x + j1).mul(wi);
                DoubleVector s0 = DoubleVector.broadcast(S, z[x + k]);
                DoubleVector s1 = DoubleVector.broadcast(S, z[x + k + 1]);
                DoubleVector s2 = DoubleVector.broadcast(S, z[x + k + 2]);
                DoubleVector s3 = DoubleVector.broadcast(S, z[x + k + 3]);
                c0 = u.fma(s0, c0);
                e0 = v.fma(s0, e0);
                c1 = u.fma(s1, c1);
                e1 = v.fma(s1, e1);
                c2 = u.fma(s2, c2);
                e2 = v.fma(s2, e2);
                c3 = u.fma(s3, c3);
                e3 = v.fma(s3, e3);
            }
            c0.intoArray(m, r0 + j0);
            c1.intoArray(m, r1 + j0);
            c2.intoArray(m, r2 + j0);
            c3.intoArray(m, r3 + j0);
            e0.intoArray(m, r0 + j1);
            e1.intoArray(m, r1 + j1);
            e2.intoArray(m, r2 + j1);
            e3.intoArray(m, r3 + j1);
        }
        for (; j0 < dv; j0 += L) {
            DoubleVector c0 = DoubleVector.zero(S);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            for (int i = from; i < to; i++) {
                int x = i * d;
                DoubleVector u = DoubleVector.fromArray(S, z, x + j0).mul(w[i]);
                c0 = u.fma(DoubleVector.broadcast(S, z[x + k]), c0);
                c1 = u.fma(DoubleVector.broadcast(S, z[x + k + 1]), c1);
                c2 = u.fma(DoubleVector.broadcast(S, z[x + k + 2]), c2);
                c3 = u.fma(DoubleVector.broadcast(S, z[x + k + 3]), c3);
            }
            c0.intoArray(m, r0 + j0);
            c1.intoArray(m, r1 + j0);
            c2.intoArray(m, r2 + j0);
            c3.intoArray(m, r3 + j0);
        }
    }

    /**
     * Row k of the moment, on the column chunks below dv from the one holding column k (the rows past
     * the last group of four; they reach a chunk below dv only when L <= 2).
     */
    private static void moment1(double[] z, int d, int dv, double[] w, int from, int to, int k, double[] m) {
        for (int j0 = k - k % L; j0 < dv; j0 += L) {
            DoubleVector c0 = DoubleVector.zero(S);
            for (int i = from; i < to; i++) {
                int x = i * d;
                c0 = DoubleVector.fromArray(S, z, x + j0).mul(w[i]).fma(DoubleVector.broadcast(S, z[x + k]), c0);
            }
            c0.intoArray(m, k * d + j0);
        }
    }
}
