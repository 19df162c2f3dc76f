package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;

/**
 * The two large products of the teacher-student drives with the basis {@code E = [F; M]} of the
 * input statistics ({@link InputStatistics}): {@code P = W E^T} (d x (r+K)) and {@code G_W += Q E}
 * (d x D), on a {@link ProductKernel}.
 *
 * <p>When F is the triangular factor R (N > D) the products skip its zero triangle, in column
 * blocks of {@value #BLOCK}: column k of {@code W R^T} sums over {@code b >= k} only, and column b of
 * {@code Q R} over {@code k <= b} only; about half the multiply-adds. The skipped terms are
 * {@code fma(w, +0, c)} with c reached from +0 by exact arithmetic on finite numbers, which leaves c
 * unchanged (c is never -0 on that path), so the bits are those of the full chains.
 */
final class BasisProducts {

    /** Column block of the triangular products: two 8 x 3 register tiles of AVX-512. */
    static final int BLOCK = 48;

    private final InputStatistics stats;
    private final ProductKernel kernel;

    BasisProducts(InputStatistics stats, ProductKernel kernel) {
        this.stats = stats;
        this.kernel = kernel;
    }

    /**
     * {@code proj = W E^T} (d x stride, stride {@link InputStatistics#basisStride()}): row a holds
     * {@code (W F^T)_a} in its first r entries, then {@code (W M_c)_a}, then zeros.
     */
    void project(double[] z, int w0, int d, double[] proj) {
        int dd = stats.inputDim();
        int st = stats.basisStride();
        double[] et = stats.basisTransposed();
        if (!stats.upperTriangular()) {
            kernel.multiply(z, w0, dd, et, 0, st, proj, 0, st, d, dd, st, false);
            return;
        }
        int r = stats.rank();
        for (int k0 = 0; k0 < r; k0 += BLOCK) {
            int k1 = Math.min(r, k0 + BLOCK);
            // (R^T)_bk = R_kb = 0 for b < k: the chain of column k starts at b = k0
            kernel.multiply(z, w0 + k0, dd, et, k0 * st + k0, st, proj, k0, st, d, dd - k0, k1 - k0, false);
        }
        kernel.multiply(z, w0, dd, et, r, st, proj, r, st, d, dd, st - r, false);
    }

    /** {@code g[w0 ..] += q E} for q (d x (r+K), row stride ldq). */
    void addExpansion(double[] q, int ldq, int d, double[] g, int w0) {
        int dd = stats.inputDim();
        int r = stats.rank();
        int kk = stats.classes();
        double[] e = stats.basis();
        if (!stats.upperTriangular()) {
            kernel.multiply(q, 0, ldq, e, 0, dd, g, w0, dd, d, r + kk, dd, true);
            return;
        }
        for (int b0 = 0; b0 < dd; b0 += BLOCK) {
            int b1 = Math.min(dd, b0 + BLOCK);
            // R_kb = 0 for k > b: the chain of column b runs over k < b1, then over the rows of M
            kernel.multiply(q, 0, ldq, e, b0, dd, g, w0 + b0, dd, d, b1, b1 - b0, true);
            kernel.multiply(q, r, ldq, e, r * dd + b0, dd, g, w0 + b0, dd, d, kk, b1 - b0, true);
        }
    }
}
