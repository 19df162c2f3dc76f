package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;

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
    /** {@code U} (D x r, row-major). */
    private final double[] u;
    private final double[] lambda;
    /** {@code Qhat = M U} (K x r). */
    private final double[] qHat;

    StudentRange(InputStatistics stats) {
        this.dd = stats.inputDim();
        org.repcollapse.model.InputRowSpace rs = stats.rowSpace();
        this.r = rs.rank();
        this.ut = rs.basisT();
        this.u = rs.basis();
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

    /** {@code out = X U} (d x r) for the d x D matrix X at {@code v[w0 ..]} (the {@link ProductKernel}). */
    void project(double[] v, int w0, int d, double[] out) {
        ProductKernel.selected().multiply(v, w0, dd, u, 0, r, out, 0, r, d, dd, r, false);
    }

    /** {@code out = Y^T Qhat} (d x r) for the K x d label rows Y at {@code y[0 ..]}: sums over c in order. */
    void labelsOnModes(double[] y, int k, int d, double[] out) {
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < r; j++) {
                double sum = 0;
                for (int cc = 0; cc < k; cc++) {
                    sum += y[cc * d + a] * qHat[cc * r + j];
                }
                out[a * r + j] = sum;
            }
        }
    }

    /** {@code X += Y U^T} for the d x D matrix X at {@code v[w0 ..]} and Y (d x r) (the {@link ProductKernel}). */
    void addBack(double[] y, double[] v, int w0, int d) {
        ProductKernel.selected().multiply(y, 0, r, ut, 0, dd, v, w0, dd, d, r, dd, true);
    }
}
