package org.repcollapse.theory;

/**
 * R3: K = 2, m consistent samples per class, {@code N_f} frustrated, {@code r = N_f/(m + N_f)}.
 * The class-difference mode {@code (u, q)} obeys {@code du/dt = -eta_x (u - q)},
 * {@code dq/dt = gamma ((1 - r) u - q)}; its rates are
 * {@code lambda_{f,s} = ((eta_x + gamma) +- sqrt((eta_x + gamma)^2 - 4 eta_x gamma r)) / 2}.
 */
public record TwoClassRates(int consistentPerClass, int frustrated, double r, double fast, double slow) {

    public static TwoClassRates of(int m, int nf, double etaX, double gamma) {
        double r = nf / (double) (m + nf);
        double b = etaX + gamma;
        double disc = Math.sqrt(b * b - 4 * etaX * gamma * r);
        double fast = 0.5 * (b + disc);
        // the small root, written to avoid cancellation: lambda_s = eta gamma r / lambda_f
        double slow = etaX * gamma * r / fast;
        return new TwoClassRates(m, nf, r, fast, slow);
    }

    /** {@code r = 2 phi / (1 + phi)} for a balanced K = 2 structure with frustration fraction phi. */
    public static double rOf(double phi) {
        return 2 * phi / (1 + phi);
    }

    /** The head eigenvalue on the separation direction at a stop-gradient fixed point (R5). */
    public double headSeparationEigenvalue() {
        return Math.sqrt(1 - r);
    }
}
