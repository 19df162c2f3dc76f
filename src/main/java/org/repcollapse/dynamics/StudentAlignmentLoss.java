package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * The alignment loss of a linear student {@code x_i = W xi_i} (spec section 5), from the input
 * statistics: {@code L = 1/2 tr(W C W^T) - sum_c y_c . W M_c + 1/2 sum_c n_c |y_c|^2}, drive
 * {@code G_W = W C - sum_c y_c M_c^T}, {@code G_{y_c} = n_c y_c - W M_c}.
 *
 * <p>Cost per call {@code O(d D min(N, D) + K d D)}, independent of N once N exceeds D.
 * {@link #value} is a difference of sums and loses relative accuracy near a zero loss; the
 * per-sample loss of {@link TeacherStudentSystem#loss} does not.
 */
public final class StudentAlignmentLoss implements LossTerm {

    private final StudentLayout layout;
    private final InputStatistics stats;
    private final double[] xf;
    private final double[] wc;
    private final double[] wm;

    public StudentAlignmentLoss(StudentLayout layout, InputStatistics stats) {
        this.layout = layout;
        this.stats = stats;
        int d = layout.dim();
        xf = new double[d * stats.rank()];
        wc = new double[d * stats.inputDim()];
        wm = new double[layout.classes() * d];
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        stats.project(z, layout.w(), d, xf);
        stats.classEmbeddingSums(z, layout.w(), d, wm);
        double sum = 0;
        for (double v : xf) {
            sum += 0.5 * v * v;
        }
        for (int c = 0; c < layout.classes(); c++) {
            int yc = layout.y(c);
            for (int a = 0; a < d; a++) {
                double y = z[yc + a];
                sum += 0.5 * stats.degree(c) * y * y - y * wm[c * d + a];
            }
        }
        return sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        int dd = stats.inputDim();
        int w0 = layout.w();
        stats.project(z, w0, d, xf);
        stats.expand(xf, d, wc);
        stats.classEmbeddingSums(z, w0, d, wm);
        for (int k = 0; k < d * dd; k++) {
            g[w0 + k] += wc[k];
        }
        // G_W -= sum_c y_c M_c^T, reusing wc as scratch
        stats.labelInputs(z, layout.y(0), d, wc);
        for (int k = 0; k < d * dd; k++) {
            g[w0 + k] -= wc[k];
        }
        for (int c = 0; c < layout.classes(); c++) {
            int yc = layout.y(c);
            int n = stats.degree(c);
            for (int a = 0; a < d; a++) {
                g[yc + a] += n * z[yc + a] - wm[c * d + a];
            }
        }
    }
}
