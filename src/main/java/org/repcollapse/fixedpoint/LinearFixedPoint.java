package org.repcollapse.fixedpoint;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.dynamics.StudentLinearFlow;
import org.repcollapse.dynamics.SymmetrizableOperator;
import org.repcollapse.dynamics.TeacherStudentSystem;

/**
 * The fixed point of the linear teacher-student flow without head (spec section 5), exactly: per
 * embedding coordinate {@code d(w, y)/dt = -A (w, y)}, {@code A = R H} on the input row space (rank r),
 * the rest of w frozen. A is similar to {@code R^1/2 H R^1/2} (positive semi-definite), so the fixed
 * points are the kernel: {@code z(inf) = lim exp(-A t) z0} keeps each zero mode's amplitude and drops
 * the others. The Jacobian is {@code -(A (x) I_d)} plus zeros on the frozen part: eigenvalues
 * {@code -lambda_j} (d times each) and the family of fixed points, of dimension
 * {@code d dim ker A + d (D - r)}, exactly (it is the kernel, by linearity). No polishing is needed;
 * the residual of the full flow at z(inf) checks it.
 */
public record LinearFixedPoint(double[] point, double[] endOfRun, double residual, double endDistance, int dim,
                               int inputDim, int rank, double[] lambda, int kernel, int family, double scale,
                               double uncertainty, double slowest, FixedPointAnalysis.Verdict verdict) {

    /** Relative size below which a real part is undecided, as for {@link FixedPointAnalysis}. */
    public static final double ZERO_TOLERANCE = 1.0e-9;

    public static LinearFixedPoint of(TeacherStudentSystem system, double tEnd, double tol) {
        StudentLinearFlow flow = (StudentLinearFlow) system.linearFlow();
        SymmetrizableOperator op = flow.operator();
        double[] z0 = system.initialState();
        var solution = flow.solve(z0);
        double[] z = new double[z0.length];
        solution.state(Double.POSITIVE_INFINITY, z);
        double[] end = new double[z0.length];
        solution.state(tEnd, end);
        double dist = 0;
        double zmax = 1.0;
        for (int i = 0; i < z.length; i++) {
            dist = Math.max(dist, Math.abs(end[i] - z[i]));
            zmax = Math.max(zmax, Math.abs(z[i]));
        }
        double[] f = system.flow().derivative(z);
        double res = 0;
        for (double v : f) {
            res += v * v;
        }
        res = Math.sqrt(res);
        double[] lambda = op.eigenvalues();
        double scale = 0;
        int kernel = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double l : lambda) {
            scale = Math.max(scale, Math.abs(l));
        }
        for (double l : lambda) {
            if (l == 0.0) {
                kernel++;
            } else {
                smallest = Math.min(smallest, l);
            }
        }
        int d = system.dim();
        int dd = system.layout().inputDim();
        double eps = ZERO_TOLERANCE * scale + 10 * res / zmax;
        double slowest = -smallest;
        FixedPointAnalysis.Verdict v = res > tol ? FixedPointAnalysis.Verdict.NOT_CONVERGED
                : slowest < -eps ? FixedPointAnalysis.Verdict.STABLE
                : slowest > eps ? FixedPointAnalysis.Verdict.UNSTABLE : FixedPointAnalysis.Verdict.MARGINAL;
        return new LinearFixedPoint(z, end, res, dist, d, dd, flow.rank(), lambda, kernel,
                d * kernel + d * (dd - flow.rank()), scale, eps, slowest, v);
    }

    /** The Jacobian's eigenvalues outside the family, {@code [-lambda_j, d]} pairs, slowest first. */
    public List<double[]> spectrum() {
        List<double[]> out = new ArrayList<>();
        double[] sorted = lambda.clone();
        java.util.Arrays.sort(sorted);
        for (double l : sorted) {
            if (l != 0.0) {
                out.add(new double[] {-l, dim});
            }
        }
        return out;
    }
}
