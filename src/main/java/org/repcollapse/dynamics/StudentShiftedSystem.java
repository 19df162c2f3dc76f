package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * Solves with {@code M = I - c J} for the teacher-student flow without a head (spec section 5), J its
 * exact Jacobian {@code I_d (x) A}: per embedding coordinate, the encoder row w and the label column
 * obey {@code dw/dt = -eta_W (C w - M^T y)}, {@code dy_c/dt = -g_c (n_c y_c - M_c . w)}. In the
 * eigenbasis {@code C = U diag(lambda) U^T} ({@link StudentRange}) the encoder block is diagonal,
 * {@code 1 + c eta_W lambda_j}; eliminating it leaves the label system {@link LabelSchur}. Encoder
 * directions outside C's range carry no input and are left as they are. Cost per solve {@code O(d D r)}.
 * With a head see {@link StudentHeadShiftedSystem}.
 */
final class StudentShiftedSystem extends LabelEliminationSystem {

    private final StudentLayout layout;
    private final StudentRange range;
    private final FrozenHead identity;
    private final LabelSchur schur;
    private final int r;
    private final double[] lambda;
    private final double[] qHat;
    private final double[] inverseDiagonal;
    private final double[] projected;
    private final double[] labels;
    private final double[] pull;

    StudentShiftedSystem(StudentLayout layout, InputStatistics stats, BlockRates rates) {
        super(layout.classes(), layout.dim(), rates, stats::degree);
        if (layout.hasHead()) {
            throw new IllegalArgumentException("with a head use StudentHeadShiftedSystem");
        }
        this.layout = layout;
        this.identity = FrozenHead.identity(d);
        this.schur = new LabelSchur(k, d);
        this.range = new StudentRange(stats);
        this.r = range.modes();
        this.lambda = range.lambda();
        this.qHat = range.qHat();
        this.inverseDiagonal = new double[r];
        this.projected = new double[d * r];
        this.labels = new double[k * d];
        this.pull = new double[k * d];
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public void linearise(double t, double[] z) {
        // linear flow: J does not depend on z
    }

    @Override
    public void factor(double c) {
        this.c = c;
        for (int m = 0; m < r; m++) {
            inverseDiagonal[m] = 1.0 / (1.0 + c * eta * lambda[m]);
        }
        double[] s = schur.s;
        for (int c1 = 0; c1 < k; c1++) {
            for (int c2 = 0; c2 < k; c2++) {
                double sum = 0;
                for (int m = 0; m < r; m++) {
                    sum += qHat[c1 * r + m] * qHat[c2 * r + m] * inverseDiagonal[m];
                }
                for (int e = 0; e < d; e++) {
                    s[(e * k + c1) * k + c2] = sum;
                }
            }
        }
        schur.factor(c, eta, labelRate, degree, identity);
    }

    @Override
    public void solve(double[] v) {
        int w0 = layout.w();
        range.project(v, w0, d, projected);
        // labels: y_c + c g_c sum_m what_m Qhat_cm / den_m, then the K d system
        for (int cc = 0; cc < k; cc++) {
            double w = c * labelRate[cc];
            for (int e = 0; e < d; e++) {
                double s = 0;
                for (int m = 0; m < r; m++) {
                    s += projected[e * r + m] * qHat[cc * r + m] * inverseDiagonal[m];
                }
                labels[cc * d + e] = v[layout.y(cc) + e] + w * s;
            }
        }
        schur.solve(labels);
        // encoder on C's range: (rhat_em + c eta sum_c y_ce Qhat_cm) / den_m - rhat_em, added back through U^T
        for (int e = 0; e < d; e++) {
            for (int m = 0; m < r; m++) {
                double s = projected[e * r + m];
                for (int cc = 0; cc < k; cc++) {
                    s += c * eta * labels[cc * d + e] * qHat[cc * r + m];
                }
                projected[e * r + m] = s * inverseDiagonal[m] - projected[e * r + m];
            }
        }
        range.addBack(projected, v, w0, d);
        System.arraycopy(labels, 0, v, layout.y(0), k * d);
    }
}
