package org.repcollapse.dynamics;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * The common part of the flat-array adaptive integrators ({@link FlatDormandPrince853},
 * {@link Ros34pw2Integrator}): the tolerances of the scaled error norm
 * {@code |e_j| / (atol + rtol |y_j|)}, the smallest step, the {@link Workers} the passes run on,
 * and what an integration counts for its report: right-hand-side evaluations, accepted and
 * rejected steps, linearisations and factorisations (implicit methods only) and the interval
 * covered, updated by the subclass as it steps.
 */
public abstract class AdaptiveIntegrator implements FlowIntegrator {

    final double rtol;
    final double atol;
    /** The step size below which an integration stops with a step-size underflow (also never below ten ulps of t). */
    final double minStep;
    Workers workers;
    /** The flow of the integration in progress (null between integrations) and its dimension. */
    OrdinaryDifferentialEquation ode;
    int n;
    /** Blocks of {@link FlatDormandPrince853#BLOCK} coordinates a pass is cut into. */
    int blocks;
    /** The state at the step's start, the step's result, a stage's argument (length n). */
    double[] y;
    double[] yNew;
    double[] yStage;
    /** The pass in progress: its stage and the step size. */
    int stage;
    double h;

    long evaluations;
    long accepted;
    long rejected;
    long linearisations;
    long factorisations;
    double startTime;
    double endTime;

    AdaptiveIntegrator(double rtol, double atol, double minStep) {
        this.rtol = rtol;
        this.atol = atol;
        this.minStep = minStep;
    }

    /** Runs the passes on these workers (default: {@link Workers#defaults()}). */
    public AdaptiveIntegrator useWorkers(Workers w) {
        this.workers = w;
        return this;
    }

    /**
     * The next trial step from t of size hAbs, cut at tEnd: sets {@link #h} and returns the step's
     * end (after {@link #requireStep}).
     */
    final double trial(double t, double hAbs, double tEnd) {
        requireStep(t, hAbs);
        double tNew = Math.min(t + hAbs, tEnd);
        h = tNew - t;
        return tNew;
    }

    /**
     * Stops with a step-size underflow at t when the step to try is below {@code minStep}, or below
     * ten ulps of t (where t + h no longer moves).
     */
    final void requireStep(double t, double hAbs) {
        double floor = Math.max(minStep, 10 * Math.ulp(t));
        if (hAbs < floor) {
            throw new NumericalFailure(t, "step size underflow (h = " + hAbs + " < " + floor + ")");
        }
    }

    /** Stops at tNew when a step's error norm is not finite (NaN or Inf in the state). */
    static void requireFinite(double error, double t, double tNew) {
        if (!Double.isFinite(error)) {
            throw new NumericalFailure(tNew, "non-finite state (NaN or Inf) in the step from t = " + t);
        }
    }

    /** {@code out = f(t, z)}, written in place when the flow allows it; counted. */
    final void evaluate(double t, double[] z, double[] out) {
        evaluations++;
        if (ode instanceof InPlaceOde in) {
            in.computeDerivatives(t, z, out);
        } else {
            System.arraycopy(ode.computeDerivatives(t, z), 0, out, 0, n);
        }
    }

    /** The method's key in reports ({@code dop853}, {@code ros34pw2}, ...). */
    abstract String methodKey();

    /** Zero counts for an integration (or a phase) that starts at t0. */
    final void resetCounts(double t0) {
        evaluations = 0;
        accepted = 0;
        rejected = 0;
        linearisations = 0;
        factorisations = 0;
        startTime = t0;
        endTime = t0;
    }

    /** Right-hand-side evaluations of the last integration (initial step selection included). */
    public final long evaluations() {
        return evaluations;
    }

    /** Accepted steps of the last integration. */
    public final long acceptedSteps() {
        return accepted;
    }

    /** Rejected step attempts of the last integration. */
    public final long rejectedSteps() {
        return rejected;
    }

    /** Linearisations (Jacobians) of the last integration; 0 for an explicit method. */
    public final long linearisations() {
        return linearisations;
    }

    /** Factorisations of the last integration; 0 for an explicit method. */
    public final long factorisations() {
        return factorisations;
    }

    /** The phase the last integration ran (from its start to where it ended or stopped). */
    final IntegrationReport.Phase phase() {
        return new IntegrationReport.Phase(methodKey(), startTime, endTime, accepted, rejected, evaluations,
                linearisations, factorisations);
    }
}
