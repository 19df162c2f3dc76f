package org.repcollapse.dynamics;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The head's own block of {@code M = I - c J}: {@code dP/dt = -h_P (P M_P - cross terms)} with
 * {@code M_P = sum_E (x_i x_i^T + y_c y_c^T)} gives {@code M dP = dP (I + c h_P M_P)}, so the
 * head rows are solved by one d x d inverse on the right.
 */
final class HeadSelfBlock {

    private final int d;
    private final double headRate;
    /** {@code M_P} (d x d, row-major), filled by the flow's linearisation. */
    final double[] moment;
    private final double[] inverse;
    private final double[] row;

    HeadSelfBlock(int d, double headRate) {
        this.d = d;
        this.headRate = headRate;
        this.moment = new double[d * d];
        this.inverse = new double[d * d];
        this.row = new double[d];
    }

    void factor(double c) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = (i == j ? 1.0 : 0.0) + c * headRate * moment[i * d + j];
            }
        }
        RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(m)).getSolver().getInverse();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                inverse[i * d + j] = inv.getEntry(i, j);
            }
        }
    }

    /** Head rows at {@code v[p ..]} (d x d row-major): {@code dP = r (I + c h_P M_P)^{-1}}. */
    void solve(double[] v, int p) {
        for (int i = 0; i < d; i++) {
            int r = p + i * d;
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += v[r + k] * inverse[k * d + j];
                }
                row[j] = s;
            }
            System.arraycopy(row, 0, v, r, d);
        }
    }
}
