package org.repcollapse.dynamics;

/**
 * The scalar kernel for the first {@code threshold} multiply-adds, the vector kernel from then on.
 * Until the JIT has compiled it, Vector API code runs interpreted and allocates per operation, so a
 * short run (the stiff cases, small teacher-student runs) is faster on the scalar kernel all the way,
 * while a long one (case (a) of bench/run.sh: three times faster on the vector kernel) switches after
 * a fraction of a second and pays the vector kernel's cold start once. Both kernels compute every
 * element by the same sequence of rounded operations ({@link SampleKernel}), so the switch, whenever it
 * happens, changes no bit of any result. The count is shared by the worker threads without
 * synchronisation: it is approximate, and only decides when the switch happens.
 */
final class SwitchingSampleKernel extends SampleKernel {

    private final SampleKernel vector;
    private final long threshold;
    private volatile SampleKernel current;
    private long work;

    SwitchingSampleKernel(SampleKernel scalar, SampleKernel vector, long threshold) {
        this.vector = vector;
        this.threshold = threshold;
        this.current = scalar;
    }

    SampleKernel vectorKernel() {
        return vector;
    }

    /** The kernel calls go to now. */
    SampleKernel inUse() {
        return current;
    }

    /** The kernel for a call of {@code multiplyAdds} multiply-adds (the count moves on while scalar). */
    private SampleKernel take(long multiplyAdds) {
        SampleKernel k = current;
        if (k != vector) {
            work += multiplyAdds;
            if (work > threshold) {
                current = vector;
            }
        }
        return k;
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public void addProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf, int from, int to,
            double[] g, double[] work) {
        take((long) (to - from) * d * d).addProducts(b, d, z, w, h, rowOf, from, to, g, work);
    }

    @Override
    public void writeProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf, int from, int to,
            double scale, double[] g, double[] work) {
        take((long) (to - from) * d * d).writeProducts(b, d, z, w, h, rowOf, from, to, scale, g, work);
    }

    @Override
    public void weightedMoment(double[] z, int d, double[] w, int from, int to, double[] m) {
        take((long) (to - from) * d * (d + 1) / 2).weightedMoment(z, d, w, from, to, m);
    }

    @Override
    public void classSums(double[] z, int d, int[] offsets, int[] classes, int from, int to, double[] s) {
        take((long) (to - from) * d).classSums(z, d, offsets, classes, from, to, s);
    }

    @Override
    public void writeAlignmentDrive(double[] z, int d, int y0, int[] offsets, int[] classes, int from, int to,
            double scale, double[] g, double[] s) {
        take((long) (to - from) * d).writeAlignmentDrive(z, d, y0, offsets, classes, from, to, scale, g, s);
    }

    @Override
    public void multiply(double[] x, int x0, int rows, int inner, double[] m, int m0, int d, double[] c, int c0) {
        take((long) rows * inner * d).multiply(x, x0, rows, inner, m, m0, d, c, c0);
    }
}
