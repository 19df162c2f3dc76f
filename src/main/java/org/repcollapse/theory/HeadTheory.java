package org.repcollapse.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.repcollapse.model.ClassCoupling;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;

/**
 * The self-consistency prediction for a shared head with stop-gradient (R5, R6). At a fixed
 * point with invertible P, {@code P x_i = mean_{c in S_i} y_c} and {@code P y_c = mean_{i : c in S_i} x_i},
 * hence {@code Y (P^2)^T = T Y}. A label mode {@code T u_k = tau_k u_k} lives in R^d along
 * {@code v_k = Y^T diag(n) u_k} (diag(n) u_k is the left eigenvector of T), and
 * {@code P^2 v_k = tau_k v_k}: the head carries eigenvalue modulus {@code p_k = sqrt(tau_k)} there.
 * A mode with {@code tau_k <= 0} cannot be carried and collapses (R6); the critical frustration
 * is the smallest phi at which some {@code tau_k}, k >= 1, reaches 0.
 */
public final class HeadTheory {

    /** An eigenvalue of T at or below this counts as lost (tau_k <= 0). */
    public static final double ZERO = 1.0e-12;

    private final LabelStructure structure;
    private final double[] tau;
    private final double[][] modes;

    public HeadTheory(LabelStructure structure) {
        this.structure = structure;
        ClassCoupling cc = new ClassCoupling(structure);
        tau = cc.eigenvalues();
        modes = new double[tau.length][];
        for (int k = 0; k < tau.length; k++) {
            modes[k] = cc.mode(k);
        }
    }

    public double[] tau() {
        return tau.clone();
    }

    public boolean survives(int k) {
        return tau[k] > ZERO;
    }

    /** {@code sqrt(tau_k)} for a surviving mode, NaN for a lost one. */
    public double headEigenvalue(int k) {
        return survives(k) ? Math.sqrt(tau[k]) : Double.NaN;
    }

    /**
     * The number of modes with {@code tau_k > 0}: an upper bound, a run with small d can still lose
     * some of them (K = 4, d = 4 lost two), which then carry no head eigenvalue.
     */
    public int survivingModes() {
        int n = 0;
        for (int k = 0; k < tau.length; k++) {
            if (survives(k)) {
                n++;
            }
        }
        return n;
    }

    /** The direction {@code v_k = Y^T diag(n) u_k = sum_c n_c u_k[c] y_c} of label mode k in R^d. */
    public double[] direction(Embeddings e, int k) {
        double[] v = new double[e.dim()];
        for (int c = 0; c < e.classes(); c++) {
            double w = structure.classDegree(c) * modes[k][c];
            for (int a = 0; a < e.dim(); a++) {
                v[a] += w * e.y(c, a);
            }
        }
        return v;
    }

    /** Relative size of {@code |v_k|} (against {@code sum_c n_c |u_k[c]| |y_c|}) below which mode k has collapsed. */
    public static final double COLLAPSED = 1.0e-6;

    /** Whether label mode k is still present in e (its direction has not shrunk to nothing). */
    public boolean present(Embeddings e, int k) {
        double[] v = direction(e, k);
        double scale = 0;
        for (int c = 0; c < e.classes(); c++) {
            double yc = 0;
            for (int a = 0; a < e.dim(); a++) {
                yc += e.y(c, a) * e.y(c, a);
            }
            scale += structure.classDegree(c) * Math.abs(modes[k][c]) * Math.sqrt(yc);
        }
        return Math.sqrt(SmallMatrices.dot(v, v)) > COLLAPSED * scale;
    }

    /** {@code P v}. */
    static double[] apply(Embeddings e, double[] v) {
        int d = e.dim();
        double[] out = new double[d];
        for (int a = 0; a < d; a++) {
            double s = 0;
            for (int b = 0; b < d; b++) {
                s += e.p(a, b) * v[b];
            }
            out[a] = s;
        }
        return out;
    }

    /** {@code ||Y (P^2)^T - T Y||_F}, the self-consistency residual (0 at an invertible-P sg fixed point). */
    public double residual(Embeddings e) {
        double[][] t = structure.transition();
        double sum = 0;
        for (int c = 0; c < e.classes(); c++) {
            double[] y = new double[e.dim()];
            for (int a = 0; a < e.dim(); a++) {
                y[a] = e.y(c, a);
            }
            double[] ppy = apply(e, apply(e, y));
            for (int a = 0; a < e.dim(); a++) {
                double ty = 0;
                for (int c2 = 0; c2 < e.classes(); c2++) {
                    ty += t[c][c2] * e.y(c2, a);
                }
                double r = ppy[a] - ty;
                sum += r * r;
            }
        }
        return Math.sqrt(sum);
    }

    /** {@code ||Y||_F}, the scale of {@link #residual}. */
    public static double labelNorm(Embeddings e) {
        double s = 0;
        for (int c = 0; c < e.classes(); c++) {
            for (int a = 0; a < e.dim(); a++) {
                s += e.y(c, a) * e.y(c, a);
            }
        }
        return Math.sqrt(s);
    }

    /**
     * The measured head eigenvalue modulus on mode k: {@code sqrt(v^T P^2 v / v^T v)}, v = v_k.
     * At a fixed point {@code P^2 v_k = tau_k v_k} exactly, so this is {@code sqrt(tau_k)}; P itself
     * maps v_k to the sample-side direction, which may differ from v_k (then P has eigenvalues
     * {@code +-sqrt(tau_k)} on their span), so the Rayleigh quotient of P is reported separately.
     */
    public double measuredEigenvalue(Embeddings e, int k) {
        return Math.max(0.0, modeEigenvalue(e, direction(e, k)));
    }

    /**
     * The head eigenvalue carried by any direction v (R5): {@code sqrt(v^T P^2 v / v^T v)}, read from
     * P^2 because at a stop-gradient fixed point P swaps v with the matching sample-mean direction
     * (eigenvalues {@code +-sqrt(tau_k)} on that plane); the sign of a negative quotient is kept.
     */
    public static double modeEigenvalue(Embeddings e, double[] v) {
        double q = SmallMatrices.dot(v, apply(e, apply(e, v))) / SmallMatrices.dot(v, v);
        return Math.signum(q) * Math.sqrt(Math.abs(q));
    }

    /** {@link #modeEigenvalue} on the label separation {@code y_0 - y_1} (K >= 2). */
    public static double separationEigenvalue(Embeddings e) {
        int d = e.dim();
        double[] y = e.labels();
        double[] q = new double[d];
        for (int i = 0; i < d; i++) {
            q[i] = y[i] - y[d + i];
        }
        return modeEigenvalue(e, q);
    }

    /** {@code v^T P v / v^T v} along mode k. */
    public double rayleigh(Embeddings e, int k) {
        double[] v = direction(e, k);
        return SmallMatrices.dot(v, apply(e, v)) / SmallMatrices.dot(v, v);
    }

    /**
     * The critical frustration: the smallest phi = N_f/N at which some {@code tau_k} (k >= 1)
     * reaches 0, scanning the label structures {@code structureWithFrustrated.apply(N_f)},
     * N_f = 0..N (a coarse scan refined by bisection when N is large); NaN if none up to N.
     */
    public static double criticalFraction(int samples, IntFunction<LabelStructure> structureWithFrustrated) {
        return criticalFractionOfCouplings(samples, nf -> new ClassCoupling(structureWithFrustrated.apply(nf)));
    }

    /** As {@link #criticalFraction}, from the class coupling of each structure (cheap at large N). */
    public static double criticalFractionOfCouplings(int samples, IntFunction<ClassCoupling> couplingWithFrustrated) {
        IntFunction<ClassCoupling> structureWithFrustrated = couplingWithFrustrated;
        int step = Math.max(1, samples / 200);
        int prev = 0;
        for (int nf = 0; nf <= samples; nf = nf == samples ? samples + 1 : Math.min(samples, nf + step)) {
            if (lost(structureWithFrustrated.apply(nf))) {
                int lo = prev;
                int hi = nf;
                while (hi - lo > 1) {
                    int mid = (lo + hi) >>> 1;
                    if (lost(structureWithFrustrated.apply(mid))) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return (nf == 0 ? 0 : hi) / (double) samples;
            }
            prev = nf;
        }
        return Double.NaN;
    }

    private static boolean lost(ClassCoupling s) {
        double[] t = s.eigenvalues();
        for (int k = 1; k < t.length; k++) {
            if (t[k] <= ZERO) {
                return true;
            }
        }
        return false;
    }

    /** The predictions (no measurement): T spectrum, surviving modes, head eigenvalues. */
    public Map<String, Object> prediction(double criticalFraction) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transition_spectrum", tau.clone());
        m.put("surviving_modes", survivingModes());
        double[] p = new double[tau.length];
        for (int k = 0; k < tau.length; k++) {
            p[k] = headEigenvalue(k);
        }
        m.put("head_eigenvalues_predicted", p);
        m.put("critical_fraction", criticalFraction);
        return m;
    }

    /** Measured at state e next to the prediction, one row per label mode, and the R5 residual. */
    public Map<String, Object> comparison(Embeddings e) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = 0; k < tau.length; k++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("mode", k);
            r.put("tau", tau[k]);
            r.put("predicted", headEigenvalue(k));
            boolean present = present(e, k);
            r.put("present", present);
            r.put("measured", present ? measuredEigenvalue(e, k) : Double.NaN);
            r.put("rayleigh_P", rayleigh(e, k));
            r.put("direction_norm", Math.sqrt(SmallMatrices.dot(direction(e, k), direction(e, k))));
            rows.add(r);
        }
        m.put("modes", rows);
        m.put("head_moduli", new org.repcollapse.analysis.HeadSpectrum(e).moduli());
        double res = residual(e);
        m.put("self_consistency_residual", res);
        m.put("self_consistency_residual_relative", res / labelNorm(e));
        return m;
    }
}
