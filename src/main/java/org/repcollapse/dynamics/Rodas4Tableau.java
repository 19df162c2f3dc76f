package org.repcollapse.dynamics;

/**
 * RODAS (Hairer and Wanner, Solving ODEs II, 2nd ed., VI.4; the order-4 method of their Fortran
 * code {@code rodas.f}, {@code METH = 1}, coefficients of its {@code ROCOE} copied digit for digit):
 * a 6-stage Rosenbrock method of order 4, L-stable and stiffly accurate, with an embedded order-3
 * solution. It needs the exact Jacobian (it is not a W-method). Already in the transformed form of
 * {@link RosenbrockTableau}: {@code rodas.f} solves {@code (I/(h gamma) - J) k_i = f(y0 + sum A_ij k_j)
 * + sum (C_ij / h) k_j}, which times {@code h gamma} is that form. Stages 5 and 6 are at t + h; the
 * argument of stage 6 is the embedded solution {@code y0 + sum_{j<5} A_5j u_j + u_5}, and
 * {@code y1 = } that {@code + u_6}, so {@code M = (A_51, A_52, A_53, A_54, 1, 1)} and the error is
 * {@code u_6} alone ({@code E = e_6}). The time-derivative terms ({@code D_i}) are left out: the
 * flows are autonomous.
 */
final class Rodas4Tableau {

    private Rodas4Tableau() {
    }

    static final double GAMMA = 0.25;
    private static final double A51 = 1.221224509226641;
    private static final double A52 = 6.019134481288629;
    private static final double A53 = 12.53708332932087;
    private static final double A54 = -0.6878860361058950;

    static final RosenbrockTableau TABLEAU = new RosenbrockTableau(IntegratorMethod.RODAS4, 4, GAMMA,
            new double[][] {
                {},
                {1.544},
                {0.9466785280815826, 0.2557011698983284},
                {3.314825187068521, 2.896124015972201, 0.9986419139977817},
                {A51, A52, A53, A54},
                {A51, A52, A53, A54, 1.0},
            },
            new double[][] {
                {},
                {-5.6688},
                {-2.430093356833875, -0.2063599157091915},
                {-0.1073529058151375, -9.594562251023355, -20.47028614809616},
                {7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160},
                {8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054},
            },
            new double[] {0.0, 0.386, 0.21, 0.63, 1.0, 1.0},
            new double[] {A51, A52, A53, A54, 1.0, 1.0},
            new double[] {0.0, 0.0, 0.0, 0.0, 0.0, 1.0});
}
