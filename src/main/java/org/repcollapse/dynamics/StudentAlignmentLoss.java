package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * The alignment loss of a linear student {@code x_i = W xi_i} (spec section 5), from the input
 * statistics: {@code L = 1/2 tr(W C W^T) - sum_c y_c . W M_c + 1/2 sum_c n_c |y_c|^2}, drive
 * {@code G_W = W C - sum_c y_c M_c^T}, {@code G_{y_c} = n_c y_c - W M_c}.
 *
 * <p>With {@code C = F^T F} and the basis {@code E = [F; M]} ({@link InputStatistics}): one product
 * {@code [W F^T, W M^T] = W E^T}, then {@code G_W = (W F^T) F + (-Y^T) M}, each element of G_W one fma
 * chain over the rows of F and then of M ({@link ProductKernel}). Cost per call
 * {@code 2 d D (min(N, D) + K)}, independent of N once N exceeds D; no allocation.
 * {@link #value} is a difference of sums and loses relative accuracy near a zero loss; the
 * per-sample loss of {@link TeacherStudentSystem#loss} does not.
 */
public final class StudentAlignmentLoss implements LossTerm {

    private final StudentLayout layout;
    private final InputStatistics stats;
    private final ProductKernel kernel;
    /** {@code W E^T = [W F^T, W M^T, 0]}, d x stride. */
    private final double[] proj;
    /** {@code -Y^T}, d x K. */
    private final double[] negY;

    public StudentAlignmentLoss(StudentLayout layout, InputStatistics stats) {
        this(layout, stats, ProductKernel.selected());
    }

    StudentAlignmentLoss(StudentLayout layout, InputStatistics stats, ProductKernel kernel) {
        this.layout = layout;
        this.stats = stats;
        this.kernel = kernel;
        proj = new double[layout.dim() * stats.basisStride()];
        negY = new double[layout.dim() * layout.classes()];
    }

    /** {@code proj = W E^T}: row a holds {@code (x F^T)_a} in its first r entries, then {@code (W M_c)_a}. */
    private void project(double[] z) {
        int st = stats.basisStride();
        kernel.multiply(z, layout.w(), stats.inputDim(), stats.basisTransposed(), 0, st, proj, 0, st,
                layout.dim(), stats.inputDim(), st, false);
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        int r = stats.rank();
        int st = stats.basisStride();
        project(z);
        double sum = 0;
        for (int a = 0; a < d; a++) {
            for (int k = 0; k < r; k++) {
                double v = proj[a * st + k];
                sum += 0.5 * v * v;
            }
        }
        for (int c = 0; c < layout.classes(); c++) {
            int yc = layout.y(c);
            for (int a = 0; a < d; a++) {
                double y = z[yc + a];
                sum += 0.5 * stats.degree(c) * y * y - y * proj[a * st + r + c];
            }
        }
        return sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        int dd = stats.inputDim();
        int kk = layout.classes();
        int r = stats.rank();
        int st = stats.basisStride();
        int w0 = layout.w();
        project(z);
        // G_W += (W F^T) F, then += (-Y^T) M: one chain per element over the rows of E = [F; M]
        kernel.multiply(proj, 0, st, stats.factor(), 0, dd, g, w0, dd, d, r, dd, true);
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            for (int a = 0; a < d; a++) {
                negY[a * kk + c] = -z[yc + a];
            }
        }
        kernel.multiply(negY, 0, kk, stats.classSums(), 0, dd, g, w0, dd, d, kk, dd, true);
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            int n = stats.degree(c);
            for (int a = 0; a < d; a++) {
                g[yc + a] += n * z[yc + a] - proj[a * st + r + c];
            }
        }
    }
}
