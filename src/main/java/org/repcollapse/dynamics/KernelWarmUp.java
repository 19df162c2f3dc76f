package org.repcollapse.dynamics;

import java.util.Arrays;

/**
 * Compiles the Vector API kernels before they are used. Interpreted, a Vector API operation
 * allocates and dispatches, so until the JIT has compiled a kernel it is many times slower than
 * the scalar one; both give the same bits ({@link SampleKernel}, {@link ProductKernel}). So
 * {@link SampleKernel#selected()} and {@link ProductKernel#selected()} hand out the scalar kernels
 * while one background daemon thread runs the vector ones on small inputs of a few shapes past the
 * compilation thresholds and until they run at compiled speed, and the vector kernels from then on. Which of the
 * two a call uses never changes a result; a short run saves the cold vector code (measured in
 * {@code bench/stiff.sh}), a long one is vector from its first fraction of a second.
 */
final class KernelWarmUp {

    /** Rounds over every kernel method at least: C2's thresholds are passed after about 5000 (JDK 17). */
    static final int ROUNDS = 8000;
    /** Rounds at most (a cap: the warm-up ends even where the JIT never compiles). */
    static final int MAX_ROUNDS = 60000;
    /** Rounds per timed batch; compiled, a round takes a few microseconds. */
    private static final int BATCH = 500;
    /** A batch faster than this (10 us a round) counts as compiled: the vector code is intrinsified. */
    private static final long COMPILED_BATCH_NANOS = 5_000_000L;

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

    /**
     * Every method of both kernels, on dimensions with and without a partial vector (32, 16, 6), at
     * least {@link #ROUNDS} rounds and then until a batch of rounds runs at compiled speed (C2
     * compiles in the background: the thresholds passed is not yet the code compiled).
     */
    static void run(SampleKernel v, ProductKernel pv) {
        int[] dims = {16, 6, 32};
        for (int round = 0; round < MAX_ROUNDS; round += BATCH) {
            long t0 = System.nanoTime();
            for (int r = round; r < round + BATCH; r++) {
                exercise(v, pv, dims[r % dims.length], (r & 4) == 0 ? 8 : 5);
            }
            if (round + BATCH >= ROUNDS && System.nanoTime() - t0 < COMPILED_BATCH_NANOS) {
                return;
            }
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
