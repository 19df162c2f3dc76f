package org.repcollapse.dynamics;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** Small ODEs written as lambdas, for the integrator tests. */
final class TestOdes {

    private TestOdes() {
    }

    @FunctionalInterface
    interface Rhs {
        double[] at(double t, double[] y);
    }

    static OrdinaryDifferentialEquation of(int dim, Rhs rhs) {
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dim;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return rhs.at(t, y);
            }
        };
    }
}
