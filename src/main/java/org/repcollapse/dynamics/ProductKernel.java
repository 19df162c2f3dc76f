package org.repcollapse.dynamics;

/**
 * The large dense products of the teacher-student drive ({@link StudentAlignmentLoss},
 * {@link StudentPredictorLoss}): {@code C = X M} or {@code C += X M} with X rows x inner, M inner x cols,
 * C rows x cols, each row-major at an offset with its own row stride (leading dimension), as BLAS's dgemm.
 *
 * <p>Every element is one chain of rounded operations, whatever the implementation, the vector
 * width or the blocking: {@code c = add ? C_ij : 0; c = fma(X_ik, M_kj, c) for k = 0 .. inner-1; C_ij = c}.
 * So {@link ScalarProductKernel} and {@link VectorProductKernel} give the same bits.
 *
 * <p>{@link #selected()} is the product kernel of {@link SampleKernel#selected()} (chosen by the rule
 * of {@link Kernel}), so the two always agree. Instances are stateless and thread-safe.
 */
public abstract class ProductKernel extends Kernel {

    ProductKernel(String name) {
        super(name);
    }

    /** The kernel in use: that of {@link SampleKernel#selected()}. */
    public static ProductKernel selected() {
        return SampleKernel.selected().products();
    }

    /** The scalar kernel (always available): that of {@link SampleKernel#scalar()}. */
    static ProductKernel scalar() {
        return SampleKernel.scalar().products();
    }

    /** A new Vector API kernel; only when {@link Kernel#vectorModulePresent()}. */
    static ProductKernel vector() {
        return create(ProductKernel.class, "VectorProductKernel");
    }

    /**
     * {@code C = X M} ({@code add} false) or {@code C += X M} ({@code add} true): X at {@code x0} with
     * row stride {@code ldx}, M at {@code m0} with row stride {@code ldm}, C at {@code c0} with row
     * stride {@code ldc}; C must not overlap X or M. Per element {@code c = add ? C_ij : 0}, then
     * {@code c = fma(X_ik, M_kj, c)} for k = 0 .. inner-1.
     */
    public abstract void multiply(double[] x, int x0, int ldx, double[] m, int m0, int ldm,
            double[] c, int c0, int ldc, int rows, int inner, int cols, boolean add);

    /**
     * Columns {@code from <= j < to} of {@code C (+)= X M} by scalar fma, the same operation sequence
     * per element as {@link #multiply}: short chains ({@code inner <= SHORT}, the d x d and K x d
     * products of the small drives) one element at a time in a register; long ones with k outermost,
     * so that the chains of all rows and columns run side by side (no latency-bound single chain).
     */
    static void scalarColumns(double[] x, int x0, int ldx, double[] m, int m0, int ldm,
            double[] c, int c0, int ldc, int rows, int inner, int from, int to, boolean add) {
        if (inner <= SHORT) {
            for (int i = 0; i < rows; i++) {
                int ci = c0 + i * ldc;
                int xi = x0 + i * ldx;
                for (int j = from; j < to; j++) {
                    double t = add ? c[ci + j] : 0.0;
                    for (int k = 0; k < inner; k++) {
                        t = Math.fma(x[xi + k], m[m0 + k * ldm + j], t);
                    }
                    c[ci + j] = t;
                }
            }
            return;
        }
        if (!add) {
            for (int i = 0; i < rows; i++) {
                java.util.Arrays.fill(c, c0 + i * ldc + from, c0 + i * ldc + to, 0.0);
            }
        }
        for (int k = 0; k < inner; k++) {
            int mk = m0 + k * ldm;
            for (int i = 0; i < rows; i++) {
                double xk = x[x0 + i * ldx + k];
                int ci = c0 + i * ldc;
                for (int j = from; j < to; j++) {
                    c[ci + j] = Math.fma(xk, m[mk + j], c[ci + j]);
                }
            }
        }
    }

    /** The longest k chain {@link #scalarColumns} runs one element at a time. */
    private static final int SHORT = 16;
}
