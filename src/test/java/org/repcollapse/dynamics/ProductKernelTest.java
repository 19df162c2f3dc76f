package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link ProductKernel}s: {@code C = X M} and {@code C += X M} with row strides and offsets,
 * for row counts around the register tiles (1, 3, 4, 5, 8, 9, 13 rows) and column counts around the
 * vector chunks (1, 7, 8, 23, 24, 25, 53, 160 columns): (1) each kernel gives exactly the bits of the
 * defining sequence {@code c = add ? C_ij : 0; c = fma(X_ik, M_kj, c), k = 0..inner-1}, written here
 * as a naive triple loop, so the scalar and the Vector API kernels agree bit for bit; (2) the result
 * is the matrix product to rounding: a sum of n terms by fma lies within {@code gamma_n sum |terms|}
 * of the exact sum ({@code gamma_n = n u / (1 - n u)}, Higham 3.1), so the kernel and a plain
 * double loop differ by at most {@code 2 gamma_(inner+1) sum |terms|}; a wrong index or a missing
 * term is off by O(1) and fails; (3) nothing outside C's rows and columns is written.
 */
class ProductKernelTest {

    private static final double U = 0x1p-53;

    static Stream<Arguments> shapes() {
        List<Arguments> a = new ArrayList<>();
        for (String kernel : new String[] {"scalar", "vector"}) {
            for (int rows : new int[] {1, 3, 4, 5, 8, 9, 13}) {
                for (int cols : new int[] {1, 7, 8, 23, 24, 25, 53, 160}) {
                    for (int inner : new int[] {1, 6, 37}) {
                        a.add(Arguments.of(kernel, rows, inner, cols));
                    }
                }
            }
        }
        return a.stream();
    }

    private static ProductKernel kernel(String name) {
        if (name.equals("vector")) {
            assumeTrue(SampleKernel.vectorModulePresent(), "jdk.incubator.vector is not in the boot layer");
            return ProductKernel.vector();
        }
        return ProductKernel.scalar();
    }

    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = r.nextGaussian();
        }
        return v;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = Double.doubleToRawLongBits(v[k]);
        }
        return b;
    }

    @ParameterizedTest(name = "{0}: {1} x {2} times {2} x {3}")
    @MethodSource("shapes")
    void productIsTheDefiningFmaChainAndTheMatrixProduct(String name, int rows, int inner, int cols) {
        ProductKernel kernel = kernel(name);
        Random r = new Random(31L * rows + 7L * cols + inner);
        // strides wider than the blocks and offsets: the kernel must stay inside its rows and columns
        int ldx = inner + 2;
        int ldm = cols + 3;
        int ldc = cols + 5;
        int x0 = 1;
        int m0 = 2;
        int c0 = 3;
        double[] x = gaussian(r, x0 + rows * ldx);
        double[] m = gaussian(r, m0 + inner * ldm);
        double[] start = gaussian(r, c0 + rows * ldc + 4);
        for (boolean add : new boolean[] {false, true}) {
            double[] c = start.clone();
            kernel.multiply(x, x0, ldx, m, m0, ldm, c, c0, ldc, rows, inner, cols, add);
            double[] expected = start.clone();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int at = c0 + i * ldc + j;
                    double v = add ? start[at] : 0.0;
                    double sum = v;
                    double abs = Math.abs(v);
                    for (int k = 0; k < inner; k++) {
                        double xk = x[x0 + i * ldx + k];
                        double mk = m[m0 + k * ldm + j];
                        v = Math.fma(xk, mk, v);
                        sum += xk * mk;
                        abs += Math.abs(xk * mk);
                    }
                    expected[at] = v;
                    double bound = 2 * (inner + 1) * U / (1 - (inner + 1) * U) * abs;
                    assertEquals(sum, c[at], bound, "C[" + i + "][" + j + "] add " + add);
                }
            }
            // exactly the defining sequence (this covers the untouched entries between and after the rows too)
            assertArrayEquals(bits(expected), bits(c), "add " + add);
        }
    }
}
