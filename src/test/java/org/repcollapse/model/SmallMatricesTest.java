package org.repcollapse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Every SmallMatrices product against Hipparchus' RealMatrix (an independent implementation) on
 * random matrices stored at non-zero offsets. Tolerance 1e-13 absolute on entries of size O(d):
 * both sum the same d <= 7 products, so they agree to a few ulps (usually exactly); a wrong index or
 * a missing transpose gives O(1) errors.
 */
class SmallMatricesTest {

    private static final double TOL = 1e-13;
    private final Random rng = new Random(7);

    /** A rows x cols matrix, stored row-major at offset off of a larger array. */
    private double[] random(int off, int rows, int cols) {
        double[] a = new double[off + rows * cols + 3];
        for (int k = 0; k < a.length; k++) {
            a[k] = rng.nextGaussian();
        }
        return a;
    }

    private static RealMatrix matrix(double[] a, int off, int rows, int cols) {
        RealMatrix m = new Array2DRowRealMatrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.setEntry(i, j, a[off + i * cols + j]);
            }
        }
        return m;
    }

    private static void assertMatrix(RealMatrix expected, double[] actual, int off) {
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < expected.getColumnDimension(); j++) {
                assertEquals(expected.getEntry(i, j), actual[off + i * expected.getColumnDimension() + j], TOL,
                        "entry " + i + "," + j);
            }
        }
    }

    @Test
    void productsAgreeWithHipparchus() {
        int d = 5;
        double[] x = random(3, d, d);
        double[] y = random(2, d, d);
        RealMatrix mx = matrix(x, 3, d, d);
        RealMatrix my = matrix(y, 2, d, d);
        double[] c = new double[4 + d * d];
        SmallMatrices.multiply(x, 3, y, 2, c, 4, d);
        assertMatrix(mx.multiply(my), c, 4);
        assertMatrix(mx.transpose(), SmallMatrices.transpose(x, 3, d), 0);
        double[] v = random(1, 1, d);
        double[] out = new double[2 + d];
        SmallMatrices.apply(x, 3, v, 1, out, 2, d);
        assertMatrix(MatrixUtils.createColumnRealMatrix(mx.operate(matrix(v, 1, 1, d).getRow(0))), out, 2);
        SmallMatrices.applyTransposed(x, 3, v, 1, out, 2, d);
        assertMatrix(MatrixUtils.createColumnRealMatrix(mx.preMultiply(matrix(v, 1, 1, d).getRow(0))), out, 2);
    }

    @Test
    void rectangularProductXYTransposed() {
        int rows = 3;
        int inner = 7;
        int cols = 4;
        double[] x = random(5, rows, inner);
        double[] y = random(1, cols, inner);
        double[] c = new double[rows * cols];
        SmallMatrices.multiplyTransposed(x, 5, rows, inner, y, 1, cols, c, 0);
        assertMatrix(matrix(x, 5, rows, inner).multiply(matrix(y, 1, cols, inner).transpose()), c, 0);
        double[][] g = SmallMatrices.rowGram(x, 5, rows, inner);
        RealMatrix mx = matrix(x, 5, rows, inner);
        RealMatrix expected = mx.multiply(mx.transpose());
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                assertEquals(expected.getEntry(i, j), g[i][j], TOL);
            }
        }
    }

    @Test
    void headGramIsPTransposePPlusKeepIdentity() {
        int d = 4;
        double keep = 0.3;
        double[] z = random(6, d, d);
        RealMatrix p = matrix(z, 6, d, d);
        RealMatrix expected = p.transpose().multiply(p).add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(keep));
        double[] flat = new double[d * d];
        SmallMatrices.headGram(z, 6, d, keep, flat, 0);
        assertMatrix(expected, flat, 0);
        double[][] rows = SmallMatrices.headGram(z, 6, d, keep);
        assertMatrix(MatrixUtils.createRealMatrix(rows), flat, 0);
    }

    @Test
    void dotAndNorm() {
        // hand values: (1, 2, 2) has norm 3; (1, 2, 2) . (2, -1, 3) = 6
        double[] u = {9, 1, 2, 2};
        double[] v = {2, -1, 3};
        assertEquals(6.0, SmallMatrices.dot(u, 1, v, 0, 3), 0.0);
        assertEquals(3.0, SmallMatrices.norm(u, 1, 3), 0.0);
        assertEquals(Math.sqrt(90.0), SmallMatrices.norm(u), 1e-15);
        assertEquals(2 * 9 - 1 + 6, SmallMatrices.dot(new double[] {9, 1, 2}, v), 0.0);
    }
}
