package org.repcollapse.dynamics;

/**
 * {@link ProductKernel} in plain Java: register tiles of four rows by four columns of C (sixteen
 * scalar accumulators, each running the k chain of its element from 0 or from C); the rows and
 * columns past the last full tile by {@link ProductKernel#scalarColumns}. Every element has the
 * operation sequence of {@link ProductKernel#multiply}, so the bits of {@link VectorProductKernel}.
 */
final class ScalarProductKernel extends ProductKernel {

    ScalarProductKernel() {
        super(SCALAR);
    }

    @Override
    public void multiply(double[] x, int x0, int ldx, double[] m, int m0, int ldm,
            double[] c, int c0, int ldc, int rows, int inner, int cols, boolean add) {
        int r4 = rows - rows % 4;
        int c4 = cols - cols % 4;
        for (int i = 0; i < r4; i += 4) {
            for (int j = 0; j < c4; j += 4) {
                tile4x4(x, x0 + i * ldx, ldx, m, m0 + j, ldm, c, c0 + i * ldc + j, ldc, inner, add);
            }
        }
        if (c4 < cols) {
            scalarColumns(x, x0, ldx, m, m0, ldm, c, c0, ldc, r4, inner, c4, cols, add);
        }
        if (r4 < rows) {
            scalarColumns(x, x0 + r4 * ldx, ldx, m, m0, ldm, c, c0 + r4 * ldc, ldc, rows - r4, inner, 0, cols, add);
        }
    }

    /** Rows xa .. xa+3 (stride ldx) by columns of M at mj .. mj+3, into C at ca (stride ldc). */
    private static void tile4x4(double[] x, int xa, int ldx, double[] m, int mj, int ldm,
            double[] c, int ca, int ldc, int inner, boolean add) {
        int xb = xa + ldx;
        int xc = xb + ldx;
        int xd = xc + ldx;
        int cb = ca + ldc;
        int cc = cb + ldc;
        int cd = cc + ldc;
        double a0 = add ? c[ca] : 0.0;
        double a1 = add ? c[ca + 1] : 0.0;
        double a2 = add ? c[ca + 2] : 0.0;
        double a3 = add ? c[ca + 3] : 0.0;
        double b0 = add ? c[cb] : 0.0;
        double b1 = add ? c[cb + 1] : 0.0;
        double b2 = add ? c[cb + 2] : 0.0;
        double b3 = add ? c[cb + 3] : 0.0;
        double c0 = add ? c[cc] : 0.0;
        double c1 = add ? c[cc + 1] : 0.0;
        double c2 = add ? c[cc + 2] : 0.0;
        double c3 = add ? c[cc + 3] : 0.0;
        double d0 = add ? c[cd] : 0.0;
        double d1 = add ? c[cd + 1] : 0.0;
        double d2 = add ? c[cd + 2] : 0.0;
        double d3 = add ? c[cd + 3] : 0.0;
        int mk = mj;
        for (int k = 0; k < inner; k++, mk += ldm) {
            double m0 = m[mk];
            double m1 = m[mk + 1];
            double m2 = m[mk + 2];
            double m3 = m[mk + 3];
            double sa = x[xa + k];
            a0 = Math.fma(sa, m0, a0);
            a1 = Math.fma(sa, m1, a1);
            a2 = Math.fma(sa, m2, a2);
            a3 = Math.fma(sa, m3, a3);
            double sb = x[xb + k];
            b0 = Math.fma(sb, m0, b0);
            b1 = Math.fma(sb, m1, b1);
            b2 = Math.fma(sb, m2, b2);
            b3 = Math.fma(sb, m3, b3);
            double sc = x[xc + k];
            c0 = Math.fma(sc, m0, c0);
            c1 = Math.fma(sc, m1, c1);
            c2 = Math.fma(sc, m2, c2);
            c3 = Math.fma(sc, m3, c3);
            double sd = x[xd + k];
            d0 = Math.fma(sd, m0, d0);
            d1 = Math.fma(sd, m1, d1);
            d2 = Math.fma(sd, m2, d2);
            d3 = Math.fma(sd, m3, d3);
        }
        c[ca] = a0;
        c[ca + 1] = a1;
        c[ca + 2] = a2;
        c[ca + 3] = a3;
        c[cb] = b0;
        c[cb + 1] = b1;
        c[cb + 2] = b2;
        c[cb + 3] = b3;
        c[cc] = c0;
        c[cc + 1] = c1;
        c[cc + 2] = c2;
        c[cc + 3] = c3;
        c[cd] = d0;
        c[cd + 1] = d1;
        c[cd + 2] = d2;
        c[cd + 3] = d3;
    }
}
