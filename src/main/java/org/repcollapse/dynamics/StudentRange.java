package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.SmallMatrices;

/**
 * The range of the teacher-student inputs' edge second moment, {@code C = U diag(lambda) U^T} with
 * U the r orthonormal eigenvectors of non-zero eigenvalue ({@link org.repcollapse.model.InputRowSpace}),
 * and the class sums in that basis,
 * {@code Qhat = M U}. Encoder directions outside the range carry no input: neither C nor M sees them.
 */
final class StudentRange {

    private final int dd;
    private final int r;
    /** {@code U^T} (r x D, row-major). */
    private final double[] ut;
    private final double[] lambda;
    /** {@code Qhat = M U} (K x r). */
    private final double[] qHat;

    StudentRange(InputStatistics stats) {
        this.dd = stats.inputDim();
        org.repcollapse.model.InputRowSpace rs = stats.rowSpace();
        this.r = rs.rank();
        this.ut = rs.basisT();
        this.lambda = rs.sigma2();
        this.qHat = stats.classSumsInRowSpace();
    }

    /** r: the number of modes kept. */
    int modes() {
        return r;
    }

    /** The eigenvalues lambda_j of C on its range (read only). */
    double[] lambda() {
        return lambda;
    }

    /** {@code Qhat = M U} (K x r, read only). */
    double[] qHat() {
        return qHat;
    }

    /** {@code out = X U} (d x r) for the d x D matrix X at {@code v[w0 ..]}. */
    void project(double[] v, int w0, int d, double[] out) {
        SmallMatrices.multiplyTransposed(v, w0, d, dd, ut, 0, r, out, 0);
    }

    /** {@code X += Y U^T} for the d x D matrix X at {@code v[w0 ..]} and Y (d x r). */
    void addBack(double[] y, double[] v, int w0, int d) {
        for (int a = 0; a < d; a++) {
            int row = w0 + a * dd;
            for (int m = 0; m < r; m++) {
                double s = y[a * r + m];
                if (s == 0.0) {
                    continue;
                }
                int u = m * dd;
                for (int b = 0; b < dd; b++) {
                    v[row + b] += s * ut[u + b];
                }
            }
        }
    }
}
