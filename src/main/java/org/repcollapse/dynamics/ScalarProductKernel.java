package org.repcollapse.dynamics;

/** {@link ProductKernel} in plain Java: one scalar fma chain per element, k outermost. */
final class ScalarProductKernel extends ProductKernel {

    static final ScalarProductKernel INSTANCE = new ScalarProductKernel();

    private ScalarProductKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void multiply(double[] x, int x0, int ldx, double[] m, int m0, int ldm,
            double[] c, int c0, int ldc, int rows, int inner, int cols, boolean add) {
        scalarColumns(x, x0, ldx, m, m0, ldm, c, c0, ldc, rows, inner, 0, cols, add);
    }
}
