package org.repcollapse.dynamics;

import java.util.Locale;

import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.hipparchus.ode.nonstiff.HighamHall54Integrator;

/** The Hipparchus integrators an experiment can choose ({@code integrator.method}). */
public enum IntegratorMethod {
    /** Dormand-Prince 8(5,3), adaptive. */
    DOP853,
    /** Dormand-Prince 5(4), adaptive. */
    DOP54,
    /** Higham-Hall 5(4), adaptive. */
    HH54,
    /** Gragg-Bulirsch-Stoer extrapolation, adaptive. */
    GBS,
    /** Classical fourth-order Runge-Kutta with a fixed step (rtol/atol unused; step = atol). */
    RK4;

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
    public ODEIntegrator create(double rtol, double atol, double tEnd, double step) {
        double minStep = 1.0e-13 * Math.max(1.0, tEnd);
        double maxStep = tEnd;
        switch (this) {
            case DOP853:
                return new DormandPrince853Integrator(minStep, maxStep, atol, rtol);
            case DOP54:
                return new DormandPrince54Integrator(minStep, maxStep, atol, rtol);
            case HH54:
                return new HighamHall54Integrator(minStep, maxStep, atol, rtol);
            case GBS:
                return new GraggBulirschStoerIntegrator(minStep, maxStep, atol, rtol);
            case RK4:
                return new ClassicalRungeKuttaIntegrator(step);
            default:
                throw new IllegalStateException();
        }
    }
}
