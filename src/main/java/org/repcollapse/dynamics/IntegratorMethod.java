package org.repcollapse.dynamics;

import java.util.Locale;

import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.hipparchus.ode.nonstiff.HighamHall54Integrator;

/**
 * The integrators an experiment can choose ({@code integrator.method}): Hipparchus' integrators,
 * except DOP853, which is the flat-array implementation {@link FlatDormandPrince853} (same method,
 * scipy's step control; see its Javadoc for why), the Rosenbrock-W method {@link Ros34pw2Integrator}
 * for stiff flows, the exact propagator of a linear flow ({@link #EXACT}), and {@link AutoIntegrator}
 * (DOP853 until stiffness is detected, then the exact propagator of a linear flow, else RODAS with
 * an exact structured Jacobian, else ROS34PW2).
 */
public enum IntegratorMethod {
    /** Dormand-Prince 8(5,3), adaptive ({@link FlatDormandPrince853}). */
    DOP853,
    /** Dormand-Prince 5(4), adaptive. */
    DOP54,
    /** Higham-Hall 5(4), adaptive. */
    HH54,
    /** Gragg-Bulirsch-Stoer extrapolation, adaptive. */
    GBS,
    /** Classical fourth-order Runge-Kutta with the fixed step {@code integrator.step} (rtol/atol unused). */
    RK4,
    /** Rosenbrock-W 3(2), adaptive, linearly implicit ({@link Ros34pw2Integrator}; needs a {@link StiffOde}). */
    ROS34PW2,
    /**
     * RODAS, Rosenbrock 4(3), adaptive, linearly implicit, with the exact Jacobian
     * ({@link Ros34pw2Integrator} with {@link Rodas4Tableau}; needs a {@link StiffOde} whose
     * {@link ShiftedSystem#exact()} holds: not being a W-method, it loses its order otherwise).
     */
    RODAS4,
    /**
     * The exact solution of a linear flow (no head), {@link ExactIntegrator}: built from the flow's
     * {@link LinearFlow}, not by {@link #create}.
     */
    EXACT,
    /**
     * DOP853, switching to a stiff method when stiffness is detected: the exact propagator of a linear
     * flow, else RODAS when the flow's structured solve has the exact Jacobian, else ROS34PW2.
     */
    AUTO;

    public static IntegratorMethod parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Builds the integrator.
     *
     * @param tEnd final time (bounds the step sizes)
     * @param step fixed step, for {@link #RK4} only
     */
    public FlowIntegrator create(double rtol, double atol, double tEnd, double step) {
        double minStep = 1.0e-13 * Math.max(1.0, tEnd);
        double maxStep = tEnd;
        switch (this) {
            case DOP853:
                return new FlatDormandPrince853(rtol, atol, minStep);
            case DOP54:
                return new HipparchusIntegrator(new DormandPrince54Integrator(minStep, maxStep, atol, rtol));
            case HH54:
                return new HipparchusIntegrator(new HighamHall54Integrator(minStep, maxStep, atol, rtol));
            case GBS:
                return new HipparchusIntegrator(new GraggBulirschStoerIntegrator(minStep, maxStep, atol, rtol));
            case RK4:
                return new HipparchusIntegrator(new ClassicalRungeKuttaIntegrator(step));
            case ROS34PW2:
                return new Ros34pw2Integrator(rtol, atol, minStep);
            case RODAS4:
                return new Ros34pw2Integrator(Rodas4Tableau.TABLEAU, rtol, atol, minStep);
            case AUTO:
                return new AutoIntegrator(rtol, atol, minStep);
            case EXACT:
                throw new IllegalStateException("exact needs the flow's LinearFlow: use new ExactIntegrator(system.linearFlow())");
            default:
                throw new IllegalStateException();
        }
    }
}
