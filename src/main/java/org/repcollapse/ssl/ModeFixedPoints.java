package org.repcollapse.ssl;

/**
 * Closed forms of the SimSiam mode flow ({@link ModeFlow}, tau fixed; at any fixed point of the EMA flow
 * {@code tau = 1}). Besides the collapsed point {@code (0, 0)}, {@code ds/dt = 0} with {@code s > 0} needs
 * {@code p (tau - k p) = eta}, and then {@code dp/dt = 0} gives {@code s = p^2 / alpha_p}:
 *
 * <pre>
 *   p*_(+-) = [tau +- sqrt(tau^2 - 4 eta k)] / (2k),   s*_(+-) = p*^2 / alpha_p,   real when eta <= tau^2 / (4k).
 * </pre>
 *
 * The Jacobian there has eigenvalues {@code -2 eta} (the decay of Theorem 1's invariant) and
 * {@code p* (tau - 2 k p*) = -+ p* sqrt(tau^2 - 4 eta k)}: p*_+ is stable, p*_- a saddle; at (0, 0) they
 * are {@code -eta, -2 eta}. Derivation: papers/linear-ssl.md.
 */
public record ModeFixedPoints(double k, double eta, double alpha, double tau) {

    public static ModeFixedPoints of(LinearSslParameters p) {
        return new ModeFixedPoints(p.k(), p.weightDecay(), p.predictorRate(), 1.0);
    }

    /**
     * The fixed points of a mode on an input eigen-direction with eigenvalue lambda ({@link ModeFlow#of(
     * LinearSslParameters, double)}): the unit flow with {@code (1 + sigma^2/lambda, eta/lambda, alpha_p/lambda)},
     * so p*, s* and the boundary are these; the Jacobian eigenvalues in the model's time are lambda times
     * {@link #eigenvalues}, and the fold in the model's eta is lambda {@link #etaCritical()}.
     */
    public static ModeFixedPoints of(LinearSslParameters p, double lambda) {
        return new ModeFixedPoints(1 + p.augmentationNoise() / lambda, p.weightDecay() / lambda,
                p.predictorRate() / lambda, 1.0);
    }

    /** {@code eta_crit = tau^2 / (4k)}: the fold where p*_+ and p*_- meet. */
    public double etaCritical() {
        return tau * tau / (4 * k);
    }

    public boolean exists() {
        return eta <= etaCritical();
    }

    private double root() {
        return Math.sqrt(Math.max(tau * tau - 4 * eta * k, 0.0));
    }

    public double pPlus() {
        return exists() ? (tau + root()) / (2 * k) : Double.NaN;
    }

    public double pMinus() {
        return exists() ? (tau - root()) / (2 * k) : Double.NaN;
    }

    public double sPlus() {
        return pPlus() * pPlus() / alpha;
    }

    public double sMinus() {
        return pMinus() * pMinus() / alpha;
    }

    /** The eigenvalues {@code {-2 eta, p (tau - 2 k p)}} of the Jacobian at the fixed point with eigenvalue p. */
    public double[] eigenvalues(double p) {
        return new double[] {-2 * eta, p * (tau - 2 * k * p)};
    }

    /** The eigenvalues {@code {-eta, -2 eta}} at the collapsed point (0, 0). */
    public double[] collapsedEigenvalues() {
        return new double[] {-eta, -2 * eta};
    }

    /** The Jacobian {@code d(dp/dt, ds/dt)/d(p, s)} of the SimSiam mode flow at (p, s), row-major 2 x 2. */
    public double[] jacobian(double p, double s) {
        double gap = tau - k * p;
        return new double[] {
            -alpha * k * s - eta, alpha * gap,
            2 * s * (tau - 2 * k * p), 2 * p * gap - 2 * eta};
    }

    /**
     * The stable direction of the saddle {@code (p*_-, s*_-)}: the eigenvector of eigenvalue {@code -2 eta},
     * {@code (1, -p^2 (tau - 2 k p) / (alpha_p eta))}, tangent to the collapse boundary there.
     */
    public double[] saddleStableDirection() {
        double p = pMinus();
        return new double[] {1.0, -p * p * (tau - 2 * k * p) / (alpha * eta)};
    }

    /**
     * DirectPred's fixed point ({@link DirectPredictor}, {@code p = sqrt(s) + epsilon}) on the branch with
     * eigenvalue {@code pStar}: {@code s* = (pStar - epsilon)^2}, NaN when {@code pStar < epsilon}.
     */
    public static double directPredS(double pStar, double epsilon) {
        return pStar >= epsilon ? (pStar - epsilon) * (pStar - epsilon) : Double.NaN;
    }

    /** DirectPred's one eigenvalue {@code d(ds/dt)/ds = sqrt(s*) (tau - 2 k p*)} at that fixed point. */
    public double directPredEigenvalue(double pStar, double epsilon) {
        return Math.sqrt(directPredS(pStar, epsilon)) * (tau - 2 * k * pStar);
    }
}
