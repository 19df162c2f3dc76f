package org.repcollapse.dynamics;

import java.util.Arrays;

/**
 * Compiles the Vector API kernels before they are used. Interpreted, a Vector API operation
 * allocates and dispatches, so until the JIT has compiled a kernel it is many times slower than
 * the scalar one; both give the same bits ({@link SampleKernel}, {@link ProductKernel}). So
 * {@link SampleKernel#selected()} and {@link ProductKernel#selected()} hand out the scalar kernels
 * while one background daemon thread runs the vector ones on small inputs of a few shapes past the
 * compilation thresholds ({@value #ROUNDS} rounds), and the vector kernels from then on. Which of the
 * two a call uses never changes a result; a short run saves the cold vector code (measured in
 * {@code bench/stiff.sh}), a long one is vector from its first fraction of a second.
 */
final class KernelWarmUp {

    /** Rounds over every kernel method; compiled by C2 after about 4000 (JDK 17, tiered defaults). */
    static final int ROUNDS = 6000;

    private KernelWarmUp() {
    }

    /** Starts the warm-up once, when the selected kernels switch (the Vector API is in use). */
    static void ensureStarted() {
        if (!Started.STARTED) {
            throw new AssertionError();   // never: the holder's initialisation sets it
        }
    }

    /** Initialised at the first {@link #ensureStarted()}, once per JVM (the class-holder idiom). */
    private static final class Started {
        static final boolean STARTED = start();

        private static boolean start() {
            if (SampleKernel.SELECTED instanceof SwitchingSampleKernel s
                    && ProductKernel.SELECTED instanceof SwitchingProductKernel p) {
                Thread t = new Thread(() -> {
                    run(s.vectorKernel(), p.vectorKernel());
                    s.useVector();
                    p.useVector();
                }, "vector-kernel-warm-up");
                t.setDaemon(true);
                t.start();
            }
            return true;
        }
    }

    /** Every method of both kernels, on dimensions with and without a partial vector (16 and 6). */
    static void run(SampleKernel v, ProductKernel pv) {
        for (int round = 0; round < ROUNDS; round++) {
            int d = (round & 1) == 0 ? 16 : 6;
            int rows = (round & 2) == 0 ? 8 : 5;
            exercise(v, pv, d, rows);
        }
    }

    private static void exercise(SampleKernel v, ProductKernel pv, int d, int rows) {
        int classes = 3;
        double[] b = new double[d * d];
        double[] z = new double[(rows + classes) * d];
        double[] w = new double[rows];
        double[] h = new double[classes * d];
        double[] g = new double[rows * d];
        double[] work = new double[d];
        double[] m = new double[d * d];
        double[] s = new double[classes * d];
        double[] c = new double[rows * d];
        int[] rowOf = new int[rows];
        int[] offsets = new int[rows + 1];
        int[] cls = new int[rows];
        for (int i = 0; i < rows; i++) {
            offsets[i + 1] = i + 1;
            cls[i] = i % classes;
            rowOf[i] = i % classes;
            w[i] = 1 + i;
        }
        Arrays.fill(b, 0.5);
        Arrays.fill(z, 0.25);
        v.addProducts(b, d, z, w, h, rowOf, 0, rows, g, work);
        v.writeProducts(b, d, z, w, h, rowOf, 0, rows, 0.5, g, work);
        v.weightedMoment(z, d, w, 0, rows, m);
        v.classSums(z, d, offsets, cls, 0, rows, s);
        v.writeAlignmentDrive(z, d, rows * d, offsets, cls, 0, rows, 0.5, g, s);
        v.multiply(z, 0, rows, d, b, 0, d, c, 0);
        pv.multiply(z, 0, d, b, 0, d, c, 0, d, rows, d, d, false);
        pv.multiply(z, 0, d, b, 0, d, c, 0, d, rows, d, d, true);
    }
}
