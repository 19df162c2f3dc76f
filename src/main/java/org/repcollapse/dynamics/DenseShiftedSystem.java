package org.repcollapse.dynamics;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * {@link ShiftedSystem} by brute force, for SMALL problems only (tests, the standard stiff test
 * problems): the dense Jacobian J (a given function, or forward differences of f), and
 * {@code M = I - c J} factorised by Hipparchus' LU with partial pivoting. Costs O(n^2) memory and
 * O(n^3) per factorisation, and allocates per solve; the flows use their structured solves instead.
 */
public final class DenseShiftedSystem implements ShiftedSystem {

    /** Writes the Jacobian {@code df/dz} at (t, z) into {@code out} (n x n, every entry). */
    @FunctionalInterface
    public interface Jacobian {
        void at(double t, double[] z, double[][] out);
    }

    private final int n;
    private final Jacobian jacobian;
    private final boolean exact;
    private final double[][] j;
    private final double[][] m;
    private DecompositionSolver lu;

    /**
     * @param exact whether {@code jacobian} is the exact Jacobian of the flow (reported by {@link #exact()})
     */
    public DenseShiftedSystem(int n, Jacobian jacobian, boolean exact) {
        this.n = n;
        this.jacobian = jacobian;
        this.exact = exact;
        this.j = new double[n][n];
        this.m = new double[n][n];
    }

    /**
     * Forward differences {@code (f(z + d e_k) - f(z)) / d}, {@code d = sqrt(eps) max(|z_k|, 1e-5)}
     * (n + 1 evaluations per linearisation, not counted by the integrator); not exact.
     */
    public static DenseShiftedSystem finiteDifferences(OrdinaryDifferentialEquation f) {
        int n = f.getDimension();
        return new DenseShiftedSystem(n, (t, z, out) -> {
            double[] f0 = f.computeDerivatives(t, z).clone();    // a flow may return its own buffer
            double[] zp = z.clone();
            for (int k = 0; k < n; k++) {
                double d = Math.sqrt(Math.ulp(1.0)) * Math.max(Math.abs(z[k]), 1e-5);
                zp[k] = z[k] + d;
                double[] fk = f.computeDerivatives(t, zp);
                for (int i = 0; i < n; i++) {
                    out[i][k] = (fk[i] - f0[i]) / d;
                }
                zp[k] = z[k];
            }
        }, false);
    }

    @Override
    public void linearise(double t, double[] z) {
        jacobian.at(t, z, j);
        lu = null;
    }

    @Override
    public void factor(double c) {
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                m[r][k] = (r == k ? 1.0 : 0.0) - c * j[r][k];
            }
        }
        lu = new LUDecomposition(new Array2DRowRealMatrix(m, false), 0.0).getSolver();
    }

    @Override
    public void solve(double[] v) {
        RealVector x = lu.solve(new ArrayRealVector(v, false));
        for (int k = 0; k < n; k++) {
            v[k] = x.getEntry(k);
        }
    }

    @Override
    public boolean exact() {
        return exact;
    }
}
