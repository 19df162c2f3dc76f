package org.repcollapse.ssl;

import org.repcollapse.dynamics.InPlaceOde;

/**
 * The eigen-mode reduction of {@link LinearSslSystem} (Tian, Chen and Ganguli 2021, section 4): with
 * {@code X = I}, {@code X' = sigma^2 I}, {@code k = 1 + sigma^2} and W_p, F = W W^T and the target
 * sharing eigenvectors, each mode j evolves alone,
 *
 * <pre>
 *   dp/dt   = alpha_p s (tau - k p) - eta p
 *   ds/dt   = 2 p s (tau - k p) - 2 eta s
 *   dtau/dt = beta (1 - tau) - tau (p (tau - k p) - eta)      (EMA; SimSiam: tau constant)
 * </pre>
 *
 * with {@code tau = a / w} the target's amplitude over the online one on the mode ({@code W_a = tau W}
 * there; the third line is {@code da/dt = beta (w - a)} over {@code dw/dt = w (p (tau - k p) - eta)}).
 * With DirectPred {@code p = sqrt(s) + epsilon} is not integrated ({@link #p}). State {@code (p, s, tau)}.
 *
 * <p>Any diagonal X: a mode on an input eigen-direction with eigenvalue lambda (the aligned start puts mode j
 * on input coordinate j) obeys, with {@code s = lambda w^2}, {@code k_lambda = 1 + sigma^2 / lambda},
 * {@code dp/dt = alpha_p s (tau - k_lambda p) - eta p}, {@code ds/dt = 2 lambda p s (tau - k_lambda p) - 2 eta s}:
 * the equations above with {@code (k_lambda, eta/lambda, alpha_p/lambda, beta/lambda)} in time {@code lambda t}
 * ({@link #of(LinearSslParameters, double)}; {@code timeScale} is that lambda, 1 otherwise).
 */
public record ModeFlow(double k, double eta, double alpha, double beta, boolean directPred, double epsilon,
                       double timeScale) implements InPlaceOde {

    /** The flow in its own time (time scale 1). */
    public ModeFlow(double k, double eta, double alpha, double beta, boolean directPred, double epsilon) {
        this(k, eta, alpha, beta, directPred, epsilon, 1.0);
    }

    /** The mode flow of a full model's parameters (valid when {@link LinearSslParameters#isotropic()}). */
    public static ModeFlow of(LinearSslParameters p) {
        return new ModeFlow(p.k(), p.weightDecay(), p.predictorRate(), p.emaRate(), p.directPred(), p.epsilon());
    }

    /** The flow of a mode on an input eigen-direction with eigenvalue {@code lambda} of X. */
    public static ModeFlow of(LinearSslParameters p, double lambda) {
        return new ModeFlow(1 + p.augmentationNoise() / lambda, p.weightDecay() / lambda, p.predictorRate() / lambda,
                p.emaRate() / lambda, p.directPred(), p.epsilon(), lambda);
    }

    /** The predictor eigenvalue at mode state y. */
    public double p(double[] y) {
        return directPred ? Math.sqrt(Math.max(y[1], 0.0)) + epsilon : y[0];
    }

    @Override
    public int getDimension() {
        return 3;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        double[] out = new double[3];
        computeDerivatives(t, y, out);
        return out;
    }

    @Override
    public void computeDerivatives(double t, double[] y, double[] out) {
        double p = p(y);
        double s = y[1];
        double tau = y[2];
        double gap = tau - k * p;
        out[0] = directPred ? 0.0 : timeScale * (alpha * s * gap - eta * p);
        out[1] = timeScale * (2 * p * s * gap - 2 * eta * s);
        out[2] = beta > 0 ? timeScale * (beta * (1 - tau) - tau * (p * gap - eta)) : 0.0;
    }

    /** The mode state {@code (p, s, tau)} (p is ignored with DirectPred). */
    public static double[] state(double p, double s, double tau) {
        return new double[] {p, s, tau};
    }
}
