package org.repcollapse.model;

import java.util.Arrays;

/**
 * Small dense linear algebra on flat row-major {@code double[]} arrays (d x d heads, K x d label
 * blocks, N x D inputs), for the places that run inside a flow or a Jacobian and so must not
 * allocate per call. Where speed does not matter, use Hipparchus' {@code RealMatrix} and
 * {@code EigenDecomposition} instead. Every sum runs over its index in increasing order, so a
 * caller that replaced a hand-written loop by one of these gets the same bits.
 */
public final class SmallMatrices {

    private SmallMatrices() {
    }

    /** {@code u . v} over the whole arrays. */
    public static double dot(double[] u, double[] v) {
        return dot(u, 0, v, 0, u.length);
    }

    /** {@code sum_k u[uo + k] v[vo + k]} for k below n. */
    public static double dot(double[] u, int uo, double[] v, int vo, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += u[uo + k] * v[vo + k];
        }
        return s;
    }

    /** The Euclidean norm {@code |v|}. */
    public static double norm(double[] v) {
        return norm(v, 0, v.length);
    }

    /** The Euclidean norm of {@code v[off .. off + n)}. */
    public static double norm(double[] v, int off, int n) {
        return Math.sqrt(dot(v, off, v, off, n));
    }

    /** {@code M^T} of the d x d matrix M stored at {@code m[m0 ..]}, as a new array. */
    public static double[] transpose(double[] m, int m0, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[j * d + i] = m[m0 + i * d + j];
            }
        }
        return out;
    }

    /** {@code C = X Y} for d x d matrices, accumulated row by row (i, k, j order) into {@code c[c0 ..]}. */
    public static void multiply(double[] x, int x0, double[] y, int y0, double[] c, int c0, int d) {
        Arrays.fill(c, c0, c0 + d * d, 0.0);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double xik = x[x0 + i * d + k];
                int yr = y0 + k * d;
                int cr = c0 + i * d;
                for (int j = 0; j < d; j++) {
                    c[cr + j] += xik * y[yr + j];
                }
            }
        }
    }

    /**
     * {@code C = X Y^T}: {@code c[c0 + a * cols + m] = x_a . y_m} for the rows x inner matrix X at
     * {@code x[x0 ..]} and the cols x inner matrix Y at {@code y[y0 ..]}.
     */
    public static void multiplyTransposed(double[] x, int x0, int rows, int inner, double[] y, int y0, int cols,
            double[] c, int c0) {
        // four entries of a row at a time: four independent sums, each in the order of dot(), so the
        // same bits as dot() with four times the throughput of one latency-bound chain
        for (int a = 0; a < rows; a++) {
            int xa = x0 + a * inner;
            int ca = c0 + a * cols;
            int m = 0;
            for (; m + 3 < cols; m += 4) {
                int y1 = y0 + m * inner;
                int y2 = y1 + inner;
                int y3 = y2 + inner;
                int y4 = y3 + inner;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                double s4 = 0;
                for (int k = 0; k < inner; k++) {
                    double xk = x[xa + k];
                    s1 += xk * y[y1 + k];
                    s2 += xk * y[y2 + k];
                    s3 += xk * y[y3 + k];
                    s4 += xk * y[y4 + k];
                }
                c[ca + m] = s1;
                c[ca + m + 1] = s2;
                c[ca + m + 2] = s3;
                c[ca + m + 3] = s4;
            }
            for (; m < cols; m++) {
                c[ca + m] = dot(x, xa, y, y0 + m * inner, inner);
            }
        }
    }

    /** {@code out[o + i] = sum_k M_ik v[v0 + k]} for the d x d matrix M at {@code m[m0 ..]}. */
    public static void apply(double[] m, int m0, double[] v, int v0, double[] out, int o, int d) {
        for (int i = 0; i < d; i++) {
            out[o + i] = dot(m, m0 + i * d, v, v0, d);
        }
    }

    /** {@code out[o + a] = sum_k M_ka v[v0 + k]}: the transpose of the d x d matrix M at {@code m[m0 ..]} applied to v. */
    public static void applyTransposed(double[] m, int m0, double[] v, int v0, double[] out, int o, int d) {
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += m[m0 + k * d + a] * v[v0 + k];
            }
            out[o + a] = s;
        }
    }

    /**
     * The head's Gram {@code B = P^T P + keep I} of the d x d head P at {@code z[p ..]}, as rows
     * (the form Hipparchus' matrices take).
     */
    public static double[][] headGram(double[] z, int p, int d, double keep) {
        double[][] b = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += z[p + k * d + i] * z[p + k * d + j];
                }
                b[i][j] = s + (i == j ? keep : 0.0);
            }
        }
        return b;
    }

    /** The head's Gram {@code B = P^T P + keep I} of the d x d head P at {@code z[p ..]}, into {@code out[o ..]}. */
    public static void headGram(double[] z, int p, int d, double keep, double[] out, int o) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += z[p + k * d + i] * z[p + k * d + j];
                }
                out[o + i * d + j] = s + (i == j ? keep : 0.0);
            }
        }
    }

    /**
     * The Gram {@code G_ij = f_i . f_j} of the rows of the rows x cols matrix F at {@code f[f0 ..]}
     * (upper triangle summed, mirrored).
     */
    public static double[][] rowGram(double[] f, int f0, int rows, int cols) {
        double[][] g = new double[rows][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = i; j < rows; j++) {
                double s = dot(f, f0 + i * cols, f, f0 + j * cols, cols);
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }
}
