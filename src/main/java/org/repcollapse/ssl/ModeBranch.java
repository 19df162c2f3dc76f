package org.repcollapse.ssl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Pseudo-arclength continuation of the non-collapsed fixed points of the SimSiam mode flow ({@link ModeFlow},
 * tau = 1) in one parameter v. Dividing {@code ds/dt} by {@code 2 s}, the branch is the zero set of
 *
 * <pre>
 *   G(p, s; v) = ( alpha s (1 - k p) - eta p,  p (1 - k p) - eta ),   (k, eta, alpha) = modes(v),
 * </pre>
 *
 * a curve in (p, s, v) through p*_+ and p*_- ({@link ModeFixedPoints}) that turns back at the fold
 * {@code eta = 1/(4k)}. Tangent: the null vector of DG (2 x 3; dG/dv by central differences); predictor along
 * it, Newton corrector on {@code (G, t . (x - x_pred)) = 0}; a fold is a sign change of the tangent's v
 * component, located by Newton on {@code (G, det dG/d(p, s)) = 0}. The point's stability is the SimSiam
 * mode Jacobian's ({@link ModeFixedPoints#jacobian}).
 */
public final class ModeBranch {

    /** One corrected point: the parameter, the mode variables, the residual |G|, the mode Jacobian's eigenvalues. */
    public record Point(double v, double p, double s, double residual, double[] eigenvalues, boolean fold) {
    }

    private final DoubleFunction<ModeFixedPoints> modes;
    private final List<Point> points = new ArrayList<>();
    private final List<Point> folds = new ArrayList<>();
    private String stop = "";

    public ModeBranch(DoubleFunction<ModeFixedPoints> modes) {
        this.modes = modes;
    }

    private double[] g(double p, double s, double v) {
        ModeFixedPoints m = modes.apply(v);
        double gap = 1 - m.k() * p;
        return new double[] {m.alpha() * s * gap - m.eta() * p, p * gap - m.eta()};
    }

    /** DG at x = (p, s, v), rows G_1, G_2, columns p, s, v. */
    private double[][] dg(double[] x) {
        ModeFixedPoints m = modes.apply(x[2]);
        double p = x[0];
        double s = x[1];
        double h = 1e-6 * Math.max(1.0, Math.abs(x[2]));
        double[] gp = g(p, s, x[2] + h);
        double[] gm = g(p, s, x[2] - h);
        return new double[][] {
            {-m.alpha() * m.k() * s - m.eta(), m.alpha() * (1 - m.k() * p), (gp[0] - gm[0]) / (2 * h)},
            {1 - 2 * m.k() * p, 0.0, (gp[1] - gm[1]) / (2 * h)}};
    }

    private static double[] cross(double[] a, double[] b) {
        double[] c = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        double n = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        for (int i = 0; i < 3; i++) {
            c[i] /= n;
        }
        return c;
    }

    private static double[] solve3(double[][] a, double[] b) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
            for (int r = 0; r < 3; r++) {
                m[r][c] = b[r];
            }
            x[c] = (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])) / det;
        }
        return x;
    }

    private static double norm(double[] v) {
        return Math.hypot(v[0], v[1]);
    }

    /**
     * Follows the branch from the fixed point {@code (p0, s0)} at {@code from}, leaving towards {@code to}, while
     * v stays in the closed interval between them and p, s stay positive; at most {@code maxPoints} points.
     */
    public ModeBranch run(double p0, double s0, double from, double to, int steps, double tol, int maxPoints) {
        double lo = Math.min(from, to);
        double hi = Math.max(from, to);
        double[] x = {p0, s0, from};
        double[] x0 = correct(x, null, null, tol);
        if (x0 == null) {
            stop = "the start did not converge";
            return this;
        }
        x = x0;
        double[][] j = dg(x);
        double[] t = cross(j[0], j[1]);
        if (Math.signum(t[2]) != Math.signum(to - from)) {
            for (int i = 0; i < 3; i++) {
                t[i] = -t[i];
            }
        }
        double h = (hi - lo) / steps;
        double hMax = 2 * (hi - lo + 1) / steps;     // arclength in (p, s, v); p and s move by O(1)
        points.add(point(x, false));
        while (points.size() < maxPoints) {
            double[] pred = {x[0] + h * t[0], x[1] + h * t[1], x[2] + h * t[2]};
            double[] next = correct(pred, t, pred, tol);
            if (next == null || Math.hypot(next[0] - x[0], next[2] - x[2]) > 2 * h + 1e-12) {
                h /= 2;
                if (h < 1e-12 * (hi - lo)) {
                    stop = "step size underflow at v = " + x[2];
                    return this;
                }
                continue;
            }
            double[][] jn = dg(next);
            double[] tn = cross(jn[0], jn[1]);
            if (tn[0] * t[0] + tn[1] * t[1] + tn[2] * t[2] < 0) {
                for (int i = 0; i < 3; i++) {
                    tn[i] = -tn[i];
                }
            }
            if (next[2] < lo || next[2] > hi) {
                double end = next[2] < lo ? lo : hi;
                double w = (end - x[2]) / (next[2] - x[2]);
                double[] guess = {x[0] + w * (next[0] - x[0]), x[1] + w * (next[1] - x[1]), end};
                double[] last = correct(guess, null, null, tol);
                if (last != null && last[0] > 0 && last[1] > 0) {
                    points.add(point(last, false));
                }
                stop = "left the interval";
                return this;
            }
            if (!(next[0] > 0 && next[1] > 0)) {
                stop = "reached the collapsed point (p, s) = (0, 0)";
                return this;
            }
            if (Math.signum(tn[2]) != Math.signum(t[2]) && t[2] != 0) {
                double[] f = fold(t[2] * t[2] < tn[2] * tn[2] ? x : next, tol);
                if (f != null) {
                    Point fp = point(f, true);
                    folds.add(fp);
                    points.add(fp);
                }
            }
            points.add(point(next, false));
            x = next;
            t = tn;
            h = Math.min(hMax, h * 1.3);
        }
        stop = "stopped after " + maxPoints + " points";
        return this;
    }

    /** Newton on G = 0 (with the arclength condition t.(x - pred) = 0 when t is given; else at fixed v). */
    private double[] correct(double[] x, double[] t, double[] pred, double tol) {
        double[] y = x.clone();
        for (int it = 0; it < 30; it++) {
            double[] gv = g(y[0], y[1], y[2]);
            if (norm(gv) <= tol && it > 0) {
                return y;
            }
            double[][] j = dg(y);
            double[][] a = {j[0], j[1], t != null ? t : new double[] {0, 0, 1}};
            double c = t != null ? t[0] * (y[0] - pred[0]) + t[1] * (y[1] - pred[1]) + t[2] * (y[2] - pred[2]) : 0;
            double[] dx = solve3(a, new double[] {-gv[0], -gv[1], -c});
            for (int i = 0; i < 3; i++) {
                y[i] += dx[i];
            }
            if (!Double.isFinite(y[0] + y[1] + y[2])) {
                return null;
            }
        }
        return norm(g(y[0], y[1], y[2])) <= tol ? y : null;
    }

    /** Newton on (G, det dG/d(p, s)) = 0 from x (derivatives of det by central differences). */
    private double[] fold(double[] x, double tol) {
        double[] y = x.clone();
        for (int it = 0; it < 50; it++) {
            double[] r = residual(y);
            if (Math.abs(r[0]) + Math.abs(r[1]) <= tol && Math.abs(r[2]) <= 1e-13) {
                return y;
            }
            double[][] a = new double[3][3];
            for (int c = 0; c < 3; c++) {
                double h = 1e-7 * Math.max(1.0, Math.abs(y[c]));
                double[] yp = y.clone();
                double[] ym = y.clone();
                yp[c] += h;
                ym[c] -= h;
                double[] rp = residual(yp);
                double[] rm = residual(ym);
                for (int rr = 0; rr < 3; rr++) {
                    a[rr][c] = (rp[rr] - rm[rr]) / (2 * h);
                }
            }
            double[] dx = solve3(a, new double[] {-r[0], -r[1], -r[2]});
            for (int i = 0; i < 3; i++) {
                y[i] += dx[i];
            }
            if (!Double.isFinite(y[0] + y[1] + y[2])) {
                return null;
            }
        }
        double[] r = residual(y);
        return Math.abs(r[0]) + Math.abs(r[1]) <= 1e3 * tol ? y : null;
    }

    private double[] residual(double[] y) {
        double[] gv = g(y[0], y[1], y[2]);
        double[][] j = dg(y);
        return new double[] {gv[0], gv[1], j[0][0] * j[1][1] - j[0][1] * j[1][0]};
    }

    private Point point(double[] x, boolean fold) {
        ModeFixedPoints m = modes.apply(x[2]);
        double[] jac = m.jacobian(x[0], x[1]);
        double tr = jac[0] + jac[3];
        double det = jac[0] * jac[3] - jac[1] * jac[2];
        double disc = tr * tr / 4 - det;
        double[] ev = disc >= 0 ? new double[] {tr / 2 + Math.sqrt(disc), tr / 2 - Math.sqrt(disc)}
                : new double[] {tr / 2, tr / 2};
        return new Point(x[2], x[0], x[1], norm(g(x[0], x[1], x[2])), ev, fold);
    }

    public List<Point> points() {
        return points;
    }

    public List<Point> folds() {
        return folds;
    }

    public String stop() {
        return stop;
    }
}
