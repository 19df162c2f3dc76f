package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * The alignment loss of a linear student {@code x_i = W xi_i} (spec section 5), from the input
 * statistics: {@code L = 1/2 tr(W C W^T) - sum_c y_c . W M_c + 1/2 sum_c n_c |y_c|^2}, drive
 * {@code G_W = W C - sum_c y_c M_c^T}, {@code G_{y_c} = n_c y_c - W M_c}.
 *
 * <p>With {@code C = F^T F} and the basis {@code E = [F; M]} ({@link InputStatistics}): one product
 * {@code [W F^T, W M^T] = W E^T}, then one {@code G_W = [W F^T, -Y^T] E}, each element of G_W one fma
 * chain over the rows of E ({@link BasisProducts}, {@link ProductKernel}). Cost per call
 * {@code 2 d D (min(N, D) + K)}, independent of N once N exceeds D; no allocation.
 * {@link #value} is a difference of sums and loses relative accuracy near a zero loss; the
 * per-sample loss of {@link TeacherStudentSystem#loss} does not.
 */
public final class StudentAlignmentLoss extends StudentStatisticsTerm {

    public StudentAlignmentLoss(StudentLayout layout, InputStatistics stats) {
        this(layout, stats, ProductKernel.selected());
    }

    StudentAlignmentLoss(StudentLayout layout, InputStatistics stats, ProductKernel kernel) {
        super(layout, stats, kernel);
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        project(z);
        double sum = 0;
        for (int a = 0; a < d; a++) {
            for (int k = 0; k < r; k++) {
                double v = proj[a * stride + k];
                sum += 0.5 * v * v;
            }
        }
        for (int c = 0; c < layout.classes(); c++) {
            int yc = layout.y(c);
            for (int a = 0; a < d; a++) {
                double y = z[yc + a];
                sum += 0.5 * stats.degree(c) * y * y - y * proj[a * stride + r + c];
            }
        }
        return sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        int kk = layout.classes();
        project(z);
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            int n = stats.degree(c);
            for (int a = 0; a < d; a++) {
                int at = a * stride + r + c;
                g[yc + a] += n * z[yc + a] - proj[at];
                proj[at] = -z[yc + a];     // W M_c used: the columns now hold -Y^T
            }
        }
        // G_W += [W F^T, -Y^T] [F; M]: one fma chain per element over the rows of E
        products.addExpansion(proj, stride, d, g, layout.w());
    }
}
