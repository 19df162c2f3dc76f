package org.repcollapse.ssl;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.repcollapse.dynamics.FlatDormandPrince853;
import org.repcollapse.dynamics.GridRecorder;

/** Integrates a flow with DOP853 and returns the states on a grid (copies). */
final class SslIntegration {

    private SslIntegration() {
    }

    static List<double[]> states(OrdinaryDifferentialEquation ode, double[] z0, double[] times, double rtol) {
        List<double[]> out = new ArrayList<>();
        GridRecorder recorder = new GridRecorder(times, (t, z) -> out.add(z.clone()), 1e30);
        new FlatDormandPrince853(rtol, rtol * 1e-2, 1e-13 * times[times.length - 1])
                .integrate(ode, z0, times[times.length - 1], recorder);
        return out;
    }

    static double[] end(OrdinaryDifferentialEquation ode, double[] z0, double tEnd, double rtol) {
        List<double[]> s = states(ode, z0, new double[] {tEnd}, rtol);
        return s.get(s.size() - 1);
    }

    static double[] grid(double tEnd, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = tEnd * (i + 1) / n;
        }
        return t;
    }
}
