package org.repcollapse.dynamics;

/**
 * A small ODE with its analytic Jacobian as a {@link StiffOde}, solved by {@link DenseShiftedSystem}
 * (tests only), counting its evaluations. {@code jacobianScale != 1} offers a deliberately wrong
 * Jacobian {@code s J} (not exact), for the W-method property.
 */
final class DenseStiffOde implements StiffOde {

    @FunctionalInterface
    interface Rhs {
        void at(double[] y, double[] out);
    }

    private final int n;
    private final Rhs rhs;
    private final DenseShiftedSystem.Jacobian jacobian;
    private final double jacobianScale;
    private final boolean offersSolve;
    long evaluations;

    DenseStiffOde(int n, Rhs rhs, DenseShiftedSystem.Jacobian jacobian) {
        this(n, rhs, jacobian, 1.0, true);
    }

    private DenseStiffOde(int n, Rhs rhs, DenseShiftedSystem.Jacobian jacobian, double jacobianScale, boolean offersSolve) {
        this.n = n;
        this.rhs = rhs;
        this.jacobian = jacobian;
        this.jacobianScale = jacobianScale;
        this.offersSolve = offersSolve;
    }

    /** The same flow, offering the Jacobian scaled by s (an approximate one when s != 1). */
    DenseStiffOde withJacobianScaled(double s) {
        return new DenseStiffOde(n, rhs, jacobian, s, offersSolve);
    }

    /** The same flow, but {@link #shiftedSystem()} returns null (no structured solve). */
    DenseStiffOde withoutSolve() {
        return new DenseStiffOde(n, rhs, jacobian, jacobianScale, false);
    }

    @Override
    public int getDimension() {
        return n;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        double[] out = new double[n];
        computeDerivatives(t, y, out);
        return out;
    }

    @Override
    public void computeDerivatives(double t, double[] z, double[] out) {
        evaluations++;
        rhs.at(z, out);
    }

    @Override
    public ShiftedSystem shiftedSystem() {
        if (!offersSolve) {
            return null;
        }
        double s = jacobianScale;
        DenseShiftedSystem.Jacobian j = s == 1.0 ? jacobian : (t, z, out) -> {
            jacobian.at(t, z, out);
            for (double[] row : out) {
                for (int k = 0; k < row.length; k++) {
                    row[k] *= s;
                }
            }
        };
        return new DenseShiftedSystem(n, j, s == 1.0);
    }
}
