package org.repcollapse.dynamics;

import org.repcollapse.model.StateLayout;

/**
 * VICReg's variance hinge on each dimension a of the sample embeddings, smoothed by a softplus of
 * width {@code beta} and normalised per sample:
 * {@code L = w N sum_a phi(S_a)}, {@code S_a = sqrt(V_a + eps)}, {@code V_a = (1/N) sum_i (x_ia - mu_a)^2},
 * {@code phi(S) = beta log(1 + exp((t - S)/beta))} (the hinge {@code max(0, t - S)} as beta -> 0).
 * Drive {@code G_{x_ia} = w (phi'(S_a)/S_a)(x_ia - mu_a)} with {@code phi'(S) = -sigmoid((t - S)/beta)}:
 * a dimension whose spread is below the target t is pushed apart, per sample at the scale of the
 * alignment drive when w = 1 (derivation in {@code papers/prevention.md}).
 *
 * <p>Cost {@code O(N d)} per call into buffers of size d; nothing is allocated.
 */
public final class VarianceLoss extends SampleMomentTerm {

    private final double target;
    private final double epsilon;
    private final double width;
    private final double[] spread;
    private final double[] slope;
    private final double[] dSpread;

    public VarianceLoss(StateLayout layout, double weight, double target, double epsilon, double width) {
        super(layout, weight);
        if (!(epsilon > 0) || !(width > 0)) {
            throw new IllegalArgumentException("epsilon and width must be positive: " + epsilon + ", " + width);
        }
        this.target = target;
        this.epsilon = epsilon;
        this.width = width;
        int d = layout.dim();
        spread = new double[d];
        slope = new double[d];
        dSpread = new double[d];
    }

    /** Means {@code mu_a} and spreads {@code S_a} of the sample embeddings. */
    private void moments(double[] z) {
        int d = layout.dim();
        int n = layout.samples();
        mean(z, n, d, mean);
        java.util.Arrays.fill(spread, 0.0);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double u = z[i * d + a] - mean[a];
                spread[a] += u * u;
            }
        }
        for (int a = 0; a < d; a++) {
            spread[a] = Math.sqrt(spread[a] / n + epsilon);
        }
    }

    /** {@code sigmoid((t - S)/beta)}, written so that it never overflows. */
    private double gate(double s) {
        double q = (target - s) / width;
        return q >= 0 ? 1.0 / (1.0 + Math.exp(-q)) : Math.exp(q) / (1.0 + Math.exp(q));
    }

    /** {@code beta log(1 + exp((t - S)/beta))}, without overflow. */
    private double softplus(double s) {
        double q = (target - s) / width;
        return width * (Math.max(q, 0.0) + Math.log1p(Math.exp(-Math.abs(q))));
    }

    /** The spread {@code S_a} of each dimension at z (a fresh array, for reports and tests). */
    public double[] spreads(double[] z) {
        moments(z);
        return spread.clone();
    }

    @Override
    public double value(double[] z) {
        moments(z);
        double sum = 0;
        for (int a = 0; a < layout.dim(); a++) {
            sum += softplus(spread[a]);
        }
        return weight * layout.samples() * sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        moments(z);
        int d = layout.dim();
        for (int a = 0; a < d; a++) {
            slope[a] = -weight * gate(spread[a]) / spread[a];
        }
        for (int i = 0; i < layout.samples(); i++) {
            for (int a = 0; a < d; a++) {
                g[i * d + a] += slope[a] * (z[i * d + a] - mean[a]);
            }
        }
    }

    /**
     * With {@code h(S) = phi'(S)/S}, {@code h'(S) = phi''(S)/S - phi'(S)/S^2}, {@code phi'' = sigma(1-sigma)/beta}
     * and {@code dS_a = (1/(N S_a)) sum_j (x_ja - mu_a) v_ja}:
     * {@code dG_ia = w [h(S_a)(v_ia - vbar_a) + h'(S_a) dS_a (x_ia - mu_a)]}.
     */
    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        moments(z);
        int d = layout.dim();
        int n = layout.samples();
        java.util.Arrays.fill(dSpread, 0.0);
        java.util.Arrays.fill(slope, 0.0);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                dSpread[a] += (z[i * d + a] - mean[a]) * v[i * d + a];
                slope[a] += v[i * d + a];
            }
        }
        for (int a = 0; a < d; a++) {
            double s = spread[a];
            double sig = gate(s);
            double h = -sig / s;
            double dh = sig * (1 - sig) / width / s + sig / (s * s);
            double ds = dSpread[a] / (n * s);
            double vbar = slope[a] / n;
            for (int i = 0; i < n; i++) {
                out[i * d + a] += weight * (h * (v[i * d + a] - vbar) + dh * ds * (z[i * d + a] - mean[a]));
            }
        }
    }
}
