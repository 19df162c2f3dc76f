package org.repcollapse.dynamics;

/**
 * A stand-in for the flows' structured solves (tests only): {@code Z' = A Z}, Z of size m x d
 * stored row-major, so {@code J = A (x) I_d}, with A = Q diag(lambda) Q^T for a rotation Q (m = 2).
 * Its {@link ShiftedSystem} inverts the small {@code I - c A} once per c and solves every column;
 * the exact solution is {@code Z(t) = Q diag(e^(lambda t)) Q^T Z(0)}.
 */
final class KroneckerTestFlow implements StiffOde {

    private final int d;
    private final double[][] a;
    private final double[] lambda;
    private final double[][] q;
    private final boolean offersSolve;
    private boolean approximate;

    /** lambda: the two eigenvalues; angle of the eigenvectors 0.3 rad. */
    KroneckerTestFlow(int d, double lambda1, double lambda2, boolean offersSolve) {
        this.d = d;
        this.lambda = new double[] {lambda1, lambda2};
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        q = new double[][] {{c, -s}, {s, c}};
        a = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                a[i][j] = q[i][0] * lambda1 * q[j][0] + q[i][1] * lambda2 * q[j][1];
            }
        }
        this.offersSolve = offersSolve;
    }

    /**
     * Makes the solve a W-method approximation: {@code I - c 0.9 A} in place of {@code I - c A} (a
     * Jacobian 10 % off, as a frozen one is), reported as not exact.
     */
    KroneckerTestFlow withApproximateSolve() {
        this.approximate = true;
        return this;
    }

    @Override
    public int getDimension() {
        return 2 * d;
    }

    @Override
    public double[] computeDerivatives(double t, double[] z) {
        double[] out = new double[2 * d];
        computeDerivatives(t, z, out);
        return out;
    }

    @Override
    public void computeDerivatives(double t, double[] z, double[] out) {
        for (int c = 0; c < d; c++) {
            double z0 = z[c];
            double z1 = z[d + c];
            out[c] = a[0][0] * z0 + a[0][1] * z1;
            out[d + c] = a[1][0] * z0 + a[1][1] * z1;
        }
    }

    /** {@code Z(t)} from Z(0). */
    double[] exact(double t, double[] z0) {
        double[][] e = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                e[i][j] = q[i][0] * Math.exp(lambda[0] * t) * q[j][0] + q[i][1] * Math.exp(lambda[1] * t) * q[j][1];
            }
        }
        double[] z = new double[2 * d];
        for (int c = 0; c < d; c++) {
            z[c] = e[0][0] * z0[c] + e[0][1] * z0[d + c];
            z[d + c] = e[1][0] * z0[c] + e[1][1] * z0[d + c];
        }
        return z;
    }

    int linearisations;
    int factorisations;

    @Override
    public ShiftedSystem shiftedSystem() {
        if (!offersSolve) {
            return null;
        }
        return new ShiftedSystem() {
            private final double[][] inv = new double[2][2];

            @Override
            public void linearise(double t, double[] z) {
                linearisations++;
            }

            /** The 2 x 2 inverse of I - c A in closed form. */
            @Override
            public void factor(double c) {
                factorisations++;
                double cj = approximate ? 0.9 * c : c;
                double m00 = 1 - cj * a[0][0];
                double m01 = -cj * a[0][1];
                double m10 = -cj * a[1][0];
                double m11 = 1 - cj * a[1][1];
                double det = m00 * m11 - m01 * m10;
                inv[0][0] = m11 / det;
                inv[0][1] = -m01 / det;
                inv[1][0] = -m10 / det;
                inv[1][1] = m00 / det;
            }

            @Override
            public void solve(double[] v) {
                for (int c = 0; c < d; c++) {
                    double v0 = v[c];
                    double v1 = v[d + c];
                    v[c] = inv[0][0] * v0 + inv[0][1] * v1;
                    v[d + c] = inv[1][0] * v0 + inv[1][1] * v1;
                }
            }

            @Override
            public boolean exact() {
                return !approximate;
            }
        };
    }

    /** A seeded initial state with entries in [-1, 1]. */
    double[] initialState(long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] z = new double[2 * d];
        for (int k = 0; k < z.length; k++) {
            z[k] = 2 * r.nextDouble() - 1;
        }
        return z;
    }
}
