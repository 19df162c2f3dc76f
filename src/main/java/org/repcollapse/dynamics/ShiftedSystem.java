package org.repcollapse.dynamics;

/**
 * The linear algebra a linearly implicit (Rosenbrock / W) method asks of a flow: solves with
 * {@code M = I - c J}, J the flow's Jacobian at a chosen point, or an approximation of it that a
 * W-method tolerates. Implementations exploit the flow's structure (Kronecker and block forms,
 * {@link StiffOde}); none factorises the whole state densely.
 *
 * <p>Call order: {@link #linearise} (when the integrator wants a fresh Jacobian), then
 * {@link #factor} for each new {@code c = h gamma}, then any number of {@link #solve}s.
 */
public interface ShiftedSystem {

    /** Evaluates, or approximates, the Jacobian at (t, z); z is read, not kept. */
    void linearise(double t, double[] z);

    /** Factorises {@code M = I - c J} for the current linearisation ({@code c > 0}). */
    void factor(double c);

    /** Overwrites v with {@code M^{-1} v}. */
    void solve(double[] v);

    /** Whether J is the exact Jacobian (otherwise only a W-method keeps its order). */
    boolean exact();
}
