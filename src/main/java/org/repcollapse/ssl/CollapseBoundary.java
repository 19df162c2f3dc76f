package org.repcollapse.ssl;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEStateAndDerivative;

/**
 * The boundary of the collapse basin of the SimSiam mode flow ({@link ModeFlow}, tau fixed) in the
 * (p, s) plane, derived in papers/linear-ssl.md:
 *
 * <ul>
 * <li>{@code eta > 0} (and below {@code eta_crit}): the attractors are (0, 0) and (p*_+, s*_+); the boundary
 * is the stable manifold of the saddle (p*_-, s*_-), a curve {@code s = S(p)} decreasing in p, tangent there
 * to {@link ModeFixedPoints#saddleStableDirection}. It is traced by integrating the flow backwards from the
 * saddle along that direction (both branches). A mode collapses iff {@code s_0 < S(p_0)}.</li>
 * <li>{@code eta = 0} (closed form): with {@code c = s - p^2/alpha_p} conserved, a mode collapses
 * ({@code s -> 0}) iff {@code c < 0} and {@code p_0 < 0}, or {@code c < -tau^2/(k^2 alpha_p)} and
 * {@code p_0 > tau/k}: {@code S(p) = p^2/alpha_p} for {@code p < 0}, 0 on {@code [0, tau/k]},
 * {@code (p^2 - tau^2/k^2)/alpha_p} beyond.</li>
 * <li>{@code eta > eta_crit}: only (0, 0) is left; every mode collapses ({@code S = +infinity}).</li>
 * </ul>
 */
public final class CollapseBoundary {

    /** Where the tracing stops as s falls: S below it is reported as 0. */
    static final double S_FLOOR = 1e-250;

    /** Relative distance from the saddle at which the backward tracing starts. */
    static final double START_OFFSET = 1e-9;

    private final ModeFixedPoints fp;
    /** The traced curve, sorted by p: {@code p[i]}, {@code log s[i]}. */
    private final double[] ps;
    private final double[] logS;
    /** Whether the right branch ended below {@link #S_FLOOR} (S is below any representable start beyond it). */
    private final boolean rightFloor;
    /** Whether p moves monotonically along both traced branches, so that the curve is a graph s = S(p). */
    private final boolean graph;

    public CollapseBoundary(ModeFixedPoints fp, double pMax, double sMax) {
        this.fp = fp;
        if (fp.eta() > 0 && fp.exists()) {
            List<double[]> left = branch(-1, pMax, sMax);
            List<double[]> right = branch(+1, pMax, sMax);
            graph = monotone(left, -1) && monotone(right, +1);
            List<double[]> all = new ArrayList<>();
            for (int i = left.size() - 1; i >= 0; i--) {
                all.add(left.get(i));
            }
            all.add(new double[] {fp.pMinus(), fp.sMinus()});
            all.addAll(right);
            double[] lastRight = right.isEmpty() ? null : right.get(right.size() - 1);
            rightFloor = lastRight != null && lastRight[1] <= 2 * S_FLOOR;
            all.sort((a, b) -> Double.compare(a[0], b[0]));
            List<double[]> kept = new ArrayList<>();
            for (double[] q : all) {
                if (q[1] > 0 && (kept.isEmpty() || q[0] > kept.get(kept.size() - 1)[0])) {
                    kept.add(q);
                }
            }
            ps = new double[kept.size()];
            logS = new double[kept.size()];
            for (int i = 0; i < kept.size(); i++) {
                ps[i] = kept.get(i)[0];
                logS[i] = Math.log(kept.get(i)[1]);
            }
        } else {
            ps = new double[0];
            logS = new double[0];
            rightFloor = false;
            graph = true;
        }
    }

    /** The boundary traced over {@code |p| <= pMax}, {@code s <= sMax}. */
    public static CollapseBoundary of(ModeFixedPoints fp) {
        return new CollapseBoundary(fp, 10.0, 100.0);
    }

    private static boolean monotone(List<double[]> branch, int direction) {
        for (int i = 1; i < branch.size(); i++) {
            if (direction * (branch.get(i)[0] - branch.get(i - 1)[0]) <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the traced boundary is a graph over p (p monotone along each branch); {@link #s} is NaN otherwise. */
    public boolean isGraph() {
        return graph;
    }

    /** Backward orbit from the saddle, leaving along {@code side * v}: points (p, s) in order of backward time. */
    private List<double[]> branch(int side, double pMax, double sMax) {
        double[] v = fp.saddleStableDirection();
        double norm = Math.hypot(v[0], v[1]);
        double scale = START_OFFSET * (Math.abs(fp.pMinus()) + fp.sMinus());
        double[] y0 = {fp.pMinus() + side * scale * v[0] / norm, fp.sMinus() + side * scale * v[1] / norm};
        double k = fp.k();
        double eta = fp.eta();
        double alpha = fp.alpha();
        double tau = fp.tau();
        org.hipparchus.ode.OrdinaryDifferentialEquation backward = new org.hipparchus.ode.OrdinaryDifferentialEquation() {
            public int getDimension() {
                return 2;
            }

            public double[] computeDerivatives(double t, double[] y) {
                double gap = tau - k * y[0];
                return new double[] {-(alpha * y[1] * gap - eta * y[0]), -(2 * y[0] * y[1] * gap - 2 * eta * y[1])};
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, 1e3, 1e-14, 1e-11);
        List<double[]> points = new ArrayList<>();
        integrator.addStepHandler(new ODEStepHandler() {
            public void handleStep(ODEStateInterpolator in) {
                double t0 = in.getPreviousState().getTime();
                double t1 = in.getCurrentState().getTime();
                for (int i = 1; i <= 8; i++) {
                    double[] y = in.getInterpolatedState(t0 + (t1 - t0) * i / 8).getPrimaryState();
                    points.add(y.clone());
                }
            }
        });
        double sMin = S_FLOOR;
        integrator.addEventDetector(new Leave(y -> Math.min(Math.min(pMax - Math.abs(y[0]), sMax - y[1]),
                Math.log(Math.max(y[1], Double.MIN_NORMAL)) - Math.log(sMin))));
        double tMax = 200.0 / eta + 1e4;
        integrator.integrate(new org.hipparchus.ode.ExpandableODE(backward), new ODEState(0.0, y0), tMax);
        return points;
    }

    /**
     * {@code S(p)}: s below it collapses; 0 where it fell below {@link #S_FLOOR}; NaN outside the traced
     * range of p.
     */
    public double s(double p) {
        if (!(fp.eta() > 0)) {
            if (!fp.exists()) {
                return Double.POSITIVE_INFINITY;
            }
            double top = fp.tau() / fp.k();
            return p < 0 ? p * p / fp.alpha() : p <= top ? 0.0 : (p * p - top * top) / fp.alpha();
        }
        if (!fp.exists()) {
            return Double.POSITIVE_INFINITY;
        }
        if (!graph) {
            return Double.NaN;
        }
        if (ps.length >= 2 && p > ps[ps.length - 1] && rightFloor) {
            return 0.0;
        }
        if (ps.length < 2 || p < ps[0] || p > ps[ps.length - 1]) {
            return Double.NaN;
        }
        int i = java.util.Arrays.binarySearch(ps, p);
        if (i >= 0) {
            return Math.exp(logS[i]);
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (p - ps[lo]) / (ps[hi] - ps[lo]);
        return Math.exp(logS[lo] + w * (logS[hi] - logS[lo]));
    }

    /** Whether a mode started at (p0, s0) is predicted to collapse; null where the boundary is not traced. */
    public Boolean collapses(double p0, double s0) {
        double b = s(p0);
        return Double.isNaN(b) ? null : s0 < b || s0 <= 0;
    }

    /** The traced points (p, s), sorted by p (empty for eta = 0 or beyond the fold: use {@link #s}). */
    public double[][] points() {
        double[][] out = new double[ps.length][];
        for (int i = 0; i < ps.length; i++) {
            out[i] = new double[] {ps[i], Math.exp(logS[i])};
        }
        return out;
    }

    /** Stops the backward tracing when g(y) turns negative. */
    private record Leave(java.util.function.ToDoubleFunction<double[]> g) implements ODEEventDetector {
        public AdaptableInterval getMaxCheckInterval() {
            return (s, f) -> 1.0;
        }

        public int getMaxIterationCount() {
            return 100;
        }

        public BracketedUnivariateSolver<org.hipparchus.analysis.UnivariateFunction> getSolver() {
            return new BracketingNthOrderBrentSolver(1e-10, 5);
        }

        public ODEEventHandler getHandler() {
            return (s, d, inc) -> Action.STOP;
        }

        public double g(ODEStateAndDerivative s) {
            return g.applyAsDouble(s.getPrimaryState());
        }
    }
}
