package org.repcollapse.dynamics;

/**
 * ROS34PW2 (Rang and Angermann, BIT 45 (2005) 761-787): a 4-stage Rosenbrock-W method of order 3
 * with an embedded order-2 solution, L-stable and stiffly accurate, that keeps order 3 for any
 * matrix {@code W} in place of the Jacobian. Published form, with {@code T} that matrix:
 * {@code (I - h gamma T) k_i = h f(y0 + sum_{j<i} alpha_ij k_j) + h T sum_{j<i} gamma_ij k_j},
 * {@code y1 = y0 + sum b_i k_i}, {@code y1^ = y0 + sum bhat_i k_i}.
 *
 * <p>The integrator uses Hairer and Wanner's transformed form (Solving ODEs II, IV.7, (7.25)),
 * which needs no product with T: with {@code Gamma = (gamma_ij)} (diagonal gamma),
 * {@code u_i = sum_j Gamma_ij k_j} solves
 * {@code (I - h gamma T) u_i = h gamma f(y0 + sum_{j<i} A_ij u_j) + gamma sum_{j<i} C_ij u_j},
 * {@code y1 = y0 + sum M_i u_i}, error {@code y1 - y1^ = sum E_i u_i}, where
 * {@code A = alpha Gamma^-1}, {@code C = diag(1/gamma) - Gamma^-1}, {@code M = b Gamma^-1},
 * {@code E = (b - bhat) Gamma^-1}. Coefficients as published (MATLODE's
 * {@code Coefficients_ROS34PW2.m} tabulates the same digits).
 */
final class Ros34pw2Tableau {

    private Ros34pw2Tableau() {
    }

    static final int STAGES = 4;
    /** Classical order of y1 (the embedded solution has order 2). */
    static final int ORDER = 3;
    static final double GAMMA = 0.435866521508459;

    /** alpha_ij (strictly lower triangular). */
    static final double[][] ALPHA = {
        {},
        {0.87173304301691801},
        {0.84457060015369423, -0.11299064236484185},
        {0.0, 0.0, 1.0},
    };
    /** gamma_ij below the diagonal (the diagonal is GAMMA). */
    static final double[][] GAMMA_LOWER = {
        {},
        {-0.87173304301691801},
        {-0.90338057013044082, 0.054180672388095326},
        {0.24212380706095346, -1.2232505839045147, 0.54526025533510214},
    };
    static final double[] B = {0.24212380706095346, -1.2232505839045147, 1.5452602553351020, 0.435866521508459};
    static final double[] B_HAT = {0.37810903145819369, -0.096042292212423178, 0.5, 0.2179332607542295};

    /** Stage nodes {@code alpha_i = sum_j alpha_ij} (the time of stage i is t + alpha_i h). */
    static final double[] NODE = new double[STAGES];
    /** Transformed coefficients (class Javadoc). */
    static final double[][] A = new double[STAGES][];
    static final double[][] C = new double[STAGES][];
    static final double[] M = new double[STAGES];
    static final double[] E = new double[STAGES];
    /** The method as {@link Ros34pw2Integrator} runs it (the arrays above, not copies). */
    static final RosenbrockTableau TABLEAU;

    static {
        double[][] gammaInv = lowerInverse();
        for (int i = 0; i < STAGES; i++) {
            A[i] = new double[i];
            C[i] = new double[i];
            for (int j = 0; j < i; j++) {
                NODE[i] += ALPHA[i][j];
                double a = 0;
                for (int k = j; k < i; k++) {
                    a += ALPHA[i][k] * gammaInv[k][j];
                }
                A[i][j] = a;
                C[i][j] = -gammaInv[i][j];
            }
        }
        for (int j = 0; j < STAGES; j++) {
            for (int i = j; i < STAGES; i++) {
                M[j] += B[i] * gammaInv[i][j];
                E[j] += (B[i] - B_HAT[i]) * gammaInv[i][j];
            }
        }
        TABLEAU = new RosenbrockTableau(IntegratorMethod.ROS34PW2, ORDER, GAMMA, A, C, NODE, M, E);
    }

    /** {@code Gamma^-1} by forward substitution (Gamma lower triangular, diagonal GAMMA). */
    private static double[][] lowerInverse() {
        double[][] inv = new double[STAGES][STAGES];
        for (int j = 0; j < STAGES; j++) {
            inv[j][j] = 1.0 / GAMMA;
            for (int i = j + 1; i < STAGES; i++) {
                double s = 0;
                for (int k = j; k < i; k++) {
                    s += GAMMA_LOWER[i][k] * inv[k][j];
                }
                inv[i][j] = -s / GAMMA;
            }
        }
        return inv;
    }
}
