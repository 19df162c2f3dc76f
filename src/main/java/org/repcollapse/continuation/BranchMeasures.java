package org.repcollapse.continuation;

import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.model.ClassCoupling;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.theory.HeadTheory;

/**
 * What a branch point says about the label geometry: the label separations {@code |y_a - y_b|}, the
 * transition spectrum {@code tau_k} of the weights, and with a head the head eigenvalue on each
 * label mode {@code v_k = sum_c n_c u_k[c] y_c}, {@code sqrt(v^T P^2 v / v^T v)}, next to R5's
 * {@code sqrt(tau_k)} (exact at a stop-gradient fixed point with invertible P; NaN for a mode that
 * is absent, {@code |v_k|} below {@link HeadTheory#COLLAPSED} of its scale, or lost, tau_k <= 0).
 */
public record BranchMeasures(double[] separations, double minSeparation, double[] tau, double[] measured,
                             double[] predicted, boolean[] present) {

    public static BranchMeasures of(GroupMeanFlow f, double[] z) {
        GroupWeights w = f.groups();
        int k = w.classes();
        int d = f.dim();
        LabelGeometry labels = new LabelGeometry(java.util.Arrays.copyOfRange(z, f.y(0), f.y(0) + k * d), k, d);
        double[] sep = labels.pairs();
        double min = labels.min();
        ClassCoupling cc = w.coupling();
        double[] tau = cc.eigenvalues();
        double[] n = w.classDegrees();
        double[] meas = new double[k];
        double[] pred = new double[k];
        boolean[] present = new boolean[k];
        for (int m = 0; m < k; m++) {
            pred[m] = tau[m] > HeadTheory.ZERO ? Math.sqrt(tau[m]) : Double.NaN;
            meas[m] = Double.NaN;
            if (!f.hasHead()) {
                continue;
            }
            double[] u = cc.mode(m);
            double[] v = new double[d];
            double scale = 0;
            for (int c = 0; c < k; c++) {
                double yc = 0;
                for (int i = 0; i < d; i++) {
                    v[i] += n[c] * u[c] * z[f.y(c) + i];
                    yc += z[f.y(c) + i] * z[f.y(c) + i];
                }
                scale += n[c] * Math.abs(u[c]) * Math.sqrt(yc);
            }
            double vv = SmallMatrices.dot(v, v);
            present[m] = Math.sqrt(vv) > HeadTheory.COLLAPSED * scale;
            if (present[m]) {
                double[] pv = apply(z, f.p(), d, v);
                double[] ppv = apply(z, f.p(), d, pv);
                meas[m] = Math.sqrt(Math.max(0.0, SmallMatrices.dot(v, ppv) / vv));
            }
        }
        return new BranchMeasures(sep, min, tau, meas, pred, present);
    }

    /** R5's {@code sqrt(tau_k)} of the weights (NaN for a lost mode). */
    public static double[] predicted(GroupWeights w) {
        double[] tau = w.coupling().eigenvalues();
        double[] p = new double[tau.length];
        for (int k = 0; k < tau.length; k++) {
            p[k] = tau[k] > HeadTheory.ZERO ? Math.sqrt(tau[k]) : Double.NaN;
        }
        return p;
    }

    /** {@code |measured / predicted - 1|} for mode k (NaN where either is undefined). */
    public double relativeDifference(int k) {
        return Math.abs(measured[k] / predicted[k] - 1);
    }

    private static double[] apply(double[] z, int p, int d, double[] v) {
        double[] out = new double[d];
        SmallMatrices.apply(z, p, v, 0, out, 0, d);
        return out;
    }
}
