package org.repcollapse.dynamics;

/**
 * The scalar product kernel until {@link KernelWarmUp} has compiled the vector one, the vector
 * kernel from then on; both give the same bits ({@link ProductKernel}), so the switch changes no result.
 */
final class SwitchingProductKernel extends ProductKernel {

    private final ProductKernel vector;
    private volatile ProductKernel current;

    SwitchingProductKernel(ProductKernel scalar, ProductKernel vector) {
        this.vector = vector;
        this.current = scalar;
    }

    ProductKernel vectorKernel() {
        return vector;
    }

    void useVector() {
        current = vector;
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public void multiply(double[] x, int x0, int ldx, double[] m, int m0, int ldm, double[] c, int c0, int ldc,
            int rows, int inner, int cols, boolean add) {
        current.multiply(x, x0, ldx, m, m0, ldm, c, c0, ldc, rows, inner, cols, add);
    }
}
