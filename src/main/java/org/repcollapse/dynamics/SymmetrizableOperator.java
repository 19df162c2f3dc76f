package org.repcollapse.dynamics;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * A linear generator {@code A = R H}, R a positive diagonal of rates and H symmetric positive
 * semi-definite, diagonalised once through the symmetric matrix {@code R^1/2 H R^1/2 = V Lambda V^T}:
 * {@code exp(-A t) = R^1/2 V exp(-Lambda t) V^T R^-1/2}. Every flow without a head has this form
 * per embedding coordinate (spec R1 and section 5); the state is n x d, one column per coordinate.
 */
public final class SymmetrizableOperator {

    private final int n;
    private final double[] rateSqrt;
    private final double[] lambda;
    /** Column j of V, stored as row j: {@code v[j * n + m]}. */
    private final double[] v;

    /**
     * @param rates the diagonal of R (all positive)
     * @param h     the symmetric matrix H, n x n
     */
    public SymmetrizableOperator(double[] rates, double[][] h) {
        n = rates.length;
        rateSqrt = new double[n];
        for (int a = 0; a < n; a++) {
            rateSqrt[a] = Math.sqrt(rates[a]);
        }
        RealMatrix s = MatrixUtils.createRealMatrix(n, n);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                s.setEntry(a, b, rateSqrt[a] * h[a][b] * rateSqrt[b]);
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(s);
        double[] ev = eig.getEigenvalues();
        double max = 0;
        for (double l : ev) {
            max = Math.max(max, Math.abs(l));
        }
        lambda = new double[n];
        v = new double[n * n];
        for (int j = 0; j < n; j++) {
            // H is PSD: eigenvalues at rounding level are the exact zeros of the kernel (conserved modes)
            lambda[j] = ev[j] <= 1.0e-12 * max ? 0.0 : ev[j];
            double[] u = eig.getEigenvector(j).toArray();
            System.arraycopy(u, 0, v, j * n, n);
        }
    }

    public int size() {
        return n;
    }

    /** The eigenvalues of A (those of {@code R^1/2 H R^1/2}), in the decomposition's order; kernel ones set to 0. */
    public double[] eigenvalues() {
        return lambda.clone();
    }

    public double eigenvalue(int j) {
        return lambda[j];
    }

    /** Entry m of mode j of A in state coordinates, {@code (R^1/2 v_j)_m}. */
    public double mode(int j, int m) {
        return rateSqrt[m] * v[j * n + m];
    }

    /**
     * Modal coordinates {@code c = V^T R^-1/2 z} of a state given as n x d (row-major, rows m):
     * returns n x d, row j the amplitude of mode j on each coordinate.
     */
    public double[] coordinates(double[] z, int d) {
        double[] scaled = new double[n * d];
        for (int m = 0; m < n; m++) {
            for (int a = 0; a < d; a++) {
                scaled[m * d + a] = z[m * d + a] / rateSqrt[m];
            }
        }
        double[] c = new double[n * d];
        for (int j = 0; j < n; j++) {
            int vj = j * n;
            for (int m = 0; m < n; m++) {
                double w = v[vj + m];
                if (w == 0.0) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    c[j * d + a] += w * scaled[m * d + a];
                }
            }
        }
        return c;
    }

    /**
     * The state {@code exp(-A t) z} (n x d, row-major) from its modal coordinates c
     * ({@link #coordinates}), written to out: {@code R^1/2 V exp(-Lambda t) c}.
     */
    public void state(double t, double[] c, int d, double[] out) {
        java.util.Arrays.fill(out, 0, n * d, 0.0);
        for (int j = 0; j < n; j++) {
            double decay = lambda[j] == 0.0 ? 1.0 : Math.exp(-lambda[j] * t);
            if (decay == 0.0) {
                continue;
            }
            int vj = j * n;
            for (int m = 0; m < n; m++) {
                double w = v[vj + m] * decay;
                for (int a = 0; a < d; a++) {
                    out[m * d + a] += w * c[j * d + a];
                }
            }
        }
        for (int m = 0; m < n; m++) {
            for (int a = 0; a < d; a++) {
                out[m * d + a] *= rateSqrt[m];
            }
        }
    }
}
