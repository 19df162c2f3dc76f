package org.repcollapse.dynamics;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** An ODE that can write its derivative into a caller's array ({@link FlatDormandPrince853} avoids a copy per stage). */
public interface InPlaceOde extends OrdinaryDifferentialEquation {

    /** Writes {@code dz/dt} at (t, z) into {@code out} (length {@link #getDimension()}, not z). */
    void computeDerivatives(double t, double[] z, double[] out);
}
