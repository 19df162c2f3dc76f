package org.repcollapse.dynamics;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.model.StateLayout;

/**
 * The analytic Jacobian {@code J = d(dz/dt)/dz = -R sum_terms dG/dz} of a {@link GradientFlow}:
 * each loss term contributes its own block ({@link LossTerm#driveJacobian()}, e.g.
 * {@link AlignmentJacobian}, {@link PredictorJacobian}). For terms without stop-gradient dG/dz is
 * the (symmetric) Hessian of the loss; with stop-gradient J is not symmetric in any metric.
 *
 * <p>Dense storage ({@link #at}) costs {@code 8 n^2} bytes and is meant for small problems and
 * tests; {@link #times} gives {@code J v} without it.
 */
public final class FlowJacobian {

    private final StateLayout layout;
    private final GradientFlow flow;
    private final double[] rate;
    private final List<DriveJacobian> blocks = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when a term of the flow has no analytic drive Jacobian
     */
    public FlowJacobian(GradientFlow flow) {
        this.layout = flow.layout();
        this.flow = flow;
        this.rate = flow.rates();
        for (LossTerm t : flow.terms()) {
            DriveJacobian j = t.driveJacobian();
            if (j == null) {
                throw new IllegalArgumentException("no analytic Jacobian for " + t.getClass().getSimpleName());
            }
            blocks.add(j);
        }
    }

    public static FlowJacobian of(EmbeddingSystem system) {
        return new FlowJacobian(system.flow());
    }

    public int dimension() {
        return layout.dimension();
    }

    /** The analytic Jacobian of dz/dt at z, n x n. */
    public double[][] at(double[] z) {
        int n = layout.dimension();
        double[][] h = new double[n][n];
        for (DriveJacobian j : blocks) {
            j.addTo(z, h);
        }
        for (int r = 0; r < n; r++) {
            double f = -rate[r];
            double[] row = h[r];
            for (int c = 0; c < n; c++) {
                row[c] *= f;
            }
        }
        return h;
    }

    /**
     * {@code out = J v} at z without forming J, in {@code O(|E| d^2)}: each term's linearised drive
     * ({@link DriveJacobian#addTimes}), scaled by {@code -R}.
     */
    public void times(double[] z, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (DriveJacobian j : blocks) {
            j.addTimes(z, v, out);
        }
        for (int r = 0; r < out.length; r++) {
            out[r] *= -rate[r];
        }
    }

    /** Central finite differences of dz/dt, step {@code eps * max(1, |z_k|)}: an independent check. */
    public double[][] finiteDifference(double[] z, double eps) {
        int n = layout.dimension();
        double[][] j = new double[n][n];
        double[] w = z.clone();
        for (int k = 0; k < n; k++) {
            double hk = eps * Math.max(1.0, Math.abs(z[k]));
            w[k] = z[k] + hk;
            double[] fp = flow.derivative(w);
            w[k] = z[k] - hk;
            double[] fm = flow.derivative(w);
            w[k] = z[k];
            for (int r = 0; r < n; r++) {
                j[r][k] = (fp[r] - fm[r]) / (2 * hk);
            }
        }
        return j;
    }
}
