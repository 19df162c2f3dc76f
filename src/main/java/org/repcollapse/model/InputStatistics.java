package org.repcollapse.model;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The sufficient statistics of the teacher-student inputs over the training edges E
 * (spec section 5): the edge second moment {@code C = sum_{(i,c) in E} xi_i xi_i^T} (D x D),
 * the per-class input sums {@code M_c = sum_{i : c in S_i} xi_i} (K x D) and the class
 * degrees {@code n_c}. The encoder flow needs {@code W C}, {@code W M_c} and {@code sum_c y_c M_c^T}
 * only, so its cost does not grow with N.
 *
 * <p>C is kept as a factor {@code F} (r x D, {@code F^T F = C}) of {@code r = min(N, D)} rows:
 * {@code F = diag(sqrt|S_i|) Xi} when {@code N <= D}, else the triangular factor R of a QR
 * decomposition of {@code diag(sqrt|S_i|) Xi}. Then {@code W C = (W F^T) F} costs
 * {@code 2 d D min(N, D)} instead of {@code d D^2}. Built once, O(N D min(N, D)).
 *
 * <p>For the drive, F and M are stacked into the basis {@code E = [F; M]} ((r+K) x D, {@link #basis()}),
 * also kept transposed ({@link #basisTransposed()}): then {@code W E^T = [W F^T, W M^T]} and
 * {@code G_W = [U, -V^T] E} are one dense product each.
 */
public final class InputStatistics {

    private final int inputDim;
    private final int classes;
    private final int rank;
    private final boolean triangular;
    /** {@code E = [F; M]}, (r+K) x D. */
    private final double[] basis;
    private final double[] classSums;
    private final int[] degree;
    private final double[] basisT;
    private final int basisStride;

    public InputStatistics(Teacher teacher, LabelStructure structure) {
        int n = structure.samples();
        int dd = teacher.inputDim();
        double[] xi = teacher.inputs();
        if (teacher.samples() != n) {
            throw new IllegalArgumentException(teacher.samples() + " inputs for " + n + " samples");
        }
        inputDim = dd;
        classes = structure.classes();
        degree = new int[classes];
        classSums = new double[classes * dd];
        for (int i = 0; i < n; i++) {
            for (int e = structure.labelStart(i); e < structure.labelStart(i + 1); e++) {
                int c = structure.edgeClass(e);
                for (int b = 0; b < dd; b++) {
                    classSums[c * dd + b] += xi[i * dd + b];
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            degree[c] = structure.classDegree(c);
        }
        rank = Math.min(n, dd);
        triangular = n > dd;
        basis = new double[(rank + classes) * dd];
        if (n <= dd) {
            for (int i = 0; i < n; i++) {
                double w = Math.sqrt(structure.labelCount(i));
                for (int b = 0; b < dd; b++) {
                    basis[i * dd + b] = w * xi[i * dd + b];
                }
            }
        } else {
            System.arraycopy(triangularFactor(structure, xi, dd), 0, basis, 0, dd * dd);
        }
        System.arraycopy(classSums, 0, basis, rank * dd, classes * dd);
        int m = rank + classes;
        basisStride = (m + 7) / 8 * 8;
        basisT = new double[dd * basisStride];
        for (int k = 0; k < m; k++) {
            for (int b = 0; b < dd; b++) {
                basisT[b * basisStride + k] = basis[k * dd + b];
            }
        }
    }

    /**
     * R (D x D) with {@code R^T R = sum_i |S_i| xi_i xi_i^T}: Householder QR of the weighted input
     * rows, taken in blocks {@code [R; next rows]} so memory stays O(D^2 + block D). Unlike an
     * eigen-decomposition of C it is exact and stable for rank-deficient inputs (sigma = 0).
     */
    private static double[] triangularFactor(LabelStructure structure, double[] xi, int dd) {
        int n = structure.samples();
        int block = Math.max(dd, 512);
        double[][] r = new double[dd][dd];
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            double[][] stack = new double[dd + end - start][];
            for (int a = 0; a < dd; a++) {
                stack[a] = r[a];
            }
            for (int i = start; i < end; i++) {
                double w = Math.sqrt(structure.labelCount(i));
                double[] row = new double[dd];
                for (int b = 0; b < dd; b++) {
                    row[b] = w * xi[i * dd + b];
                }
                stack[dd + i - start] = row;
            }
            RealMatrix upper = new QRDecomposition(MatrixUtils.createRealMatrix(stack)).getR();
            for (int a = 0; a < dd; a++) {
                for (int b = 0; b < dd; b++) {
                    r[a][b] = upper.getEntry(a, b);
                }
            }
        }
        double[] f = new double[dd * dd];
        for (int a = 0; a < dd; a++) {
            System.arraycopy(r[a], 0, f, a * dd, dd);
        }
        return f;
    }

    private InputRowSpace rowSpace;

    /** The inputs' row space and C's eigenvalues on it (computed once, then shared). */
    public synchronized InputRowSpace rowSpace() {
        if (rowSpace == null) {
            rowSpace = InputRowSpace.of(factor(), rank(), inputDim());
        }
        return rowSpace;
    }

    public int inputDim() {
        return inputDim;
    }

    public int classes() {
        return classes;
    }

    /** True when F is the upper triangular R (N > D): {@code F_kb = 0} exactly for {@code b < k}. */
    public boolean upperTriangular() {
        return triangular;
    }

    /** Rows r of the factor F. */
    public int rank() {
        return rank;
    }

    /**
     * F (r x D, row-major), {@code F^T F = C}, in the first r rows of the array (it is {@link #basis()});
     * read only by convention.
     */
    public double[] factor() {
        return basis;
    }

    /** {@code E = [F; M]} ((r+K) x D, row-major); read only by convention. */
    public double[] basis() {
        return basis;
    }

    /** {@code M} (K x D, row-major); read only by convention. */
    public double[] classSums() {
        return classSums;
    }

    /**
     * {@code M V} (K x r, row-major, a new array): the class input sums in the orthonormal basis V of
     * the input row space ({@link #rowSpace()}).
     */
    public double[] classSumsInRowSpace() {
        InputRowSpace rs = rowSpace();
        double[] out = new double[classes * rs.rank()];
        SmallMatrices.multiplyTransposed(classSums, 0, classes, inputDim, rs.basisT(), 0, rs.rank(), out, 0);
        return out;
    }

    /** {@code E^T} (D x (r+K), row stride {@link #basisStride()}, zero past column r+K); read only by convention. */
    public double[] basisTransposed() {
        return basisT;
    }

    /** Row stride of {@link #basisTransposed()}: r+K rounded up to a multiple of 8, so its rows fill whole vectors. */
    public int basisStride() {
        return basisStride;
    }

    public int degree(int c) {
        return degree[c];
    }

    /** {@code C = F^T F} as a dense D x D array (for analysis, not for the flow). */
    public double[][] secondMoment() {
        double[][] c = new double[inputDim][inputDim];
        for (int k = 0; k < rank; k++) {
            int row = k * inputDim;
            for (int a = 0; a < inputDim; a++) {
                double fa = basis[row + a];
                for (int b = 0; b < inputDim; b++) {
                    c[a][b] += fa * basis[row + b];
                }
            }
        }
        return c;
    }

    /** {@code xf = W F^T} (d x r) for W at {@code z[w0 ..]} (d x D). */
    public void project(double[] z, int w0, int dim, double[] xf) {
        SmallMatrices.multiplyTransposed(z, w0, dim, inputDim, basis, 0, rank, xf, 0);
    }

    /** {@code out = xf F = W C} (d x D), from {@link #project}'s {@code xf}. */
    public void expand(double[] xf, int dim, double[] out) {
        java.util.Arrays.fill(out, 0, dim * inputDim, 0.0);
        for (int a = 0; a < dim; a++) {
            int or = a * inputDim;
            for (int k = 0; k < rank; k++) {
                double s = xf[a * rank + k];
                int fr = k * inputDim;
                for (int b = 0; b < inputDim; b++) {
                    out[or + b] += s * basis[fr + b];
                }
            }
        }
    }


}
