package org.repcollapse.dynamics;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * The linear teacher-student model without a head (spec section 5), solved exactly: for each
 * embedding coordinate a row w of W and the labels y obey {@code d(w, y)/dt = -R H (w, y)},
 * {@code H = [[C, -M^T], [-M, diag(n)]]}, {@code R = diag(eta_W, gamma/n_c)},
 * {@code C = sum_E xi xi^T = F^T F}, {@code M_c} the class input sums. Components of w outside the
 * input row space ({@code F = U S V^T}) are frozen; on it {@code H = [[S^2, -(M V)^T], [-M V, diag n]]},
 * of size {@code rank + K <= min(N, D) + K}. The row space from the inputs' Gram
 * ({@link org.repcollapse.model.InputRowSpace}), then one symmetric eigendecomposition.
 */
public final class StudentLinearFlow implements LinearFlow {

    private final StudentLayout layout;
    /** Orthonormal basis of the input row space, D x r row-major. */
    private final double[] basis;
    private final int rank;
    private final SymmetrizableOperator operator;

    public StudentLinearFlow(InputStatistics stats, StudentLayout layout, double etaW, double gamma) {
        this.layout = layout;
        int k = stats.classes();
        org.repcollapse.model.InputRowSpace rs = stats.rowSpace();
        rank = rs.rank();
        double[] sv = rs.singularValues();
        basis = rs.basis();
        double[] mv = stats.classSumsInRowSpace();
        int n = rank + k;
        double[] rates = new double[n];
        double[][] h = new double[n][n];
        for (int j = 0; j < rank; j++) {
            rates[j] = etaW;
            h[j][j] = sv[j] * sv[j];
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < rank; j++) {
                double t = mv[c * rank + j];
                h[rank + c][j] = -t;
                h[j][rank + c] = -t;
            }
            int nc = stats.degree(c);
            h[rank + c][rank + c] = nc;
            rates[rank + c] = nc > 0 ? gamma / nc : 1.0; // a label without inputs has a zero row of H: never moves
        }
        operator = new SymmetrizableOperator(rates, h);
    }

    public SymmetrizableOperator operator() {
        return operator;
    }

    /** Dimension of the input row space. */
    public int rank() {
        return rank;
    }

    /** The reduced state: r rows {@code V^T w} then K label rows, each of length d. */
    private double[] reduced(double[] z) {
        int d = layout.dim();
        int dd = layout.inputDim();
        double[] s = new double[(rank + layout.classes()) * d];
        for (int a = 0; a < d; a++) {
            int wr = layout.w() + a * dd;
            for (int b = 0; b < dd; b++) {
                double w = z[wr + b];
                if (w == 0.0) {
                    continue;
                }
                int row = b * rank;
                for (int j = 0; j < rank; j++) {
                    s[j * d + a] += basis[row + j] * w;
                }
            }
        }
        for (int c = 0; c < layout.classes(); c++) {
            System.arraycopy(z, layout.y(c), s, (rank + c) * d, d);
        }
        return s;
    }

    @Override
    public Solution solve(double[] z0) {
        int d = layout.dim();
        int dd = layout.inputDim();
        double[] start = reduced(z0);
        double[] c = operator.coordinates(start, d);
        double[] now = new double[start.length];
        double[] change = new double[rank];
        double[] w0 = z0.clone();
        return (t, out) -> {
            operator.state(t, c, d, now);
            for (int a = 0; a < d; a++) {
                for (int j = 0; j < rank; j++) {
                    change[j] = now[j * d + a] - start[j * d + a];
                }
                int wr = layout.w() + a * dd;
                for (int b = 0; b < dd; b++) {
                    int row = b * rank;
                    double s = w0[wr + b];
                    for (int j = 0; j < rank; j++) {
                        s += basis[row + j] * change[j];
                    }
                    out[wr + b] = s;
                }
            }
            for (int cl = 0; cl < layout.classes(); cl++) {
                System.arraycopy(now, (rank + cl) * d, out, layout.y(cl), d);
            }
        };
    }

    @Override
    public LabelModes labelModes(double[] z0) {
        int d = layout.dim();
        return LabelModes.of(operator, operator.coordinates(reduced(z0), d), rank, layout.classes(), d);
    }

    @Override
    public int operatorSize() {
        return operator.size();
    }

    @Override
    public int decompositions() {
        return 2;
    }
}
