package org.repcollapse.continuation;

import java.util.List;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.theory.HeadTheory;

/**
 * The critical frustration of the mean-field weights (R6): the smallest phi in an interval at which
 * a separation mode is lost, {@code min_{k >= 1} tau_k(phi) <= 0} ({@link HeadTheory#ZERO}). T of
 * the weights is a lazy walk on the frustration graph (A is positive semi-definite), so this happens
 * only at phi = 1 with a bipartite frustration graph (K = 2: {@code tau_1 = (1 - phi)/(1 + phi)});
 * the scan (1000 cells, then bisection to 1e-14) does not assume it. The branch's own estimate
 * extrapolates the measured {@code p_k^2} (= tau_k on the branch) quadratically through the last
 * three points to zero.
 */
public final class CriticalFrustration {

    private CriticalFrustration() {
    }

    /** The closed-form critical phi in [lo, hi] and its mode, or null if no mode is lost there. */
    public static double[] closedForm(Experiment e, double lo, double hi) {
        int cells = 1000;
        double prev = lo;
        for (int i = 0; i <= cells; i++) {
            double phi = lo + (hi - lo) * i / cells;
            if (lostMode(e, phi) >= 0) {
                double a = i == 0 ? phi : prev;
                double b = phi;
                while (b - a > 1.0e-14) {
                    double mid = 0.5 * (a + b);
                    if (lostMode(e, mid) >= 0) {
                        b = mid;
                    } else {
                        a = mid;
                    }
                    if (mid == a && mid == b) {
                        break;
                    }
                }
                return new double[] {b, lostMode(e, b)};
            }
            prev = phi;
        }
        return null;
    }

    /** The first separation mode k >= 1 with tau_k <= 0 at phi, -1 if none. */
    static int lostMode(Experiment e, double phi) {
        double[] tau = GroupWeights.of(e.classes(), phi, e.frustration().pairing(), e.frustration().pairs())
                .coupling().eigenvalues();
        for (int k = tau.length - 1; k >= 1; k--) {
            if (tau[k] <= HeadTheory.ZERO) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The zero of the quadratic through the last three (lambda, p_k^2) of the branch nearest to the
     * last point, for the present mode k >= 1 of smallest predicted tau; NaN without three such points.
     */
    public static double[] fromBranch(List<Double> lambda, List<BranchMeasures> measures) {
        int n = lambda.size();
        if (n < 3) {
            return null;
        }
        BranchMeasures lastM = measures.get(n - 1);
        int mode = -1;
        for (int k = 1; k < lastM.tau().length; k++) {
            if (lastM.present()[k] && Double.isFinite(lastM.measured()[k])
                    && (mode < 0 || lastM.tau()[k] < lastM.tau()[mode])) {
                mode = k;
            }
        }
        if (mode < 0) {
            return null;
        }
        double[] x = new double[3];
        double[] y = new double[3];
        for (int i = 0; i < 3; i++) {
            x[i] = lambda.get(n - 3 + i);
            double p = measures.get(n - 3 + i).measured()[mode];
            if (!Double.isFinite(p)) {
                return null;
            }
            y[i] = p * p;
        }
        // Newton form: y = y2 + c1 (l - x2) + c2 (l - x2)(l - x1)
        double c1 = (y[2] - y[1]) / (x[2] - x[1]);
        double c2 = ((y[2] - y[1]) / (x[2] - x[1]) - (y[1] - y[0]) / (x[1] - x[0])) / (x[2] - x[0]);
        // in u = l - x2: c2 u^2 + (c1 + c2 (x2 - x1)) u + y2 = 0
        double a = c2;
        double b = c1 + c2 * (x[2] - x[1]);
        double c = y[2];
        double u;
        if (Math.abs(a) < 1.0e-14 * Math.abs(b)) {
            u = -c / b;
        } else {
            double disc = b * b - 4 * a * c;
            if (disc < 0) {
                return null;
            }
            double q = -0.5 * (b + Math.copySign(Math.sqrt(disc), b));
            double u1 = q / a;
            double u2 = c / q;
            u = Math.abs(u1) < Math.abs(u2) ? u1 : u2;
        }
        return new double[] {x[2] + u, mode};
    }
}
