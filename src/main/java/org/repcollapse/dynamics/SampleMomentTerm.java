package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.StateLayout;

/**
 * A prevention term on the moments of the N x d sample rows {@code x_i} ({@link CovarianceLoss},
 * {@link VarianceLoss}): its layout, its weight w, the buffer of the mean {@code mu} and the column
 * statistics both take, each a pass in sample order into a buffer the caller owns, nothing allocated.
 */
abstract class SampleMomentTerm implements LinearisedLossTerm {

    protected final StateLayout layout;
    protected final double weight;
    /** {@code mu_a = (1/N) sum_i x_ia} at the last state seen. */
    protected final double[] mean;

    protected SampleMomentTerm(StateLayout layout, double weight) {
        this.layout = layout;
        this.weight = weight;
        this.mean = new double[layout.dim()];
    }

    /** {@code out_a = (1/n) sum_i z_ia} over the n rows of length d at the start of z. */
    static void mean(double[] z, int n, int d, double[] out) {
        Arrays.fill(out, 0.0);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                out[a] += z[i * d + a];
            }
        }
        for (int a = 0; a < d; a++) {
            out[a] /= n;
        }
    }

    /** The sums above the diagonal of the d x d matrix c divided by n and mirrored below it (the diagonal untouched). */
    static void scaleUpperAndMirror(double[] c, int d, int n) {
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                c[a * d + b] /= n;
                c[b * d + a] = c[a * d + b];
            }
        }
    }
}
