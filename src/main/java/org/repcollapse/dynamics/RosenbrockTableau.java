package org.repcollapse.dynamics;

/**
 * A Rosenbrock method in Hairer and Wanner's transformed form (Solving ODEs II, IV.7, (7.25)), as
 * {@link Ros34pw2Integrator} runs it: per step s solves
 * {@code (I - h gamma J) u_i = h gamma f(y0 + sum_{j<i} A_ij u_j) + gamma sum_{j<i} C_ij u_j},
 * stage i at time {@code t + node_i h}; {@code y1 = y0 + sum M_i u_i}, error estimate
 * {@code y1 - y1^ = sum E_i u_i}.
 *
 * @param method the method choice this tableau implements (its key names the method in reports)
 * @param order  classical order of y1 (the embedded solution has order {@code order - 1})
 * @param gamma  the diagonal coefficient
 * @param a      A (row i has i entries)
 * @param c      C (row i has i entries)
 * @param node   stage times as fractions of the step
 * @param m      weights of y1
 * @param e      weights of the error estimate
 */
record RosenbrockTableau(IntegratorMethod method, int order, double gamma, double[][] a, double[][] c,
                         double[] node, double[] m, double[] e) {

    int stages() {
        return m.length;
    }
}
