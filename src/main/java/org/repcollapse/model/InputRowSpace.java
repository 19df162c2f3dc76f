package org.repcollapse.model;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The row space of the teacher-student inputs: {@code C = F^T F = V diag(sigma^2) V^T} restricted
 * to its non-zero eigenvalues, from the r x r Gram {@code F F^T = W diag(sigma^2) W^T} (one
 * symmetric eigendecomposition of size {@code r = min(N, D)}, not an SVD of F) and
 * {@code V = F^T W diag(1/sigma)}. Eigenvalues below {@code 1e-12} of the largest are zero: the
 * Gram squares F's condition, so this resolves singular values down to {@code 1e-6} of the largest.
 *
 * @param rank   number of non-zero modes r'
 * @param basisT {@code V^T} (r' x D, row-major): orthonormal rows spanning the inputs
 * @param sigma2 {@code sigma_j^2}, the eigenvalues of C on its range, descending
 */
public record InputRowSpace(int rank, double[] basisT, double[] sigma2) {

    /** {@code sigma_j}, the non-zero singular values of F. */
    public double[] singularValues() {
        double[] sv = new double[rank];
        for (int j = 0; j < rank; j++) {
            sv[j] = Math.sqrt(sigma2[j]);
        }
        return sv;
    }

    /** {@code V} (D x r', row-major): the transpose of {@link #basisT()}. */
    public double[] basis() {
        int dd = rank == 0 ? 0 : basisT.length / rank;
        double[] v = new double[dd * rank];
        for (int j = 0; j < rank; j++) {
            for (int b = 0; b < dd; b++) {
                v[b * rank + j] = basisT[j * dd + b];
            }
        }
        return v;
    }

    /** Relative size below which an eigenvalue of the Gram counts as zero. */
    public static final double ZERO = 1.0e-12;

    static InputRowSpace of(double[] f, int rows, int dd) {
        double[][] gram = SmallMatrices.rowGram(f, 0, rows, dd);
        if (rows == 0) {
            return new InputRowSpace(0, new double[0], new double[0]);
        }
        double[] ev;
        RealMatrix w;
        try {
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(gram));
            ev = eig.getEigenvalues();   // descending
            w = eig.getV();
        } catch (MathIllegalStateException notConverged) {
            // a cluster of exact zeros (inputs of rank far below min(N, D), e.g. sigma = 0) can stall the
            // tridiagonal QL iteration: the SVD of the Gram gives the same W and sigma^2 (it is symmetric PSD)
            SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(gram));
            ev = svd.getSingularValues();
            w = svd.getU();
        }
        double max = Math.max(ev[0], 0.0);
        int r = 0;
        while (r < ev.length && ev[r] > ZERO * max) {
            r++;
        }
        double[] basisT = new double[r * dd];
        double[] sigma2 = new double[r];
        for (int m = 0; m < r; m++) {
            sigma2[m] = ev[m];
            double scale = 1.0 / Math.sqrt(ev[m]);
            for (int i = 0; i < rows; i++) {
                double wi = w.getEntry(i, m) * scale;
                if (wi == 0.0) {
                    continue;
                }
                for (int b = 0; b < dd; b++) {
                    basisT[m * dd + b] += wi * f[i * dd + b];
                }
            }
        }
        return new InputRowSpace(r, basisT, sigma2);
    }
}
