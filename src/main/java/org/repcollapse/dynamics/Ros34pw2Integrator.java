package org.repcollapse.dynamics;

import java.util.function.IntConsumer;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * The Rosenbrock-W method ROS34PW2 ({@link Ros34pw2Tableau}) on flat arrays, for stiff flows, or
 * another Rosenbrock method given as a {@link RosenbrockTableau} (RODAS, {@link Rodas4Tableau}: 6
 * stages, order 4, exact Jacobian; its step-size exponent is 1/4 and the dense output below stays
 * the cubic Hermite, order 3): per step s (ROS34PW2: four) solves
 * {@code (I - h gamma J) u_i = h gamma f(y0 + sum_{j<i} A_ij u_j) + gamma sum_{j<i} C_ij u_j}
 * with the flow's {@link ShiftedSystem}, {@code y1 = y0 + sum M_i u_i}. Being a W-method it keeps
 * order 3 when J is only an approximation (a frozen or block Jacobian), and when J is reused over
 * several steps.
 *
 * <p>Error {@code e = |sum E_i u_i|}, the RMS norm scaled by {@code atol + rtol max(|y0|, |y1|)};
 * a step is accepted when {@code e < 1}; the next step is {@code h min(6, max(0.2, 0.9 e^(-1/3)))},
 * with Gustafsson's predictive correction after accepted steps (as Hairer's RODAS) and no growth
 * right after a rejection. Jacobian policy: linearise at the start, after a rejection when the
 * linearisation is older than the step, and every {@link #jacobianAge} accepted steps (default
 * every step, measured below); factorise whenever {@code h gamma} changes (optionally
 * {@link #holdStep}). Dense output: the cubic Hermite interpolant of (y0, f0, y1, f1), order 3 like the
 * method; {@code f1 = f(y1)} is the next step's first stage, so it costs nothing extra.
 *
 * <p>No time derivative {@code df/dt} is used (the flows are autonomous): stage i is evaluated at
 * {@code t + alpha_i h}, which is the W-method on the autonomous form (t as a state) with the t
 * column left out of the Jacobian, so the order stays 3 for a non-autonomous f too (checked in
 * numpy: observed global order 4.0-4.9 on {@code y' = -y^2 + sin(3t) y + cos t}).
 * Stage vectors are allocated once; passes run in fixed blocks on the {@link Workers}, block sums
 * added in block order, so results are bit-identical for any thread count (the solves are the
 * {@link ShiftedSystem}'s, and must be so too). Failures as {@link FlatDormandPrince853}: a NaN
 * or blow-up stops it through the {@link GridRecorder} at the step's time, a step below
 * {@code minStep} with a step-size underflow at the time reached.
 */
public final class Ros34pw2Integrator extends AdaptiveIntegrator {

    static final int BLOCK = FlatDormandPrince853.BLOCK;
    private final RosenbrockTableau tableau;
    private final int S;   // stages, as in the tableau (upper case: the formulas' names)
    private final double GAMMA;
    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 6.0;
    /** Step-size increases below this ratio are not taken (the factorisation is kept). */
    private static final double HOLD = 1.2;
    private final double EXPONENT;
    /**
     * Default {@link #jacobianAge}: every step. On ROBER, VDPOL and HIRES (rtol 1e-4..1e-8) this took
     * the fewest evaluations and rejections; reusing J over 3 or 10 steps saved 2-8x linearisations
     * but cost 15-40 % more evaluations (rejections where J changes fast), and never re-linearising
     * lost stability (HIRES 45x more steps, ROBER wrong by 1e6 tolerances). A flow whose J is
     * constant (the linear flows) loses nothing by a larger age; its linearisation is free anyway.
     */
    static final int DEFAULT_JACOBIAN_AGE = 1;

    private int jacobianAge = DEFAULT_JACOBIAN_AGE;
    private boolean holdStep = false;

    // counts of the last integration
    private Watch watch;
    private Handover handover;

    /** Asked after each accepted step whether to stop there (for {@link AutoIntegrator}). */
    @FunctionalInterface
    interface Watch {
        /** @param steps accepted steps so far in this integration; @param hNext the next step size */
        boolean stop(long steps, double hNext);
    }

    /** Where an integration stopped on its {@link Watch}: time, state, derivative, next step (copies). */
    record Handover(double t, double[] y, double[] f, double h) {
    }

    // state of the integration in progress
    private ShiftedSystem solver;
    private double[] f0;
    private double[] f1;
    private double[] fStage;
    private double[][] u;
    private double[] errSum;
    // parameters of the pass in progress
    private final IntConsumer argumentTask = this::argumentBlock;
    private final IntConsumer rightSideTask = this::rightSideBlock;
    private final IntConsumer solutionTask = this::solutionBlock;

    /**
     * @param minStep the step size below which the integration stops with a step-size underflow
     *                (also never below ten ulps of t)
     */
    public Ros34pw2Integrator(double rtol, double atol, double minStep) {
        this(Ros34pw2Tableau.TABLEAU, rtol, atol, minStep);
    }

    /**
     * The same step control and dense output with another Rosenbrock method, e.g.
     * {@link Rodas4Tableau#TABLEAU} (order 4, which needs the exact Jacobian: with it, keep the
     * default {@link #jacobianAge} 1 and a flow whose {@link ShiftedSystem#exact()} holds).
     */
    Ros34pw2Integrator(RosenbrockTableau tableau, double rtol, double atol, double minStep) {
        super(rtol, atol, minStep);
        this.tableau = tableau;
        this.S = tableau.stages();
        this.GAMMA = tableau.gamma();
        this.EXPONENT = 1.0 / tableau.order();
    }

    /**
     * Re-linearise at the latest after this many accepted steps (1: every step, as a Rosenbrock
     * method; {@code Integer.MAX_VALUE}: only at the start and after rejections).
     */
    public Ros34pw2Integrator jacobianAge(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("jacobianAge must be positive: " + steps);
        }
        this.jacobianAge = steps;
        return this;
    }

    /**
     * Whether step-size increases below 20 % are skipped to keep the factorisation (default false:
     * useful only with a {@link #jacobianAge} above 1, where it saved a third to a half of the
     * factorisations for 1-7 % more steps).
     */
    public Ros34pw2Integrator holdStep(boolean hold) {
        this.holdStep = hold;
        return this;
    }

    @Override
    String methodKey() {
        return tableau.method().key();
    }

    @Override
    public IntegrationReport report() {
        return new IntegrationReport(tableau.method().key(), java.util.List.of(phase()), Double.NaN,
                tableau.method().key() + " asked for", Double.NaN);
    }

    /** Stops the next integrations where {@code w} says so (null: never), leaving a {@link #handover()}. */
    Ros34pw2Integrator stopWhen(Watch w) {
        this.watch = w;
        return this;
    }

    /** Where the last integration stopped on its watch, or null if it reached tEnd. */
    Handover handover() {
        return handover;
    }

    /** Refusal to integrate a flow that offers no {@link ShiftedSystem}; raised before any step. */
    public static final class NoStructuredSolve extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        NoStructuredSolve() {
            super("ros34pw2 and rodas4 need a flow with a structured implicit solve"
                    + " (a StiffOde with a shifted system);"
                    + " this flow has none");
        }
    }

    /** The flow's structured solve, or null when it offers none. */
    public static ShiftedSystem solverOf(OrdinaryDifferentialEquation flow) {
        return flow instanceof StiffOde so ? so.shiftedSystem() : null;
    }

    /**
     * @throws NoStructuredSolve when the flow offers no {@link ShiftedSystem} (not a {@link StiffOde},
     *                           or its {@code shiftedSystem()} is null)
     */
    @Override
    public double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, GridRecorder recorder) {
        if (!(tEnd >= 0.0)) {
            throw new IllegalArgumentException("integrates forward from t = 0 only: tEnd = " + tEnd);
        }
        ShiftedSystem s = solverOf(flow);
        if (s == null) {
            throw new NoStructuredSolve();
        }
        setUp(flow, s, z0, 0.0);
        try {
            evaluate(0.0, y, f0);
            recorder.init(new ODEStateAndDerivative(0.0, y, f0), tEnd);
            if (tEnd == 0.0) {
                return y.clone();
            }
            return run(0.0, initialStep(tEnd), tEnd, recorder);
        } finally {
            release();
        }
    }

    /**
     * Continues an integration at (t, y) with derivative f and next step size h, the recorder
     * already initialised and fed up to t (the hand-over of {@link AutoIntegrator}).
     */
    double[] continueFrom(OrdinaryDifferentialEquation flow, ShiftedSystem s, double t, double[] y0, double[] f,
                          double hNext, double tEnd, GridRecorder recorder) {
        setUp(flow, s, y0, t);
        System.arraycopy(f, 0, f0, 0, n);
        try {
            return run(t, Math.min(hNext, tEnd - t), tEnd, recorder);
        } finally {
            release();
        }
    }

    /**
     * One step of size h from (0, y0) with a fresh linearisation, no step control, for the order
     * tests: {@code {y1, y(tMid) from the dense output, {error norm}}}.
     */
    double[][] singleStep(OrdinaryDifferentialEquation flow, ShiftedSystem s, double[] y0, double step, double tMid) {
        setUp(flow, s, y0, 0.0);
        try {
            evaluate(0.0, y, f0);
            h = step;
            solver.linearise(0.0, y);
            solver.factor(step * GAMMA);
            double error = attempt(0.0);
            evaluate(step, yNew, f1);
            double[] mid = new Step(0.0, step).stateAt(tMid);
            return new double[][] {yNew.clone(), mid, {error}};
        } finally {
            release();
        }
    }

    private void setUp(OrdinaryDifferentialEquation flow, ShiftedSystem s, double[] z0, double t0) {
        if (workers == null) {
            workers = Workers.defaults();
        }
        ode = flow;
        solver = s;
        resetCounts(t0);
        handover = null;
        if (n != z0.length || u == null) {
            n = z0.length;
            blocks = (n + BLOCK - 1) / BLOCK;
            yNew = new double[n];
            f0 = new double[n];
            f1 = new double[n];
            yStage = new double[n];
            fStage = new double[n];
            u = new double[S][n];
            errSum = new double[blocks];
        }
        y = z0.clone();
    }

    private void release() {
        ode = null;
        solver = null;
    }

    private double[] run(double t, double hStart, double tEnd, GridRecorder recorder) {
        double hAbs = hStart;
        int age = 0;
        boolean fresh = false;
        boolean needJacobian = true;
        double factoredC = Double.NaN;
        double hAccepted = Double.NaN;
        double errAccepted = Double.NaN;
        long acceptedHere = 0;
        while (t < tEnd) {
            boolean rejectedLast = false;
            double tNew;
            double error;
            while (true) {
                tNew = trial(t, hAbs, tEnd);
                if (needJacobian) {
                    solver.linearise(t, y);
                    linearisations++;
                    needJacobian = false;
                    fresh = true;
                    age = 0;
                    factoredC = Double.NaN;
                }
                double c = h * GAMMA;
                if (c != factoredC) {
                    solver.factor(c);
                    factorisations++;
                    factoredC = c;
                }
                error = attempt(t);
                requireFinite(error, t, tNew);
                if (error < 1.0) {
                    break;
                }
                rejected++;
                rejectedLast = true;
                hAbs = h * Math.max(MIN_FACTOR, SAFETY * Math.pow(error, -EXPONENT));
                if (!fresh) {
                    needJacobian = true;
                }
            }
            double factor = error == 0.0 ? MAX_FACTOR
                    : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * Math.pow(error, -EXPONENT)));
            if (acceptedHere > 0 && error > 0.0) {
                // Gustafsson's predictive controller (Hairer's RODAS), exponent of an order-2 estimate
                double gus = (h / hAccepted) * SAFETY * Math.pow(errAccepted / (error * error), EXPONENT);
                factor = Math.min(factor, Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, gus)));
            }
            hAccepted = h;
            errAccepted = Math.max(1.0e-2, error);
            if (rejectedLast) {
                factor = Math.min(1.0, factor);
            }
            if (holdStep && factor >= 1.0 && factor < HOLD) {
                factor = 1.0;
            }
            evaluate(tNew, yNew, f1);
            accepted++;
            acceptedHere++;
            Step step = new Step(t, tNew);
            recorder.step(tNew, yNew, step::stateAt);
            double[] swap = y;
            y = yNew;
            yNew = swap;
            swap = f0;
            f0 = f1;
            f1 = swap;
            t = tNew;
            endTime = t;
            hAbs = h * factor;
            fresh = false;
            if (++age >= jacobianAge) {
                needJacobian = true;
            }
            if (watch != null && t < tEnd && watch.stop(acceptedHere, hAbs)) {
                handover = new Handover(t, y.clone(), f0.clone(), hAbs);
                return y.clone();
            }
        }
        return y.clone();
    }

    /** {@code out = f(t, z)}, in place when the flow allows it. */
    /** Hairer's starting step ({@link InitialStep}) for the method's error order; one evaluation. */
    private double initialStep(double tEnd) {
        return InitialStep.select(y, f0, n, rtol, atol, tEnd, tableau.order(), yStage, h0 -> {
            evaluate(h0, yStage, fStage);
            return fStage;
        });
    }

    /** The stages from f0 at (t, y) with the current factorisation, then y1 and its error norm. */
    private double attempt(double t) {
        for (int i = 0; i < S; i++) {
            stage = i;
            if (i > 0) {
                workers.run(blocks, argumentTask);
                evaluate(t + tableau.node()[i] * h, yStage, fStage);
            }
            workers.run(blocks, rightSideTask);
            solver.solve(u[i]);
        }
        workers.run(blocks, solutionTask);
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            sum += errSum[b];
        }
        return Math.sqrt(sum / n);
    }

    /** {@code yStage = y + sum_{j<stage} A[stage][j] u_j} on the block. */
    private void argumentBlock(int b) {
        int lo = b * BLOCK;
        int hi = Math.min(n, lo + BLOCK);
        System.arraycopy(y, lo, yStage, lo, hi - lo);
        addStages(yStage, 1.0, tableau.a()[stage], lo, hi);
    }

    /** {@code out += sum_m (scale coef[m]) u_m} on [lo, hi), in stage order, zero coefficients skipped. */
    private void addStages(double[] out, double scale, double[] coef, int lo, int hi) {
        for (int m = 0; m < coef.length; m++) {
            double cm = scale * coef[m];
            if (cm == 0.0) {
                continue;
            }
            double[] um = u[m];
            for (int j = lo; j < hi; j++) {
                out[j] += cm * um[j];
            }
        }
    }

    /** {@code u_stage = h gamma f + gamma sum_{j<stage} C[stage][j] u_j} on the block (then solved). */
    private void rightSideBlock(int b) {
        int lo = b * BLOCK;
        int hi = Math.min(n, lo + BLOCK);
        double[] f = stage == 0 ? f0 : fStage;
        double[] out = u[stage];
        double hg = h * GAMMA;
        for (int j = lo; j < hi; j++) {
            out[j] = hg * f[j];
        }
        addStages(out, GAMMA, tableau.c()[stage], lo, hi);
    }

    /**
     * {@code yNew = y + sum M_i u_i} and the block's squared scaled error {@code sum E_i u_i}, the
     * sums in stage order.
     */
    private void solutionBlock(int b) {
        int lo = b * BLOCK;
        int hi = Math.min(n, lo + BLOCK);
        double[] mw = tableau.m();
        double[] ew = tableau.e();
        double s = 0;
        for (int j = lo; j < hi; j++) {
            double y0 = y[j];
            double du = mw[0] * u[0][j];
            double e = ew[0] * u[0][j];
            for (int i = 1; i < S; i++) {
                double ui = u[i][j];
                du += mw[i] * ui;
                e += ew[i] * ui;
            }
            double y1 = y0 + du;
            yNew[j] = y1;
            double sc = atol + Math.max(Math.abs(y0), Math.abs(y1)) * rtol;
            double r = e / sc;
            s += r * r;
        }
        errSum[b] = s;
    }

    /** The dense output of the accepted step [t0, t1] (valid until the next step). */
    private final class Step {

        private final double t0;
        private final double t1;

        Step(double t0, double t1) {
            this.t0 = t0;
            this.t1 = t1;
        }

        /**
         * Cubic Hermite: with {@code x = (t - t0)/h},
         * {@code y = (1-x)^2 (1+2x) y0 + x^2 (3-2x) y1 + x (1-x)^2 h f0 - x^2 (1-x) h f1}. A fresh array.
         */
        double[] stateAt(double time) {
            if (time == t1) {
                return yNew.clone();
            }
            double step = t1 - t0;
            double x = (time - t0) / step;
            double w = 1 - x;
            double a0 = w * w * (1 + 2 * x);
            double a1 = x * x * (3 - 2 * x);
            double b0 = x * w * w * step;
            double b1 = -x * x * w * step;
            double[] state = new double[n];
            for (int j = 0; j < n; j++) {
                state[j] = a0 * y[j] + a1 * yNew[j] + b0 * f0[j] + b1 * f1[j];
            }
            return state;
        }
    }
}
