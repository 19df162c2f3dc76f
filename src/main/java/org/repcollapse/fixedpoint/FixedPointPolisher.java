package org.repcollapse.fixedpoint;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.repcollapse.dynamics.FlowJacobian;
import org.repcollapse.dynamics.GradientFlow;

/**
 * Polishes an approximate fixed point of {@code dz/dt = F(z)} by Levenberg-Marquardt on the
 * residual F with the analytic Jacobian ({@link FlowJacobian}), until {@code |F(z)| <= tol}.
 * LM regularises the step, so the singular Jacobian of a continuous family of fixed points
 * (the stop-gradient case) is no obstacle: it moves to a nearby member of the family.
 */
public final class FixedPointPolisher {

    /** The polished point, its residual norm {@code |F(z)|_2}, the LM iterations, and whether tol was met. */
    public record Result(double[] point, double residual, int iterations, boolean converged) {
    }

    private final GradientFlow flow;
    private final FlowJacobian jacobian;

    public FixedPointPolisher(GradientFlow flow, FlowJacobian jacobian) {
        this.flow = flow;
        this.jacobian = jacobian;
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
        double[] best = start.clone();
        double[] bestResidual = {r0};
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(point -> {
                    double[] z = point.toArray();
                    double[] f = flow.derivative(z);
                    double norm = new ArrayRealVector(f, false).getNorm();
                    if (norm < bestResidual[0]) {
                        bestResidual[0] = norm;
                        System.arraycopy(z, 0, best, 0, n);
                    }
                    return new Pair<RealVector, org.hipparchus.linear.RealMatrix>(
                            new ArrayRealVector(f, false),
                            MatrixUtils.createRealMatrix(jacobian.at(z)));
                })
                .target(new double[n])
                .start(start)
                .checker((iteration, previous, current) -> current.getResiduals().getNorm() <= tol)
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
            double[] z = o.getPoint().toArray();
            double r = residual(z);
            return new Result(z, r, o.getIterations(), r <= tol);
        } catch (MathIllegalStateException e) {
            // LM could not improve further (its tolerances or iteration budget): the best point seen
            return new Result(best, bestResidual[0], maxIterations, bestResidual[0] <= tol);
        }
    }
}
