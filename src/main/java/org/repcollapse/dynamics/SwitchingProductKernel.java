package org.repcollapse.dynamics;

/**
 * The scalar product kernel for the first {@code threshold} multiply-adds, the vector one from then
 * on, as {@link SwitchingSampleKernel}; both give the same bits ({@link ProductKernel}), so the switch
 * changes no result.
 */
final class SwitchingProductKernel extends ProductKernel {

    private final ProductKernel vector;
    private final long threshold;
    private volatile ProductKernel current;
    private long work;

    SwitchingProductKernel(ProductKernel scalar, ProductKernel vector, long threshold) {
        this.vector = vector;
        this.threshold = threshold;
        this.current = scalar;
    }

    ProductKernel vectorKernel() {
        return vector;
    }

    /** The kernel calls go to now. */
    ProductKernel inUse() {
        return current;
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public void multiply(double[] x, int x0, int ldx, double[] m, int m0, int ldm, double[] c, int c0, int ldc,
            int rows, int inner, int cols, boolean add) {
        ProductKernel k = current;
        if (k != vector) {
            work += (long) rows * inner * cols;
            if (work > threshold) {
                current = vector;
            }
        }
        k.multiply(x, x0, ldx, m, m0, ldm, c, c0, ldc, rows, inner, cols, add);
    }
}
