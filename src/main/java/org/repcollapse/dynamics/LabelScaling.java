package org.repcollapse.dynamics;

import java.util.Locale;

/**
 * How the label rate scales with the class degree {@code n_c} (key {@code rates.labelScaling}):
 * {@code DEGREE}, {@code dy_c/dt = -(gamma/n_c) G_{y_c}} (spec section 2: each label moves at the
 * rate of its mean edge); {@code NONE}, {@code dy_c/dt = -gamma G_{y_c}}, plain gradient descent on
 * the summed loss, each label n_c times faster.
 */
public enum LabelScaling {
    DEGREE, NONE;

    /** The rate of label c with degree {@code n_c}: {@code gamma / n_c} or {@code gamma}. */
    public double labelRate(double gamma, int degree) {
        return this == DEGREE ? gamma / degree : gamma;
    }

    public static LabelScaling parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
