package org.repcollapse.model;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The spectrum of the transition matrix {@code T = diag(n)^-1 A} (spec section 1).
 * T is symmetric in the n-weighted inner product, so it is diagonalised through
 * {@code S = diag(n)^-1/2 A diag(n)^-1/2}: {@code T u_k = tau_k u_k} with
 * {@code u_k = diag(n)^-1/2 w_k}, eigenvalues sorted {@code 1 = tau_0 >= tau_1 >= ...}.
 */
public final class ClassCoupling {

    private final double[] tau;
    private final double[][] modes;

    public ClassCoupling(LabelStructure structure) {
        this(structure.coupling(), degrees(structure));
    }

    private static double[] degrees(LabelStructure structure) {
        double[] n = new double[structure.classes()];
        for (int c = 0; c < n.length; c++) {
            n[c] = structure.classDegree(c);
        }
        return n;
    }

    /** From the coupling A (K x K) and the class degrees n directly. */
    public ClassCoupling(double[][] a, double[] degree) {
        int k = degree.length;
        double[] sq = new double[k];
        for (int c = 0; c < k; c++) {
            sq[c] = Math.sqrt(degree[c]);
        }
        double[][] s = new double[k][k];
        for (int c = 0; c < k; c++) {
            for (int c2 = 0; c2 < k; c2++) {
                s[c][c2] = a[c][c2] / (sq[c] * sq[c2]);
            }
        }
        RealMatrix sm = MatrixUtils.createRealMatrix(s);
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(sm);
        double[] values = eig.getEigenvalues();   // descending
        tau = values.clone();
        modes = new double[k][];
        for (int m = 0; m < k; m++) {
            double[] w = eig.getEigenvector(m).toArray();
            double[] u = new double[k];
            double norm = 0;
            for (int c = 0; c < k; c++) {
                u[c] = w[c] / sq[c];
                norm += u[c] * u[c];
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < k; c++) {
                u[c] /= norm;
            }
            modes[m] = u;
        }
    }

    /** Eigenvalues of T, descending. */
    public double[] eigenvalues() {
        return tau.clone();
    }

    /** Right eigenvector {@code u_k} of T (unit Euclidean norm), same order as the eigenvalues. */
    public double[] mode(int k) {
        return modes[k].clone();
    }
}
