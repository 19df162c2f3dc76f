package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StudentLayout;

/**
 * The teacher-student state with a head at which {@link StudentHeadShiftedSystem} freezes the
 * Jacobian (spec section 5): the head P (d x d), the labels Y (K x d), the encoder on C's range
 * {@code WU = W U} (d x r), {@code Y^T Qhat} (d x r), the class projections
 * {@code wq_c = (WU) Qhat_c^T} (K x d), and {@code S = (WU) Lambda (WU)^T + sum_c n_c y_c y_c^T}
 * (d x d), all row-major. Taken afresh at each linearisation (read only).
 */
record StudentHeadPoint(double[] p, double[] y, double[] wu, double[] yq, double[] wq, double[] s) {

    /** The point z, with the inputs' range and the class degrees n_c. */
    static StudentHeadPoint at(double[] z, StudentLayout layout, StudentRange range, int[] degree) {
        int k = layout.classes();
        int d = layout.dim();
        int r = range.modes();
        double[] p = Arrays.copyOfRange(z, layout.p(), layout.p() + d * d);
        double[] y = Arrays.copyOfRange(z, layout.y(0), layout.y(0) + k * d);
        double[] wu = new double[d * r];
        range.project(z, layout.w(), d, wu);
        double[] yq = new double[d * r];
        range.labelsOnModes(y, k, d, yq);
        double[] wq = new double[k * d];
        SmallMatrices.multiplyTransposed(range.qHat(), 0, k, r, wu, 0, d, wq, 0);
        double[] lambda = range.lambda();
        double[] s = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double sum = 0;
                for (int j = 0; j < r; j++) {
                    sum += wu[a * r + j] * lambda[j] * wu[b * r + j];
                }
                for (int cc = 0; cc < k; cc++) {
                    sum += degree[cc] * y[cc * d + a] * y[cc * d + b];
                }
                s[a * d + b] = sum;
            }
        }
        return new StudentHeadPoint(p, y, wu, yq, wq, s);
    }
}
