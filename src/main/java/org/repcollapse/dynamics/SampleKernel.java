package org.repcollapse.dynamics;

/**
 * The per-sample work of the full-N drives over the sample rows {@code from <= i < to} (row i of
 * z and g at {@code i d}). Head (spec section 3), with weights {@code w_i = |S_i|}, the symmetric
 * {@code B} and shared rows h: {@code g_i += w_i B x_i - h_{r(i)}} ({@link #addProducts}) and
 * {@code M = sum_i w_i x_i x_i^T} ({@link #weightedMoment}); embedding only (section 2):
 * {@code g_i = scale sum_{c in S_i} (x_i - y_c)} ({@link #writeAlignmentDrive}); both: the class
 * sums {@code s_c = sum_{i : c in S_i} x_i} ({@link #classSums}); and the small dense products
 * {@code C = X M} of the label and head rows ({@link #multiply}).
 *
 * <p>Every element is computed by one fixed sequence of rounded operations, whatever the
 * implementation, the vector width or the thread count, so both implementations give the same
 * bits: {@code t = 0; t = fma(B_kj, x_ik, t) for k = 0..d-1; g_ij = fma(t, w_i, g_ij) - h_{r(i) j}},
 * {@code M_kj = 0; M_kj = fma(w_i x_ij, x_ik, M_kj) for i = from..to-1} on the upper triangle
 * {@code j >= k}, mirrored below it, {@code a = 0; a += x_ij - y_cj in edge order; g_ij = a scale},
 * {@code s_cj = 0; s_cj += x_ij} in edge order, and {@code C_ij = 0; C_ij = fma(X_ik, M_kj, C_ij) for k = 0..}.
 *
 * <p>{@link #selected()} is chosen once by the rule of {@link Kernel}: {@link VectorSampleKernel} or
 * {@link ScalarSampleKernel}. Its small products ({@link #multiply}) are its own, not the {@link ProductKernel}'s:
 * the same chain per element, but an embedding run then compiles one kernel family only (routing
 * them through the product kernel cost 0.4-0.5 s of JIT per whole run, measured on case (a) with
 * the reduced solver). Instances are stateless and thread-safe.
 */
public abstract class SampleKernel extends Kernel {

    private static final SampleKernel SCALAR_KERNEL = new ScalarSampleKernel();
    private static final SampleKernel SELECTED = choose(SampleKernel.class, "VectorSampleKernel", SCALAR_KERNEL);

    private final ProductKernel products;

    SampleKernel(String name, ProductKernel products) {
        super(name);
        this.products = products;
    }

    /** The kernel in use (chosen once, at class initialisation). */
    public static SampleKernel selected() {
        return SELECTED;
    }

    /** The scalar kernel (always available). */
    static SampleKernel scalar() {
        return SCALAR_KERNEL;
    }

    /** A new Vector API kernel; only when {@link Kernel#vectorModulePresent()}. */
    static SampleKernel vector() {
        return create(SampleKernel.class, "VectorSampleKernel");
    }

    /** The large-product kernel of the same implementation ({@link ProductKernel#selected()} is the selected one's). */
    ProductKernel products() {
        return products;
    }

    /**
     * {@code g_i += w_i B x_i - h_{r(i)}} for the rows {@code from <= i < to}: per element
     * {@code t = sum_k B_kj x_ik} (a chain of fma in k order, from 0), then
     * {@code g_ij = fma(t, w_i, g_ij) - h[r(i) d + j]}. B is row-major d x d and symmetric (the sum
     * runs down column j, which is row j).
     *
     * @param rowOf r(i), the row of h subtracted from sample i
     * @param work scratch of length at least d (not shared with a concurrent call)
     */
    public abstract void addProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, double[] g, double[] work);

    /**
     * {@code g_i = scale (w_i B x_i - h_{r(i)})}, the rows overwritten: per element
     * {@code (fma(t, w_i, 0) - h[r(i) d + j]) scale} with t as in {@link #addProducts}, the bits of
     * clearing the rows, {@link #addProducts} and scaling.
     */
    public abstract void writeProducts(double[] b, int d, double[] z, double[] w, double[] h, int[] rowOf,
            int from, int to, double scale, double[] g, double[] work);

    /**
     * Writes {@code m = sum_{from <= i < to} w_i x_i x_i^T} (row-major d x d): on {@code j >= k} a
     * chain of {@code fma(w_i x_ij, x_ik, m_kj)} in i order from 0, mirrored to {@code j < k}.
     */
    public abstract void weightedMoment(double[] z, int d, double[] w, int from, int to, double[] m);

    /**
     * Writes {@code s_c = sum x_i} over the edges {@code (i, c)} of the rows {@code from <= i < to}
     * (row c of s at {@code c d}; the classes of sample i are {@code classes[offsets[i] .. offsets[i+1]-1]}),
     * added in edge order; rows of classes without an edge are 0.
     */
    public abstract void classSums(double[] z, int d, int[] offsets, int[] classes, int from, int to, double[] s);

    /**
     * Writes {@code g_i = scale sum_{c in S_i} (x_i - y_c)} for the rows {@code from <= i < to}
     * (y_c at {@code y0 + c d} in z): per element the differences added in edge order to 0, then
     * multiplied by scale; and the class sums as {@link #classSums}.
     */
    public abstract void writeAlignmentDrive(double[] z, int d, int y0, int[] offsets, int[] classes, int from,
            int to, double scale, double[] g, double[] s);

    /**
     * Writes the small product {@code C = X M}: X is rows x inner at x0, M is inner x d at m0, C is
     * rows x d at c0 (all row-major; C must not overlap X or M); per element a chain of
     * {@code fma(X_ik, M_kj, C_ij)} in k order from 0. For the d x d and K x d products of the
     * label and head rows.
     */
    public abstract void multiply(double[] x, int x0, int rows, int inner, double[] m, int m0, int d,
            double[] c, int c0);

    /** {@code m_jk = m_kj} for {@code j > k}: the lower triangle from the upper one. */
    static void mirror(double[] m, int d) {
        for (int k = 1; k < d; k++) {
            for (int j = 0; j < k; j++) {
                m[k * d + j] = m[j * d + k];
            }
        }
    }
}
