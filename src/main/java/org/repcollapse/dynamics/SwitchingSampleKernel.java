package org.repcollapse.dynamics;

/**
 * The scalar kernel until {@link KernelWarmUp} has compiled the vector one, the vector kernel from
 * then on. Both compute every element by the same sequence of rounded operations
 * ({@link SampleKernel}), so the switch, whenever it happens, changes no bit of any result.
 */
final class SwitchingSampleKernel extends SampleKernel {

    private final SampleKernel vector;
    private volatile SampleKernel current;

    SwitchingSampleKernel(SampleKernel scalar, SampleKernel vector) {
        this.vector = vector;
        this.current = scalar;
    }

    SampleKernel vectorKernel() {
        return vector;
    }

    /** The kernel calls go to now. */
    SampleKernel inUse() {
        return current;
    }

    void useVector() {
        current = vector;
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public void addProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf, int from, int to,
            double[] g, double[] work) {
        current.addProducts(b, d, z, w, h, rowOf, from, to, g, work);
    }

    @Override
    public void writeProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf, int from, int to,
            double scale, double[] g, double[] work) {
        current.writeProducts(b, d, z, w, h, rowOf, from, to, scale, g, work);
    }

    @Override
    public void weightedMoment(double[] z, int d, double[] w, int from, int to, double[] m) {
        current.weightedMoment(z, d, w, from, to, m);
    }

    @Override
    public void classSums(double[] z, int d, int[] offsets, int[] classes, int from, int to, double[] s) {
        current.classSums(z, d, offsets, classes, from, to, s);
    }

    @Override
    public void writeAlignmentDrive(double[] z, int d, int y0, int[] offsets, int[] classes, int from, int to,
            double scale, double[] g, double[] s) {
        current.writeAlignmentDrive(z, d, y0, offsets, classes, from, to, scale, g, s);
    }

    @Override
    public void multiply(double[] x, int x0, int rows, int inner, double[] m, int m0, int d, double[] c, int c0) {
        current.multiply(x, x0, rows, inner, m, m0, d, c, c0);
    }
}
