package org.repcollapse.continuation;

/**
 * A one-parameter family of vector fields {@code F(z, lambda)} whose zeros are continued: the
 * residual, its Jacobian {@code F_z} (dense, small) and {@code F_lambda}.
 */
public interface ContinuationProblem {

    int dimension();

    /** {@code out = F(z, lambda)}. */
    void residual(double[] z, double lambda, double[] out);

    /** {@code F_z(z, lambda)}, n x n. */
    double[][] jacobian(double[] z, double lambda);

    /** Whether lambda lies in the problem's domain (e.g. phi in [0, 1], rates > 0). */
    default boolean admissible(double lambda) {
        return true;
    }

    /** {@code F_lambda}: central differences with step {@code 1e-6 max(1, |lambda|)} (truncation ~1e-12). */
    default double[] parameterDerivative(double[] z, double lambda) {
        double h = 1.0e-6 * Math.max(1.0, Math.abs(lambda));
        int n = dimension();
        double[] plus = new double[n];
        double[] minus = new double[n];
        residual(z, lambda + h, plus);
        residual(z, lambda - h, minus);
        for (int i = 0; i < n; i++) {
            plus[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return plus;
    }
}
