package org.repcollapse.dynamics;

import static org.repcollapse.dynamics.VectorLanes.L;
import static org.repcollapse.dynamics.VectorLanes.S;

import jdk.incubator.vector.DoubleVector;

/**
 * {@link ProductKernel} on the JDK Vector API: register tiles of eight rows of C by three vector
 * chunks of columns (24 accumulators of the 32 AVX-512 registers, one broadcast of {@code X_ik} per
 * row and three loads of {@code M_k} per step of the k chain; so for d = 8 the M operand is streamed
 * once), smaller tiles (8 x 1, 4 x 3, 4 x 1, 1 x 3, 1 x 1 chunks) at the edges; the columns past the last
 * full chunk by {@link ProductKernel#scalarColumns}. Each accumulator runs the k chain of its
 * elements in order from 0 (or from C), so every element has the operation sequence of
 * {@link ScalarProductKernel}.
 *
 * <p>Loaded only when {@link ProductKernel} selects it.
 */
final class VectorProductKernel extends ProductKernel {

    VectorProductKernel() {
        super(VectorLanes.NAME);
    }

    @Override
    public void multiply(double[] x, int x0, int ldx, double[] m, int m0, int ldm,
            double[] c, int c0, int ldc, int rows, int inner, int cols, boolean add) {
        int cv = cols - cols % L;
        int j = 0;
        for (; j + 3 * L <= cv; j += 3 * L) {
            int i = 0;
            for (; i + 8 <= rows; i += 8) {
                tile8x3(x, x0 + i * ldx, ldx, m, m0 + j, ldm, c, c0 + i * ldc + j, ldc, inner, add);
            }
            for (; i + 4 <= rows; i += 4) {
                tile4x3(x, x0 + i * ldx, ldx, m, m0 + j, ldm, c, c0 + i * ldc + j, ldc, inner, add);
            }
            for (; i < rows; i++) {
                tile1x3(x, x0 + i * ldx, m, m0 + j, ldm, c, c0 + i * ldc + j, inner, add);
            }
        }
        for (; j < cv; j += L) {
            int i = 0;
            for (; i + 8 <= rows; i += 8) {
                tile8x1(x, x0 + i * ldx, ldx, m, m0 + j, ldm, c, c0 + i * ldc + j, ldc, inner, add);
            }
            for (; i + 4 <= rows; i += 4) {
                tile4x1(x, x0 + i * ldx, ldx, m, m0 + j, ldm, c, c0 + i * ldc + j, ldc, inner, add);
            }
            for (; i < rows; i++) {
                tile1x1(x, x0 + i * ldx, m, m0 + j, ldm, c, c0 + i * ldc + j, inner, add);
            }
        }
        if (cv < cols) {
            scalarColumns(x, x0, ldx, m, m0, ldm, c, c0, ldc, rows, inner, cv, cols, add);
        }
    }

    private static DoubleVector start(double[] c, int at, boolean add) {
        return add ? DoubleVector.fromArray(S, c, at) : DoubleVector.zero(S);
    }

    /** Rows xa .. xa+7 (stride ldx) by columns of M at mj .. mj+3L-1, into C at ca (stride ldc). */
    private static void tile8x3(double[] x, int xa, int ldx, double[] m, int mj, int ldm,
            double[] c, int ca, int ldc, int inner, boolean add) {
        int xb = xa + ldx;
        int xc = xb + ldx;
        int xd = xc + ldx;
        int xe = xd + ldx;
        int xf = xe + ldx;
        int xg = xf + ldx;
        int xh = xg + ldx;
        int cb = ca + ldc;
        int cc = cb + ldc;
        int cd = cc + ldc;
        int ce = cd + ldc;
        int cf = ce + ldc;
        int cg = cf + ldc;
        int ch = cg + ldc;
        DoubleVector a0 = start(c, ca, add);
        DoubleVector a1 = start(c, ca + L, add);
        DoubleVector a2 = start(c, ca + 2 * L, add);
        DoubleVector b0 = start(c, cb, add);
        DoubleVector b1 = start(c, cb + L, add);
        DoubleVector b2 = start(c, cb + 2 * L, add);
        DoubleVector c0 = start(c, cc, add);
        DoubleVector c1 = start(c, cc + L, add);
        DoubleVector c2 = start(c, cc + 2 * L, add);
        DoubleVector d0 = start(c, cd, add);
        DoubleVector d1 = start(c, cd + L, add);
        DoubleVector d2 = start(c, cd + 2 * L, add);
        DoubleVector e0 = start(c, ce, add);
        DoubleVector e1 = start(c, ce + L, add);
        DoubleVector e2 = start(c, ce + 2 * L, add);
        DoubleVector f0 = start(c, cf, add);
        DoubleVector f1 = start(c, cf + L, add);
        DoubleVector f2 = start(c, cf + 2 * L, add);
        DoubleVector g0 = start(c, cg, add);
        DoubleVector g1 = start(c, cg + L, add);
        DoubleVector g2 = start(c, cg + 2 * L, add);
        DoubleVector h0 = start(c, ch, add);
        DoubleVector h1 = start(c, ch + L, add);
        DoubleVector h2 = start(c, ch + 2 * L, add);
        int mk = mj;
        for (int k = 0; k < inner; k++, mk += ldm) {
            DoubleVector m0 = DoubleVector.fromArray(S, m, mk);
            DoubleVector m1 = DoubleVector.fromArray(S, m, mk + L);
            DoubleVector m2 = DoubleVector.fromArray(S, m, mk + 2 * L);
            DoubleVector sa = DoubleVector.broadcast(S, x[xa + k]);
            a0 = m0.fma(sa, a0);
            a1 = m1.fma(sa, a1);
            a2 = m2.fma(sa, a2);
            DoubleVector sb = DoubleVector.broadcast(S, x[xb + k]);
            b0 = m0.fma(sb, b0);
            b1 = m1.fma(sb, b1);
            b2 = m2.fma(sb, b2);
            DoubleVector sc = DoubleVector.broadcast(S, x[xc + k]);
            c0 = m0.fma(sc, c0);
            c1 = m1.fma(sc, c1);
            c2 = m2.fma(sc, c2);
            DoubleVector sd = DoubleVector.broadcast(S, x[xd + k]);
            d0 = m0.fma(sd, d0);
            d1 = m1.fma(sd, d1);
            d2 = m2.fma(sd, d2);
            DoubleVector se = DoubleVector.broadcast(S, x[xe + k]);
            e0 = m0.fma(se, e0);
            e1 = m1.fma(se, e1);
            e2 = m2.fma(se, e2);
            DoubleVector sf = DoubleVector.broadcast(S, x[xf + k]);
            f0 = m0.fma(sf, f0);
            f1 = m1.fma(sf, f1);
            f2 = m2.fma(sf, f2);
            DoubleVector sg = DoubleVector.broadcast(S, x[xg + k]);
            g0 = m0.fma(sg, g0);
            g1 = m1.fma(sg, g1);
            g2 = m2.fma(sg, g2);
            DoubleVector sh = DoubleVector.broadcast(S, x[xh + k]);
            h0 = m0.fma(sh, h0);
            h1 = m1.fma(sh, h1);
            h2 = m2.fma(sh, h2);
        }
        a0.intoArray(c, ca);
        a1.intoArray(c, ca + L);
        a2.intoArray(c, ca + 2 * L);
        b0.intoArray(c, cb);
        b1.intoArray(c, cb + L);
        b2.intoArray(c, cb + 2 * L);
        c0.intoArray(c, cc);
        c1.intoArray(c, cc + L);
        c2.intoArray(c, cc + 2 * L);
        d0.intoArray(c, cd);
        d1.intoArray(c, cd + L);
        d2.intoArray(c, cd + 2 * L);
        e0.intoArray(c, ce);
        e1.intoArray(c, ce + L);
        e2.intoArray(c, ce + 2 * L);
        f0.intoArray(c, cf);
        f1.intoArray(c, cf + L);
        f2.intoArray(c, cf + 2 * L);
        g0.intoArray(c, cg);
        g1.intoArray(c, cg + L);
        g2.intoArray(c, cg + 2 * L);
        h0.intoArray(c, ch);
        h1.intoArray(c, ch + L);
        h2.intoArray(c, ch + 2 * L);
    }

    /** Rows xa .. xa+3 (stride ldx) by columns of M at mj .. mj+3L-1, into C at ca (stride ldc). */
    private static void tile4x3(double[] x, int xa, int ldx, double[] m, int mj, int ldm,
            double[] c, int ca, int ldc, int inner, boolean add) {
        int xb = xa + ldx;
        int xc = xb + ldx;
        int xd = xc + ldx;
        int cb = ca + ldc;
        int cc = cb + ldc;
        int cd = cc + ldc;
        DoubleVector a0 = start(c, ca, add);
        DoubleVector a1 = start(c, ca + L, add);
        DoubleVector a2 = start(c, ca + 2 * L, add);
        DoubleVector b0 = start(c, cb, add);
        DoubleVector b1 = start(c, cb + L, add);
        DoubleVector b2 = start(c, cb + 2 * L, add);
        DoubleVector c0 = start(c, cc, add);
        DoubleVector c1 = start(c, cc + L, add);
        DoubleVector c2 = start(c, cc + 2 * L, add);
        DoubleVector d0 = start(c, cd, add);
        DoubleVector d1 = start(c, cd + L, add);
        DoubleVector d2 = start(c, cd + 2 * L, add);
        int mk = mj;
        for (int k = 0; k < inner; k++, mk += ldm) {
            DoubleVector m0 = DoubleVector.fromArray(S, m, mk);
            DoubleVector m1 = DoubleVector.fromArray(S, m, mk + L);
            DoubleVector m2 = DoubleVector.fromArray(S, m, mk + 2 * L);
            DoubleVector s = DoubleVector.broadcast(S, x[xa + k]);
            a0 = m0.fma(s, a0);
            a1 = m1.fma(s, a1);
            a2 = m2.fma(s, a2);
            s = DoubleVector.broadcast(S, x[xb + k]);
            b0 = m0.fma(s, b0);
            b1 = m1.fma(s, b1);
            b2 = m2.fma(s, b2);
            s = DoubleVector.broadcast(S, x[xc + k]);
            c0 = m0.fma(s, c0);
            c1 = m1.fma(s, c1);
            c2 = m2.fma(s, c2);
            s = DoubleVector.broadcast(S, x[xd + k]);
            d0 = m0.fma(s, d0);
            d1 = m1.fma(s, d1);
            d2 = m2.fma(s, d2);
        }
        a0.intoArray(c, ca);
        a1.intoArray(c, ca + L);
        a2.intoArray(c, ca + 2 * L);
        b0.intoArray(c, cb);
        b1.intoArray(c, cb + L);
        b2.intoArray(c, cb + 2 * L);
        c0.intoArray(c, cc);
        c1.intoArray(c, cc + L);
        c2.intoArray(c, cc + 2 * L);
        d0.intoArray(c, cd);
        d1.intoArray(c, cd + L);
        d2.intoArray(c, cd + 2 * L);
    }

    /** Eight rows by one chunk. */
    private static void tile8x1(double[] x, int xa, int ldx, double[] m, int mj, int ldm,
            double[] c, int ca, int ldc, int inner, boolean add) {
        int xb = xa + ldx;
        int xc = xb + ldx;
        int xd = xc + ldx;
        int xe = xd + ldx;
        int xf = xe + ldx;
        int xg = xf + ldx;
        int xh = xg + ldx;
        int cb = ca + ldc;
        int cc = cb + ldc;
        int cd = cc + ldc;
        int ce = cd + ldc;
        int cf = ce + ldc;
        int cg = cf + ldc;
        int ch = cg + ldc;
        DoubleVector a0 = start(c, ca, add);
        DoubleVector b0 = start(c, cb, add);
        DoubleVector c0 = start(c, cc, add);
        DoubleVector d0 = start(c, cd, add);
        DoubleVector e0 = start(c, ce, add);
        DoubleVector f0 = start(c, cf, add);
        DoubleVector g0 = start(c, cg, add);
        DoubleVector h0 = start(c, ch, add);
        int mk = mj;
        for (int k = 0; k < inner; k++, mk += ldm) {
            DoubleVector m0 = DoubleVector.fromArray(S, m, mk);
            a0 = m0.fma(DoubleVector.broadcast(S, x[xa + k]), a0);
            b0 = m0.fma(DoubleVector.broadcast(S, x[xb + k]), b0);
            c0 = m0.fma(DoubleVector.broadcast(S, x[xc + k]), c0);
            d0 = m0.fma(DoubleVector.broadcast(S, x[xd + k]), d0);
            e0 = m0.fma(DoubleVector.broadcast(S, x[xe + k]), e0);
            f0 = m0.fma(DoubleVector.broadcast(S, x[xf + k]), f0);
            g0 = m0.fma(DoubleVector.broadcast(S, x[xg + k]), g0);
            h0 = m0.fma(DoubleVector.broadcast(S, x[xh + k]), h0);
        }
        a0.intoArray(c, ca);
        b0.intoArray(c, cb);
        c0.intoArray(c, cc);
        d0.intoArray(c, cd);
        e0.intoArray(c, ce);
        f0.intoArray(c, cf);
        g0.intoArray(c, cg);
        h0.intoArray(c, ch);
    }

    /** Four rows by one chunk. */
    private static void tile4x1(double[] x, int xa, int ldx, double[] m, int mj, int ldm,
            double[] c, int ca, int ldc, int inner, boolean add) {
        int xb = xa + ldx;
        int xc = xb + ldx;
        int xd = xc + ldx;
        int cb = ca + ldc;
        int cc = cb + ldc;
        int cd = cc + ldc;
        DoubleVector a0 = start(c, ca, add);
        DoubleVector b0 = start(c, cb, add);
        DoubleVector c0 = start(c, cc, add);
        DoubleVector d0 = start(c, cd, add);
        int mk = mj;
        for (int k = 0; k < inner; k++, mk += ldm) {
            DoubleVector m0 = DoubleVector.fromArray(S, m, mk);
            a0 = m0.fma(DoubleVector.broadcast(S, x[xa + k]), a0);
            b0 = m0.fma(DoubleVector.broadcast(S, x[xb + k]), b0);
            c0 = m0.fma(DoubleVector.broadcast(S, x[xc + k]), c0);
            d0 = m0.fma(DoubleVector.broadcast(S, x[xd + k]), d0);
        }
        a0.intoArray(c, ca);
        b0.intoArray(c, cb);
        c0.intoArray(c, cc);
        d0.intoArray(c, cd);
    }

    /** One row by three chunks. */
    private static void tile1x3(double[] x, int xa, double[] m, int mj, int ldm,
            double[] c, int ca, int inner, boolean add) {
        DoubleVector a0 = start(c, ca, add);
        DoubleVector a1 = start(c, ca + L, add);
        DoubleVector a2 = start(c, ca + 2 * L, add);
        int mk = mj;
        for (int k = 0; k < inner; k++, mk += ldm) {
            DoubleVector s = DoubleVector.broadcast(S, x[xa + k]);
            a0 = DoubleVector.fromArray(S, m, mk).fma(s, a0);
            a1 = DoubleVector.fromArray(S, m, mk + L).fma(s, a1);
            a2 = DoubleVector.fromArray(S, m, mk + 2 * L).fma(s, a2);
        }
        a0.intoArray(c, ca);
        a1.intoArray(c, ca + L);
        a2.intoArray(c, ca + 2 * L);
    }

    /** One row by one chunk. */
    private static void tile1x1(double[] x, int xa, double[] m, int mj, int ldm,
            double[] c, int ca, int inner, boolean add) {
        DoubleVector a0 = start(c, ca, add);
        int mk = mj;
        for (int k = 0; k < inner; k++, mk += ldm) {
            a0 = DoubleVector.fromArray(S, m, mk).fma(DoubleVector.broadcast(S, x[xa + k]), a0);
        }
        a0.intoArray(c, ca);
    }
}
