package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * A loss term of the linear student {@code x_i = W xi_i} (spec section 5) evaluated from the input statistics
 * ({@link StudentAlignmentLoss}, {@link StudentPredictorLoss}): with {@code C = F^T F} and the basis
 * {@code E = [F; M]} ({@link InputStatistics}) every call starts from the one product
 * {@code W E^T = [W F^T, W M^T]} ({@link BasisProducts}), kept in a buffer allocated once.
 */
abstract class StudentStatisticsTerm implements LossTerm {

    protected final StudentLayout layout;
    protected final InputStatistics stats;
    protected final BasisProducts products;
    /** The rank r of the input row space: the rows of F. */
    protected final int r;
    /** The row length of {@code W E^T} ({@link InputStatistics#basisStride}). */
    protected final int stride;
    /** {@code W E^T = [W F^T, W M^T, 0]}, d x stride. */
    protected final double[] proj;

    protected StudentStatisticsTerm(StudentLayout layout, InputStatistics stats, ProductKernel kernel) {
        this.layout = layout;
        this.stats = stats;
        this.products = new BasisProducts(stats, kernel);
        this.r = stats.rank();
        this.stride = stats.basisStride();
        this.proj = new double[layout.dim() * stride];
    }

    /** {@code proj = W E^T}: row a holds {@code (W F^T)_a} in its first r entries, then {@code (W M_c)_a}. */
    protected void project(double[] z) {
        products.project(z, layout.w(), layout.dim(), proj);
    }
}
