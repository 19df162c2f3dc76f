package org.repcollapse.dynamics;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.repcollapse.model.InputStatistics;

/**
 * The range of the teacher-student inputs' edge second moment, {@code C = U diag(lambda) U^T} with
 * U the r orthonormal eigenvectors of non-zero eigenvalue (from the r x r Gram of C's factor,
 * {@code F F^T = W Lambda W^T}, {@code U = F^T W Lambda^{-1/2}}), and the class sums in that basis,
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
        int rank = stats.rank();
        double[] f = stats.factor();
        double[][] gram = new double[rank][rank];
        for (int i = 0; i < rank; i++) {
            for (int j = i; j < rank; j++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += f[i * dd + b] * f[j * dd + b];
                }
                gram[i][j] = s;
                gram[j][i] = s;
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(gram));
        double[] ev = eig.getEigenvalues();
        RealMatrix w = eig.getV();
        double max = 0;
        for (double e : ev) {
            max = Math.max(max, e);
        }
        int kept = 0;
        for (double e : ev) {
            if (e > 1e-12 * max) {
                kept++;
            }
        }
        this.r = kept;
        this.ut = new double[r * dd];
        this.lambda = new double[r];
        int j = 0;
        for (int m = 0; m < rank; m++) {
            if (!(ev[m] > 1e-12 * max)) {
                continue;
            }
            lambda[j] = ev[m];
            double scale = 1.0 / Math.sqrt(ev[m]);
            for (int i = 0; i < rank; i++) {
                double wi = w.getEntry(i, m) * scale;
                for (int b = 0; b < dd; b++) {
                    ut[j * dd + b] += wi * f[i * dd + b];
                }
            }
            j++;
        }
        int k = stats.classes();
        double[] q = stats.classSums();
        this.qHat = new double[k * r];
        for (int cc = 0; cc < k; cc++) {
            for (int mm = 0; mm < r; mm++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += q[cc * dd + b] * ut[mm * dd + b];
                }
                qHat[cc * r + mm] = s;
            }
        }
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
        for (int a = 0; a < d; a++) {
            int row = w0 + a * dd;
            for (int m = 0; m < r; m++) {
                int u = m * dd;
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += v[row + b] * ut[u + b];
                }
                out[a * r + m] = s;
            }
        }
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
