package org.repcollapse.dynamics;

/**
 * The {@link DriveJacobian} of a term that gives its linearised drive as a product
 * ({@link LinearisedLossTerm#addDriveDerivative}): {@code (dG/dz) v} directly, the dense block
 * column by column, {@code h e_k}, n products (for small problems and tests, as the dense Jacobian is).
 */
public final class ColumnJacobian implements DriveJacobian {

    private final LinearisedLossTerm term;

    public ColumnJacobian(LinearisedLossTerm term) {
        this.term = term;
    }

    @Override
    public void addTo(double[] z, double[][] h) {
        int n = z.length;
        double[] unit = new double[n];
        double[] column = new double[n];
        for (int k = 0; k < n; k++) {
            unit[k] = 1.0;
            java.util.Arrays.fill(column, 0.0);
            term.addDriveDerivative(z, unit, column);
            unit[k] = 0.0;
            for (int r = 0; r < n; r++) {
                h[r][k] += column[r];
            }
        }
    }

    @Override
    public void addTimes(double[] z, double[] v, double[] out) {
        term.addDriveDerivative(z, v, out);
    }
}
