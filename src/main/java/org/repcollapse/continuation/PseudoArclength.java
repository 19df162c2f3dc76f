package org.repcollapse.continuation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Pseudo-arclength continuation of the zeros of {@code F(z, lambda)} (papers/continuation.md). With
 * x = (z, lambda), a unit tangent t and the family's tangent space K at the last point x_0 (the m
 * right singular vectors of F_z with the smallest singular values; m fixed at the start), a step of
 * length h predicts {@code x_0 + h t} and corrects by Gauss-Newton (Hipparchus QR, least squares on a
 * consistent system, hence quadratic) on
 * <pre>
 *   F(z, lambda) = 0                      (n rows, rank n - m on the family)
 *   K^T (z - z_0) = 0                     (m phase conditions: no drift along the family)
 *   t^T (x - x_0) = h                     (pseudo-arclength)
 * </pre>
 * The new tangent solves {@code [F_z F_lambda; K^T 0; t_0^T] t = (0, 0, 1)}, normalised (oriented
 * like t_0). Folds ({@code dlambda/ds} changes sign) and branch points (the bordered sign
 * {@code sign det(J mod K) sign(dlambda/ds)} changes) are located by bisection on the step. The first
 * step h_0 advances lambda by (to - from)/steps; the step never exceeds h_0, grows back 1.5x after an
 * easy correction (at most 3 iterations), shrinks 0.7x after a hard one (6 or more), halves on failure;
 * the last step lands on lambda = to exactly (natural-parameter correction).
 */
public final class PseudoArclength {

    /** Settings: the interval, the target number of steps across it, the corrector's residual and iterations. */
    public record Settings(double from, double to, int steps, double tol, int maxIterations, double familyTolerance) {
    }

    /** The branch, its special points and why it stopped. */
    public record Result(List<BranchPoint> points, List<SpecialPoint> events, int family, String stop,
                         boolean reachedEnd) {
    }

    /** Largest number of points, as a multiple of the requested steps. */
    static final int POINT_FACTOR = 20;

    private final ContinuationProblem problem;
    private final Settings settings;
    private final Consumer<String> progress;
    private final int n;
    private int family;

    public PseudoArclength(ContinuationProblem problem, Settings settings, Consumer<String> progress) {
        this.problem = problem;
        this.settings = settings;
        this.progress = progress;
        this.n = problem.dimension();
    }

    /** Corrector outcome: the point, its residual and the number of iterations (-1: failed). */
    record Corrected(double[] x, double residual, int iterations) {
        boolean ok() {
            return iterations >= 0;
        }
    }

    /**
     * Polishes a start z at fixed lambda (Gauss-Newton with phase conditions against z itself), counts
     * the family dimension and continues from there.
     */
    public Result run(double[] z0, double lambda0) {
        double dir = Math.signum(settings.to() - settings.from());
        double[][] j0 = problem.jacobian(z0, lambda0);
        family = QuotientSpectrum.familyDimension(j0, Math.sqrt(settings.familyTolerance()));
        double[] x = join(z0, lambda0);
        QuotientSpectrum s0 = new QuotientSpectrum(j0, family);
        Corrected start = correct(x.clone(), x, s0.kernel(), null, lambda0, 0.0);
        if (!start.ok()) {
            return new Result(List.of(), List.of(), family, String.format("the start did not converge to a fixed"
                    + " point (residual %.3e at %s)", start.residual(), "lambda = " + lambda0), false);
        }
        x = start.x();
        double[][] j = problem.jacobian(z(x), lam(x));
        family = QuotientSpectrum.familyDimension(j, settings.familyTolerance());
        QuotientSpectrum spec = new QuotientSpectrum(j, family);
        progress.accept(String.format("start: lambda = %.6g, residual %.3e, family dimension %d", lam(x),
                start.residual(), family));
        double[] e = new double[n + 1];
        e[n] = dir == 0 ? 1 : dir;
        double[] t = tangent(x, spec.kernel(), e);
        if (t == null) {
            return new Result(List.of(), List.of(), family, "no tangent at the start (a singular point)", false);
        }
        List<BranchPoint> points = new ArrayList<>();
        List<SpecialPoint> events = new ArrayList<>();
        BranchPoint last = new BranchPoint(lam(x), z(x), 0.0, start.residual(), start.iterations(), t, spec, null);
        points.add(last);
        double span = Math.abs(settings.to() - settings.from());
        double h0 = span / settings.steps() / Math.max(Math.abs(t[n]), 1.0e-3);
        double h = h0;
        double hMax = h0;
        double hMin = 1.0e-8 * h0;
        int maxPoints = POINT_FACTOR * settings.steps() + 10;
        String stop = null;
        boolean reached = false;
        double lo = Math.min(settings.from(), settings.to());
        double hi = Math.max(settings.from(), settings.to());
        while (points.size() < maxPoints) {
            double[] x0 = join(last.z(), last.lambda());
            double[] t0 = last.tangent();
            double predicted = last.lambda() + h * t0[n];
            boolean finalStep = (predicted - settings.to()) * dir >= 0 && t0[n] * dir > 0;
            Corrected c;
            double step = h;
            if (finalStep) {
                step = (settings.to() - last.lambda()) / t0[n];
                c = correct(axpy(x0, step, t0), x0, last.spectrum().kernel(), null, settings.to(), 0.0);
            } else {
                c = correct(axpy(x0, h, t0), x0, last.spectrum().kernel(), t0, Double.NaN, h);
            }
            if (!c.ok() || !problem.admissible(lam(c.x()))) {
                if (c.ok() && !problem.admissible(lam(c.x()))) {
                    stop = String.format("the branch leaves the parameter's domain after lambda = %.8g", last.lambda());
                    break;
                }
                h /= 2;
                if (h < hMin) {
                    stop = String.format("step size underflow at lambda = %.8g (corrector residual %.3e)%s",
                            last.lambda(), c.residual(), familyChange(last, h0));
                    break;
                }
                continue;
            }
            BranchPoint next = point(c, last, step);
            if (next == null) {
                stop = String.format("singular tangent after lambda = %.8g", last.lambda());
                break;
            }
            SpecialPoint.Type type = null;
            if (Math.signum(next.parameterTangent()) != Math.signum(t0[n])) {
                type = SpecialPoint.Type.FOLD;
            } else if (next.borderedSign() * last.borderedSign() < 0) {
                type = SpecialPoint.Type.BRANCH_POINT;
            }
            if (type != null) {
                BranchPoint at = locate(last, step, type);
                if (at != null) {
                    events.add(new SpecialPoint(type, at.lambda(), at.arclength(), at.z(), String.format(
                            "located to |ds| <= %.1e; largest real part outside the family %.3e", 1.0e-10 * step,
                            at.spectrum().largestRealPart())));
                    points.add(at);
                    progress.accept(String.format("%s at lambda = %.10g", type.name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' '), at.lambda()));
                }
            }
            points.add(next);
            last = next;
            if (points.size() % 10 == 0) {
                progress.accept(String.format("point %d: lambda = %.6g, residual %.2e, step %.3g", points.size(),
                        last.lambda(), last.residual(), h));
            }
            if (finalStep) {
                reached = true;
                stop = "reached lambda = " + settings.to();
                break;
            }
            if (last.lambda() < lo - 1.0e-12 * Math.max(1, span) || last.lambda() > hi + 1.0e-12 * Math.max(1, span)) {
                stop = String.format("the branch left [%g, %g] at lambda = %.8g", lo, hi, last.lambda());
                break;
            }
            if (c.iterations() <= 3) {
                h = Math.min(1.5 * h, hMax);
            } else if (c.iterations() >= 6) {
                h *= 0.7;
            }
        }
        if (stop == null) {
            stop = "stopped after " + points.size() + " points (the limit of " + POINT_FACTOR + " x --steps)";
        }
        return new Result(points, events, family, stop, reached);
    }

    /**
     * A diagnosis for a stalled branch: the dimension of the Jacobian's near-kernel one first step ahead
     * along the tangent, when it differs from the family's (the family changes dimension there, e.g. the
     * clusters of the embedding-only model merging at phi = 0); empty otherwise.
     */
    private String familyChange(BranchPoint last, double h0) {
        double[] ahead = axpy(join(last.z(), last.lambda()), h0, last.tangent());
        if (!problem.admissible(lam(ahead))) {
            return "";
        }
        int there = QuotientSpectrum.familyDimension(problem.jacobian(z(ahead), lam(ahead)), settings.familyTolerance());
        return there == family ? "" : String.format("; the Jacobian's kernel has dimension %d here and %d just beyond:"
                + " the family of fixed points changes dimension", family, there);
    }

    /** The branch point at a corrected x, reached by a step of length {@code step} from {@code last}. */
    private BranchPoint point(Corrected c, BranchPoint last, double step) {
        double[] x = c.x();
        double[][] j = problem.jacobian(z(x), lam(x));
        QuotientSpectrum spec = new QuotientSpectrum(j, family);
        double[] t = tangent(x, spec.kernel(), last.tangent());
        if (t == null) {
            return null;
        }
        double ds = distance(x, join(last.z(), last.lambda()));
        return new BranchPoint(lam(x), z(x), last.arclength() + Math.signum(step) * ds, c.residual(), c.iterations(), t,
                spec, null);
    }

    /** Bisection on the step from {@code last} for the sign change of the event's test function. */
    private BranchPoint locate(BranchPoint last, double step, SpecialPoint.Type type) {
        double[] x0 = join(last.z(), last.lambda());
        double a = 0;
        double b = step;
        BranchPoint best = null;
        for (int it = 0; it < 60 && Math.abs(b - a) > 1.0e-10 * Math.abs(step); it++) {
            double s = 0.5 * (a + b);
            Corrected c = correct(axpy(x0, s, last.tangent()), x0, last.spectrum().kernel(), last.tangent(),
                    Double.NaN, s);
            if (!c.ok()) {
                break;
            }
            BranchPoint p = point(c, last, s);
            if (p == null) {
                // the bordered matrix is singular here: this is the special point to rounding
                double[] x = c.x();
                QuotientSpectrum spec = new QuotientSpectrum(problem.jacobian(z(x), lam(x)), family);
                return new BranchPoint(lam(x), z(x), last.arclength() + s, c.residual(), c.iterations(),
                        last.tangent(), spec, type);
            }
            boolean changed = type == SpecialPoint.Type.FOLD
                    ? Math.signum(p.parameterTangent()) != Math.signum(last.parameterTangent())
                    : p.borderedSign() * last.borderedSign() < 0;
            if (changed) {
                b = s;
                best = p;
            } else {
                a = s;
                if (best == null) {
                    best = p;
                }
            }
        }
        return best == null ? null : new BranchPoint(best.lambda(), best.z(), best.arclength(), best.residual(),
                best.iterations(), best.tangent(), best.spectrum(), type);
    }

    /**
     * Gauss-Newton on F = 0, the phase conditions {@code K^T (z - z_base) = 0}, and either the arclength
     * row {@code t^T (x - base) = h} or, when t is null, {@code lambda = fixed}.
     */
    Corrected correct(double[] guess, double[] base, RealMatrix kernel, double[] t, double fixed, double h) {
        double[] x = guess.clone();
        if (t == null) {
            x[n] = fixed;   // the lambda row is linear: lambda = fixed exactly, every iteration
        }
        int m = kernel == null ? 0 : kernel.getColumnDimension();
        double[] f = new double[n];
        double res = Double.NaN;
        for (int it = 0; it <= settings.maxIterations(); it++) {
            problem.residual(z(x), lam(x), f);
            res = norm(f);
            if (!Double.isFinite(res)) {
                return new Corrected(x, res, -1);
            }
            if (res <= settings.tol()) {
                return new Corrected(x, res, it);
            }
            if (it == settings.maxIterations()) {
                break;
            }
            double[][] jz = problem.jacobian(z(x), lam(x));
            double[] fl = problem.parameterDerivative(z(x), lam(x));
            RealMatrix a = MatrixUtils.createRealMatrix(n + m + 1, n + 1);
            double[] rhs = new double[n + m + 1];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    a.setEntry(i, k, jz[i][k]);
                }
                a.setEntry(i, n, fl[i]);
                rhs[i] = -f[i];
            }
            for (int r = 0; r < m; r++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    double kv = kernel.getEntry(k, r);
                    a.setEntry(n + r, k, kv);
                    s += kv * (x[k] - base[k]);
                }
                rhs[n + r] = -s;
            }
            if (t == null) {
                a.setEntry(n + m, n, 1.0);
                rhs[n + m] = fixed - x[n];
            } else {
                double s = 0;
                for (int k = 0; k <= n; k++) {
                    a.setEntry(n + m, k, t[k]);
                    s += t[k] * (x[k] - base[k]);
                }
                rhs[n + m] = h - s;
            }
            RealVector dx;
            try {
                dx = new QRDecomposition(a, 1.0e-14).getSolver().solve(new ArrayRealVector(rhs, false));
            } catch (MathRuntimeException ex) {
                return new Corrected(x, res, -1);
            }
            for (int k = 0; k < n; k++) {
                x[k] += dx.getEntry(k);
            }
            x[n] = t == null ? fixed : x[n] + dx.getEntry(n);
        }
        return new Corrected(x, res, -1);
    }

    /** The unit null vector of {@code [F_z F_lambda; K^T 0]} with {@code orient^T t > 0} (null if singular). */
    double[] tangent(double[] x, RealMatrix kernel, double[] orient) {
        int m = kernel == null ? 0 : kernel.getColumnDimension();
        double[][] jz = problem.jacobian(z(x), lam(x));
        double[] fl = problem.parameterDerivative(z(x), lam(x));
        RealMatrix a = MatrixUtils.createRealMatrix(n + m + 1, n + 1);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                a.setEntry(i, k, jz[i][k]);
            }
            a.setEntry(i, n, fl[i]);
        }
        for (int r = 0; r < m; r++) {
            for (int k = 0; k < n; k++) {
                a.setEntry(n + r, k, kernel.getEntry(k, r));
            }
        }
        for (int k = 0; k <= n; k++) {
            a.setEntry(n + m, k, orient[k]);
        }
        double[] rhs = new double[n + m + 1];
        rhs[n + m] = 1.0;
        try {
            double[] t = new QRDecomposition(a, 1.0e-14).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
            double s = norm(t);
            for (int k = 0; k <= n; k++) {
                t[k] /= s;
            }
            return t;
        } catch (MathRuntimeException ex) {
            return null;
        }
    }

    private double[] join(double[] z, double lambda) {
        double[] x = java.util.Arrays.copyOf(z, n + 1);
        x[n] = lambda;
        return x;
    }

    private double[] z(double[] x) {
        return java.util.Arrays.copyOf(x, n);
    }

    private double lam(double[] x) {
        return x[n];
    }

    private static double[] axpy(double[] x, double s, double[] t) {
        double[] out = x.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] += s * t[k];
        }
        return out;
    }

    private static double distance(double[] u, double[] v) {
        double s = 0;
        for (int k = 0; k < u.length; k++) {
            s += (u[k] - v[k]) * (u[k] - v[k]);
        }
        return Math.sqrt(s);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }
}
