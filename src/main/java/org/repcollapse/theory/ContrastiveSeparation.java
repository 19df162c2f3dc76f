package org.repcollapse.theory;

/**
 * The stationary label separation under contrastive negatives for K = 2 balanced classes (issue 16;
 * papers/prevention.md): with weight w, temperature T and {@code r = N_f / n_a}, the symmetric fixed point
 * (consistent samples of a class together, frustrated samples midway) has
 * {@code w p_b = beta = (1/sqrt(1-r) - 1)/2}, {@code p_b} the softmax weight of the far label, and
 * {@code q = |y_a - y_b| = sqrt(2 T sqrt(1-r) ln(w/beta - 1))}. It exists iff {@code w > 2 beta}
 * (below, the collapse proceeds); {@code q} scales as {@code sqrt(T)} exactly, since
 * {@code L(sqrt(T) z; T) = T L(z; 1)}.
 */
public final class ContrastiveSeparation {

    private ContrastiveSeparation() {
    }

    /** {@code beta = (1/sqrt(1-r) - 1)/2}: the product {@code w p_b} at the fixed point. */
    public static double beta(double r) {
        return (1 / Math.sqrt(1 - r) - 1) / 2;
    }

    /** The smallest weight with a separated fixed point, {@code 2 beta = 1/sqrt(1-r) - 1}. */
    public static double criticalWeight(double r) {
        return 2 * beta(r);
    }

    /** The stationary separation {@code q}; 0 when {@code w <= 2 beta} (no separated fixed point). */
    public static double separation(double r, double weight, double temperature) {
        double b = beta(r);
        if (!(weight > 2 * b)) {
            return 0.0;
        }
        return Math.sqrt(2 * temperature * Math.sqrt(1 - r) * Math.log(weight / b - 1));
    }
}
