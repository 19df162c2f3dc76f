package org.repcollapse.ssl;

import java.util.Arrays;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Eigenvalues (descending) and orthonormal eigenvectors of a symmetric d x d matrix given flat
 * row-major, by Hipparchus' {@link EigenDecompositionSymmetric} (the matrix is symmetrised first).
 * {@code vectors[j * d + a]} is component a of eigenvector j.
 */
record SymmetricSpectrum(double[] values, double[] vectors) {

    static SymmetricSpectrum of(double[] m, int d) {
        RealMatrix a = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a.setEntry(i, j, 0.5 * (m[i * d + j] + m[j * d + i]));
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(a);
        double[] raw = eig.getEigenvalues();
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        for (int j = 0; j < d; j++) {
            values[j] = raw[order[j]];
            double[] v = eig.getEigenvector(order[j]).toArray();
            System.arraycopy(v, 0, vectors, j * d, d);
        }
        return new SymmetricSpectrum(values, vectors);
    }
}
