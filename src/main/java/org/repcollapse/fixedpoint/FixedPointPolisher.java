package org.repcollapse.fixedpoint;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.dynamics.GradientFlow;

/**
 * Polishes an approximate fixed point of {@code dz/dt = F(z)} by Levenberg-Marquardt until
 * {@code |F(z)| <= tol}, on the coupled subspace of the group reduction ({@link GroupSplit}): with
 * Q its orthonormal basis, {@code z = z0 + Q u} keeps every group's deviations in their own span,
 * so F stays in span Q and the problem is {@code Q^T F(z0 + Q u) = 0}, of the subspace's dimension,
 * with the Jacobian {@code Q^T J Q} from matrix-free products. LM regularises the step, so the
 * singular Jacobian of a family of fixed points is no obstacle: it moves to a nearby member.
 */
public final class FixedPointPolisher {

    /** The polished point, its residual norm {@code |F(z)|_2} (full state), the LM iterations, and whether tol was met. */
    public record Result(double[] point, double residual, int iterations, boolean converged) {
    }

    private final GradientFlow flow;
    private final FlowJacobian jacobian;
    private final GroupSplit split;

    public FixedPointPolisher(GradientFlow flow, FlowJacobian jacobian, GroupSplit split) {
        this.flow = flow;
        this.jacobian = jacobian;
        this.split = split;
    }

    public double residual(double[] z) {
        double s = 0;
        for (double v : flow.derivative(z)) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    public Result polish(double[] start, double tol, int maxIterations) {
        double r0 = residual(start);
        if (r0 <= tol) {
            return new Result(start.clone(), r0, 0, true);
        }
        int n = start.length;
        int q = split.size();
        double[] best = start.clone();
        double[] bestResidual = {r0};
        double[] z = new double[n];
        double[] w = new double[n];
        double[] jw = new double[n];
        double[] uq = new double[q];
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(point -> {
                    double[] zz = at(start, point.toArray(), z, w);
                    double[] f = flow.derivative(zz);
                    double norm = new ArrayRealVector(f, false).getNorm();
                    if (norm < bestResidual[0]) {
                        bestResidual[0] = norm;
                        System.arraycopy(zz, 0, best, 0, n);
                    }
                    double[] fq = new double[q];
                    split.project(f, fq);
                    RealMatrix jq = new Array2DRowRealMatrix(q, q);
                    for (int j = 0; j < q; j++) {
                        java.util.Arrays.fill(uq, 0.0);
                        uq[j] = 1.0;
                        split.expand(uq, w);
                        jacobian.times(zz, w, jw);
                        split.project(jw, uq);
                        jq.setColumn(j, uq);
                    }
                    return new Pair<RealVector, RealMatrix>(new ArrayRealVector(fq, false), jq);
                })
                .target(new double[q])
                .start(new double[q])
                .checker((iteration, previous, current) -> current.getResiduals().getNorm() <= tol
                        && bestResidual[0] <= tol)
                .maxEvaluations(10 * maxIterations)
                .maxIterations(maxIterations)
                .lazyEvaluation(false)
                .build();
        LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1.0e-15)
                .withParameterRelativeTolerance(1.0e-15)
                .withOrthoTolerance(1.0e-15);
        try {
            LeastSquaresOptimizer.Optimum o = lm.optimize(problem);
            double[] zz = at(start, o.getPoint().toArray(), new double[n], w).clone();
            double r = residual(zz);
            if (r > bestResidual[0]) {
                return new Result(best, bestResidual[0], o.getIterations(), bestResidual[0] <= tol);
            }
            return new Result(zz, r, o.getIterations(), r <= tol);
        } catch (MathIllegalStateException e) {
            // LM could not improve further (its tolerances or iteration budget): the best point seen
            return new Result(best, bestResidual[0], maxIterations, bestResidual[0] <= tol);
        }
    }

    /** {@code z = z0 + Q u} into out. */
    private double[] at(double[] z0, double[] u, double[] out, double[] work) {
        split.expand(u, work);
        for (int i = 0; i < out.length; i++) {
            out[i] = z0[i] + work[i];
        }
        return out;
    }
}
