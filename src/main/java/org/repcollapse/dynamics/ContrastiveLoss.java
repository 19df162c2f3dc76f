package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * InfoNCE over the labels, per edge {@code (i,c)}: {@code -log softmax_{c'}(s_{ic'})[c]} with
 * {@code s_{ic'} = -|x_i - y_{c'}|^2 / (2T)}, times {@code w T} so that its attraction is the
 * alignment term's: {@code L = w sum_{(i,c) in E} [1/2 |x_i - y_c|^2 + T log sum_{c'} exp(s_{ic'})]}.
 * With {@code p_{ic} = softmax_c(s_i)} and {@code u_{ic} = x_i - y_c}:
 * {@code G_{x_i} = w (sum_{c in S_i} u_{ic} - |S_i| sum_c p_{ic} u_{ic})},
 * {@code G_{y_c} = w sum_i (|S_i| p_{ic} - [c in S_i]) u_{ic}}: every label is pushed away from
 * every sample by its softmax weight (derivation in {@code papers/prevention.md}).
 *
 * <p>Cost {@code O(N K d)} per call; the softmax row is kept in a buffer, nothing is allocated.
 */
public final class ContrastiveLoss extends EdgeTerm implements LinearisedLossTerm {

    private final double weight;
    private final double temperature;
    private final double[] p;
    private final double[] dp;
    /** {@code -[c in S_i]} of the current sample, left all zero between samples. */
    private final double[] member;

    public ContrastiveLoss(StateLayout layout, LabelStructure structure, double weight, double temperature) {
        super(layout, structure);
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive: " + temperature);
        }
        this.weight = weight;
        this.temperature = temperature;
        this.p = new double[layout.classes()];
        this.dp = new double[layout.classes()];
        this.member = new double[layout.classes()];
    }

    public double weight() {
        return weight;
    }

    public double temperature() {
        return temperature;
    }

    /** The logits {@code s_{ic}} of sample i into {@link #p}; returns their maximum. */
    private double logits(double[] z, int i) {
        int d = layout.dim();
        int x = layout.x(i);
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            int y = layout.y(c);
            double q = 0;
            for (int k = 0; k < d; k++) {
                double u = z[x + k] - z[y + k];
                q += u * u;
            }
            p[c] = -q / (2 * temperature);
            max = Math.max(max, p[c]);
        }
        return max;
    }

    /** Softmax of sample i into {@link #p}. */
    private void softmax(double[] z, int i) {
        double max = logits(z, i);
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        double total = 0;
        for (int i = 0; i < layout.samples(); i++) {
            double max = logits(z, i);
            double sum = 0;
            for (double s : p) {
                sum += Math.exp(s - max);
            }
            double lse = max + Math.log(sum);
            int x = layout.x(i);
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int y = layout.y(classes[e]);
                double q = 0;
                for (int k = 0; k < d; k++) {
                    double u = z[x + k] - z[y + k];
                    q += u * u;
                }
                total += 0.5 * q + temperature * lse;
            }
        }
        return weight * total;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        for (int i = 0; i < layout.samples(); i++) {
            softmax(z, i);
            int x = layout.x(i);
            int m = offsets[i + 1] - offsets[i];
            // per label c: coefficient a_c = m p_c - [c in S_i]; G_x = -w sum_c a_c u_c, G_{y_c} = w a_c u_c
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                member[classes[e]] -= 1.0;
            }
            for (int c = 0; c < p.length; c++) {
                double a = weight * (m * p[c] + member[c]);
                member[c] = 0.0;
                int y = layout.y(c);
                for (int k = 0; k < d; k++) {
                    double u = a * (z[x + k] - z[y + k]);
                    g[x + k] -= u;
                    g[y + k] += u;
                }
            }
        }
    }

    /**
     * With {@code ds_c = -u_c . (v_x - v_{y_c}) / T} and {@code dp_c = p_c (ds_c - sum_c' p_c' ds_c')}:
     * {@code d(a_c u_c) = m dp_c u_c + a_c (v_x - v_{y_c})}, into the sample row with a minus sign and the
     * label row with a plus sign.
     */
    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        int d = layout.dim();
        for (int i = 0; i < layout.samples(); i++) {
            softmax(z, i);
            int x = layout.x(i);
            int m = offsets[i + 1] - offsets[i];
            double mean = 0;
            for (int c = 0; c < p.length; c++) {
                int y = layout.y(c);
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (z[x + k] - z[y + k]) * (v[x + k] - v[y + k]);
                }
                dp[c] = -s / temperature;
                mean += p[c] * dp[c];
            }
            for (int c = 0; c < p.length; c++) {
                dp[c] = p[c] * (dp[c] - mean);
            }
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                member[classes[e]] -= 1.0;
            }
            for (int c = 0; c < p.length; c++) {
                double a = m * p[c] + member[c];
                member[c] = 0.0;
                int y = layout.y(c);
                for (int k = 0; k < d; k++) {
                    double du = weight * (m * dp[c] * (z[x + k] - z[y + k]) + a * (v[x + k] - v[y + k]));
                    out[x + k] -= du;
                    out[y + k] += du;
                }
            }
        }
    }
}
