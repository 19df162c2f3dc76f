package org.repcollapse.dynamics;

import java.util.function.DoubleFunction;

/**
 * Hairer's starting step (Hairer, Norsett & Wanner I, II.4; scipy's {@code select_initial_step}):
 * with the scaled RMS norms {@code d0 = |y0|}, {@code d1 = |f0|}, a trial {@code h0 = 0.01 d0/d1},
 * {@code d2 = |f(y0 + h0 f0) - f0| / h0} and {@code h1 = (0.01 / max(d1, d2))^(1/(p+1))} for an
 * error estimate of order p, the first step is {@code min(100 h0, h1, tEnd)}. One evaluation.
 */
final class InitialStep {

    private InitialStep() {
    }

    /**
     * @param stage     work array of length n; receives {@code y0 + h0 f0}
     * @param evaluate  given h0, evaluates f at (h0, stage) and returns the derivative (read only)
     * @param errorOrder p, the order of the method's error estimate
     */
    static double select(double[] y, double[] f0, int n, double rtol, double atol, double tEnd, int errorOrder,
                         double[] stage, DoubleFunction<double[]> evaluate) {
        double d0 = 0;
        double d1 = 0;
        for (int j = 0; j < n; j++) {
            double sc = atol + Math.abs(y[j]) * rtol;
            d0 += (y[j] / sc) * (y[j] / sc);
            d1 += (f0[j] / sc) * (f0[j] / sc);
        }
        d0 = Math.sqrt(d0 / n);
        d1 = Math.sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, tEnd);
        for (int j = 0; j < n; j++) {
            stage[j] = y[j] + h0 * f0[j];
        }
        double[] f1 = evaluate.apply(h0);
        double d2 = 0;
        for (int j = 0; j < n; j++) {
            double sc = atol + Math.abs(y[j]) * rtol;
            double e = (f1[j] - f0[j]) / sc;
            d2 += e * e;
        }
        d2 = Math.sqrt(d2 / n) / h0;
        double h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3)
                : Math.pow(0.01 / Math.max(d1, d2), 1.0 / (errorOrder + 1));
        return Math.min(Math.min(100 * h0, h1), tEnd);
    }
}
