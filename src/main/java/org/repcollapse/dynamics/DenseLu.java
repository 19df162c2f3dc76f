package org.repcollapse.dynamics;

/**
 * LU with partial pivoting of a small dense matrix on a flat row-major array, in place, for the
 * reduced systems of the structured solves ({@link LabelSchur}, {@link StudentHeadShiftedSystem}):
 * refactorised with every step size, solved once per stage, without allocation.
 */
final class DenseLu {

    private DenseLu() {
    }

    /** Overwrites the n x n matrix {@code lu} with its LU factors; row swaps in {@code pivot}. */
    static void decompose(double[] lu, int[] pivot, int n) {
        for (int col = 0; col < n; col++) {
            int best = col;
            double max = Math.abs(lu[col * n + col]);
            for (int r = col + 1; r < n; r++) {
                double v = Math.abs(lu[r * n + col]);
                if (v > max) {
                    max = v;
                    best = r;
                }
            }
            pivot[col] = best;
            if (best != col) {
                for (int j = 0; j < n; j++) {
                    double t = lu[col * n + j];
                    lu[col * n + j] = lu[best * n + j];
                    lu[best * n + j] = t;
                }
            }
            double diag = lu[col * n + col];
            if (diag == 0.0) {
                throw new ArithmeticException("singular reduced system");
            }
            for (int r = col + 1; r < n; r++) {
                double f = lu[r * n + col] / diag;
                lu[r * n + col] = f;
                if (f != 0.0) {
                    for (int j = col + 1; j < n; j++) {
                        lu[r * n + j] -= f * lu[col * n + j];
                    }
                }
            }
        }
    }

    /** Overwrites b with the solution of {@code A x = b}, A factorised by {@link #decompose}. */
    static void solve(double[] lu, int[] pivot, int n, double[] b) {
        for (int i = 0; i < n; i++) {
            int p = pivot[i];
            if (p != i) {
                double t = b[i];
                b[i] = b[p];
                b[p] = t;
            }
        }
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int j = 0; j < i; j++) {
                sum -= lu[i * n + j] * b[j];
            }
            b[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = b[i];
            for (int j = i + 1; j < n; j++) {
                sum -= lu[i * n + j] * b[j];
            }
            b[i] = sum / lu[i * n + i];
        }
    }
}
