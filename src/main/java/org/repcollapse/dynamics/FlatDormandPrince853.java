package org.repcollapse.dynamics;

import java.util.function.IntConsumer;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * Dormand-Prince 8(5,3) ({@link Dop853Tableau}) with Hairer's error estimate and step control, on
 * flat arrays: {@code y1 = y0 + h sum_j b_j k_j}; error {@code e = |h| |E5|^2 / sqrt(n (|E5|^2 + 0.01 |E3|^2))},
 * {@code E5}, {@code E3} the 5th- and 3rd-order estimates scaled by {@code atol + rtol max(|y0|, |y1|)};
 * the step is accepted when {@code e < 1}, the next one is {@code h min(10, max(0.2, 0.9 e^(-1/8)))}
 * (no growth right after a rejection). The 7th-order dense output costs three more stages and is
 * computed only in steps that contain a recorded time.
 *
 * <p>This is the algorithm of scipy's {@code solve_ivp(method="DOP853")} (same tableau, norm, step
 * control and initial step), except that the derivative at the end of a rejected step is not
 * evaluated. It replaces Hipparchus' {@code DormandPrince853Integrator} for the flows because at
 * 10^5..10^7 coordinates that one allocates state-sized arrays at every evaluation and builds the
 * dense output at every step. Here the 16 stage vectors are allocated once, a {@link InPlaceOde}
 * writes its derivative straight into them, and every pass over them runs in fixed blocks on the
 * {@link Workers}: the arithmetic is elementwise, and the error norm's block sums are added in block
 * order, so the result is bit-identical for any number of threads.
 *
 * <p>Each accepted step also feeds Hairer's stiffness test ({@link StiffnessDetector}), from the
 * last stage and the derivative at the new point, both at {@code t + h}; it only reads them, so the
 * trajectory is the same bits with or without it. {@link AutoIntegrator} may stop the integration
 * there and continue it with a stiff method.
 */
public final class FlatDormandPrince853 extends AdaptiveIntegrator implements RestartableIntegrator {

    /** Coordinates per block of a pass (scheduling unit of the workers). */
    static final int BLOCK = 4096;
    /** Coordinates per piece of a block: the arrays a piece updates stay in the L1 cache. */
    private static final int PIECE = 1024;
    /** Coordinates per piece of the dense-output coefficients (four sums and one stage vector in L1). */
    private static final int COEFFICIENT_PIECE = 512;
    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10.0;
    private static final double EXPONENT = -1.0 / 8.0;

    private final StiffnessDetector detector = new StiffnessDetector();
    /** Asked at each detection whether to stop there (null: never stop). */
    private java.util.function.DoublePredicate stopWhenStiff;
    private Handover handover;
    private boolean detect = true;

    // state of the integration in progress
    private double[][] k;
    private double[] err5;
    private double[] err3;
    private double[] sum5;
    private double[] sum3;
    private double[] sumStiffNum;
    private double[] sumStiffDen;
    // parameters of the pass in progress
    private double[] base;
    private BlockedOde blocked;
    private final IntConsumer stageTask = this::stageBlock;
    private final IntConsumer blockStageTask = this::blockStage;
    private final IntConsumer solutionTask = this::solutionBlock;
    private final IntConsumer stiffnessTask = this::stiffnessBlock;

    /**
     * Where an integration stopped for a stiff method: time, state, derivative there and the next
     * step size (copies).
     */
    record Handover(double t, double[] y, double[] f, double h, double hLambda) {
    }

    /**
     * @param minStep the step size below which the integration stops with a step-size underflow
     *                (also never below ten ulps of t)
     */
    public FlatDormandPrince853(double rtol, double atol, double minStep) {
        super(rtol, atol, minStep);
    }

    /** The stiffness test of the last integration (observation only). */
    public StiffnessDetector stiffness() {
        return detector;
    }

    @Override
    String methodKey() {
        return IntegratorMethod.DOP853.key();
    }

    @Override
    public IntegrationReport report() {
        double at = detector.detectedAt();
        return new IntegrationReport(IntegratorMethod.DOP853.key(), java.util.List.of(phase()), Double.NaN,
                Double.isNaN(at) ? "dop853 asked for" : String.format("dop853 asked for (stiffness detected at t = %.6g, observation only)", at), at);
    }

    /**
     * Stops the next integrations at the first stiffness detection for which {@code stop} (given the
     * time) is true, leaving a {@link #handover()}; null never stops.
     */
    FlatDormandPrince853 stopWhenStiff(java.util.function.DoublePredicate stop) {
        this.stopWhenStiff = stop;
        return this;
    }

    /** Switches the stiffness test off (tests: the trajectory must not depend on it). */
    FlatDormandPrince853 detectStiffness(boolean on) {
        this.detect = on;
        return this;
    }

    /** Where the last integration stopped for stiffness, or null if it reached tEnd. */
    Handover handover() {
        return handover;
    }

    /**
     * {@inheritDoc} The step's whole state is {@code (t, y, h)}: {@code k[0] = f(t, y)} is
     * recomputed on a restart (the same bits as the last step's final stage), the next step starts
     * with no rejection behind it, as every step does, so the continuation is the same sequence.
     */
    @Override
    public double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double t0, double firstStep, double tEnd,
                              GridRecorder recorder, StepListener listener) {
        if (!(tEnd >= 0.0) || !(t0 >= 0.0) || t0 > tEnd) {
            throw new IllegalArgumentException("integrates forward from t0 >= 0 to tEnd >= t0: t0 = " + t0
                    + ", tEnd = " + tEnd);
        }
        if (Double.isNaN(firstStep) != (t0 == 0.0) || !(Double.isNaN(firstStep) || firstStep > 0)) {
            throw new IllegalArgumentException("a restart at t0 = " + t0 + " needs its positive step, not " + firstStep);
        }
        if (workers == null) {
            workers = Workers.defaults();
        }
        setUp(flow, z0);
        try {
            double t = t0;
            startTime = t;
            endTime = t;
            evaluate(t, y, 0);
            recorder.init(new ODEStateAndDerivative(t, y, k[0]), tEnd);
            if (tEnd == t0) {
                return y.clone();
            }
            double hAbs = Double.isNaN(firstStep) ? initialStep(tEnd) : firstStep;
            return run(t, hAbs, tEnd, recorder, listener);
        } finally {
            ode = null;
        }
    }

    /**
     * Continues an integration at (t, y) with derivative f and next step size h, the recorder
     * already initialised and fed up to t (the hand-back of {@link AutoIntegrator}).
     */
    double[] continueFrom(OrdinaryDifferentialEquation flow, double t, double[] y0, double[] f, double hNext,
                          double tEnd, GridRecorder recorder) {
        if (workers == null) {
            workers = Workers.defaults();
        }
        setUp(flow, y0);
        startTime = t;
        endTime = t;
        System.arraycopy(f, 0, k[0], 0, n);
        try {
            return run(t, hNext, tEnd, recorder, null);
        } finally {
            ode = null;
        }
    }

    /** The step loop from (t, y), k[0] = f(t, y), with first trial step hAbs. */
    private double[] run(double t, double hAbs, double tEnd, GridRecorder recorder, StepListener listener) {
        boolean rejectedLast;
        while (t < tEnd) {
            rejectedLast = false;
            double tNew;
            double error;
            while (true) {
                tNew = trial(t, hAbs, tEnd);
                hAbs = h;
                error = attempt(t);
                requireFinite(error, t, tNew);
                if (error < 1.0) {
                    break;
                }
                hAbs *= Math.max(MIN_FACTOR, SAFETY * Math.pow(error, EXPONENT));
                rejectedLast = true;
                rejected++;
            }
            double factor = error == 0.0 ? MAX_FACTOR : Math.min(MAX_FACTOR, SAFETY * Math.pow(error, EXPONENT));
            if (rejectedLast) {
                factor = Math.min(1.0, factor);
            }
            evaluate(tNew, yNew, Dop853Tableau.STAGES);
            accepted++;
            boolean stiff = detect && detector.observe(tNew, hLambda());
            Step step = new Step(t, tNew, h);
            recorder.step(tNew, yNew, step::stateAt);
            double[] swap = y;
            y = yNew;
            yNew = swap;
            swap = k[0];
            k[0] = k[Dop853Tableau.STAGES];
            k[Dop853Tableau.STAGES] = swap;
            t = tNew;
            endTime = t;
            hAbs *= factor;
            // a restart point only where a fresh stiffness test would decide the same (see counting())
            if (listener != null && t < tEnd && (stopWhenStiff == null || !detector.counting())) {
                listener.accepted(t, y, hAbs);
            }
            if (stiff && t < tEnd && stopWhenStiff != null && stopWhenStiff.test(t)) {
                handover = new Handover(t, y.clone(), k[0].clone(), hAbs, detector.lastHLambda());
                return y.clone();
            }
        }
        return y.clone();
    }

    /**
     * One step of size h from (0, y0) without step control, for the order tests: returns
     * {@code {y1, y(tMid) from the dense output, error norm}}.
     */
    double[][] singleStep(OrdinaryDifferentialEquation flow, double[] y0, double step, double tMid) {
        if (workers == null) {
            workers = Workers.defaults();
        }
        setUp(flow, y0);
        try {
            evaluate(0.0, y, 0);
            h = step;
            double error = attempt(0.0);
            evaluate(step, yNew, Dop853Tableau.STAGES);
            double[] mid = new Step(0.0, step, step).stateAt(tMid);
            return new double[][] {yNew.clone(), mid, {error}};
        } finally {
            ode = null;
        }
    }

    private void setUp(OrdinaryDifferentialEquation flow, double[] z0) {
        ode = flow;
        resetCounts(0.0);
        detector.reset();
        handover = null;
        if (n != z0.length || k == null) {
            n = z0.length;
            blocks = (n + BLOCK - 1) / BLOCK;
            k = new double[Dop853Tableau.EXTENDED][n];
            yNew = new double[n];
            yStage = new double[n];
            err5 = new double[n];
            err3 = new double[n];
            sum5 = new double[blocks];
            sum3 = new double[blocks];
            sumStiffNum = new double[blocks];
            sumStiffDen = new double[blocks];
        }
        y = z0.clone();
    }

    /** {@code k[s] = f(t, z)}. */
    private void evaluate(double t, double[] z, int s) {
        evaluate(t, z, k[s]);
    }

    /**
     * {@code |h| |f(t1, y1) - f(t1, Y)| / |y1 - Y|}, Y the last stage's argument (still in yStage,
     * c = 1 like the new point) and k[STAGES] the derivative at y1; NaN when y1 = Y.
     */
    private double hLambda() {
        workers.run(blocks, stiffnessTask);
        double num = blockSum(sumStiffNum);
        double den = blockSum(sumStiffDen);
        return den > 0.0 ? Math.abs(h) * Math.sqrt(num / den) : Double.NaN;
    }

    private void stiffnessBlock(int b) {
        int lo = b * BLOCK;
        int hi = Math.min(n, lo + BLOCK);
        double[] fNew = k[Dop853Tableau.STAGES];
        double[] fLast = k[Dop853Tableau.STAGES - 1];
        double num = 0;
        double den = 0;
        for (int j = lo; j < hi; j++) {
            double df = fNew[j] - fLast[j];
            double dy = yNew[j] - yStage[j];
            num += df * df;
            den += dy * dy;
        }
        sumStiffNum[b] = num;
        sumStiffDen[b] = den;
    }

    /** The per-block sums added in block order (the same for any thread count). */
    private double blockSum(double[] perBlock) {
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            sum += perBlock[b];
        }
        return sum;
    }

    /** Hairer's starting step ({@link InitialStep}, error order 7); one evaluation. */
    private double initialStep(double tEnd) {
        return InitialStep.select(y, k[0], n, rtol, atol, tEnd, 7, yStage, h0 -> {
            evaluate(h0, yStage, 1);
            return k[1];
        });
    }

    /** Stages 1..11 from k[0] at (t, y), then y1 and its error norm. */
    private double attempt(double t) {
        for (int s = 1; s < Dop853Tableau.STAGES; s++) {
            stage(s, y, t + Dop853Tableau.C[s] * h);
        }
        workers.run(blocks, solutionTask);
        double s5 = blockSum(sum5);
        double s3 = blockSum(sum3);
        if (s5 == 0.0 && s3 == 0.0) {
            return 0.0;
        }
        return Math.abs(h) * s5 / Math.sqrt((s5 + 0.01 * s3) * n);
    }

    /**
     * {@code k[s] = f(ts, from + h sum_{m < s} A[s][m] k[m])}. For a {@link BlockedOde} the stage's
     * rows are formed block by block right before the block is differentiated (shared rows first).
     */
    private void stage(int s, double[] from, double ts) {
        stage = s;
        base = from;
        if (ode instanceof BlockedOde bo && bo.splits()) {
            blocked = bo;
            evaluations++;
            combine(bo.sharedStart(), n);
            bo.prepare(ts, yStage);
            workers.run(bo.blockCount(), blockStageTask);
            bo.sharedDerivative(yStage, k[s]);
            blocked = null;
        } else {
            workers.run(blocks, stageTask);
            evaluate(ts, yStage, s);
        }
        base = null;
    }

    private void stageBlock(int b) {
        int lo = b * BLOCK;
        combine(lo, Math.min(n, lo + BLOCK));
    }

    private void blockStage(int b) {
        BlockedOde bo = blocked;
        combine(bo.blockFrom(b), bo.blockTo(b));
        bo.blockDerivative(yStage, k[stage], b);
    }

    /** {@code yStage = base + h sum_{m < stage} A[stage][m] k[m]} on {@code [lo, hi)}, in cache-sized pieces. */
    private void combine(int lo, int hi) {
        for (int p = lo; p < hi; p += PIECE) {
            combinePiece(p, Math.min(hi, p + PIECE));
        }
    }

    private void combinePiece(int lo, int hi) {
        double[] a = Dop853Tableau.A[stage];
        double[] out = yStage;
        boolean first = true;
        for (int m = 0; m < a.length; m++) {
            double am = a[m];
            if (am == 0.0) {
                continue;
            }
            double[] km = k[m];
            if (first) {
                for (int j = lo; j < hi; j++) {
                    out[j] = am * km[j];
                }
                first = false;
            } else {
                for (int j = lo; j < hi; j++) {
                    out[j] += am * km[j];
                }
            }
        }
        double[] from = base;
        double hh = h;
        for (int j = lo; j < hi; j++) {
            out[j] = from[j] + hh * out[j];
        }
    }

    /** The block's part of {@code y1 = y + h sum b_m k_m} and of the squared scaled error norms. */
    private void solutionBlock(int b) {
        int lo = b * BLOCK;
        int hi = Math.min(n, lo + BLOCK);
        double s5 = 0;
        double s3 = 0;
        for (int p = lo; p < hi; p += PIECE) {
            int q = Math.min(hi, p + PIECE);
            solutionPiece(p, q);
            double hh = h;
            for (int j = p; j < q; j++) {
                double y0 = y[j];
                double y1 = y0 + hh * yNew[j];
                yNew[j] = y1;
                double sc = atol + Math.max(Math.abs(y0), Math.abs(y1)) * rtol;
                double a = err5[j] / sc;
                double c = err3[j] / sc;
                s5 += a * a;
                s3 += c * c;
            }
        }
        sum5[b] = s5;
        sum3[b] = s3;
    }

    /** On [lo, hi): {@code yNew = sum b_m k_m}, {@code err5 = sum E5_m k_m}, {@code err3 = sum E3_m k_m}. */
    private void solutionPiece(int lo, int hi) {
        double[] w = Dop853Tableau.A[Dop853Tableau.STAGES];
        double[] e5 = Dop853Tableau.E5;
        double[] e3 = Dop853Tableau.E3;
        double[] k0 = k[0];
        for (int j = lo; j < hi; j++) {
            double v = k0[j];
            yNew[j] = w[0] * v;
            err5[j] = e5[0] * v;
            err3[j] = e3[0] * v;
        }
        for (int m = 1; m < Dop853Tableau.STAGES; m++) {
            double wm = w[m];
            double e5m = e5[m];
            double e3m = e3[m];
            if (wm == 0.0 && e5m == 0.0 && e3m == 0.0) {
                continue;
            }
            double[] km = k[m];
            for (int j = lo; j < hi; j++) {
                double v = km[j];
                yNew[j] += wm * v;
                err5[j] += e5m * v;
                err3[j] += e3m * v;
            }
        }
    }

    /** The dense output of the accepted step [t0, t1] (valid until the next step). */
    private final class Step {

        private final double t0;
        private final double t1;
        private final double step;
        private boolean extraStages;

        Step(double t0, double t1, double step) {
            this.t0 = t0;
            this.t1 = t1;
            this.step = step;
        }

        /**
         * The 7th-order dense output at t (scipy's {@code Dop853DenseOutput}): with {@code x = (t - t0)/h},
         * {@code F0 = y1 - y0}, {@code F1 = h f0 - F0}, {@code F2 = 2 F0 - h (f0 + f1)},
         * {@code F3..F6 = h D k}, the state is {@code y0 + x(F0 + (1-x)(F1 + x(F2 + (1-x)(F3 + ...))))};
         * the three extra stages and {@code F3..F6} are computed at the first call (F3..F6 into the
         * stage vectors k_1..k_4, which D does not read and the next step overwrites), so each further
         * time in the step is one pass over eight vectors. A fresh array.
         */
        double[] stateAt(double time) {
            if (time == t1) {
                return yNew.clone();
            }
            if (time == t0) {
                return y.clone();
            }
            if (!extraStages) {
                for (int s = Dop853Tableau.STAGES + 1; s < Dop853Tableau.EXTENDED; s++) {
                    stage(s, y, t0 + Dop853Tableau.C[s] * step);
                }
                workers.run(blocks, this::coefficientsBlock);
                extraStages = true;
            }
            double x = (time - t0) / step;
            double[] state = new double[n];
            workers.run(blocks, b -> interpolateBlock(b, x, state));
            return state;
        }

        /**
         * {@code k_{1+i} = F_{3+i} = h sum_m D_im k_m} on the block: per element the sum from 0 in m
         * order, zero entries skipped, then times h; the four sums in one sweep over the k_m, in
         * L1-sized pieces.
         */
        private void coefficientsBlock(int b) {
            int lo = b * BLOCK;
            int hi = Math.min(n, lo + BLOCK);
            double[][] dm = Dop853Tableau.D;
            if (dm.length != 4) {
                throw new IllegalStateException("DOP853 has four dense-output rows");
            }
            double[] g0 = new double[COEFFICIENT_PIECE];
            double[] g1 = new double[COEFFICIENT_PIECE];
            double[] g2 = new double[COEFFICIENT_PIECE];
            double[] g3 = new double[COEFFICIENT_PIECE];
            double hh = step;
            for (int p = lo; p < hi; p += COEFFICIENT_PIECE) {
                int len = Math.min(hi, p + COEFFICIENT_PIECE) - p;
                java.util.Arrays.fill(g0, 0.0);
                java.util.Arrays.fill(g1, 0.0);
                java.util.Arrays.fill(g2, 0.0);
                java.util.Arrays.fill(g3, 0.0);
                for (int m = 0; m < Dop853Tableau.EXTENDED; m++) {
                    double d0 = dm[0][m];
                    double d1 = dm[1][m];
                    double d2 = dm[2][m];
                    double d3 = dm[3][m];
                    if (d0 == 0.0 && d1 == 0.0 && d2 == 0.0 && d3 == 0.0) {
                        continue;
                    }
                    if (d0 == 0.0 || d1 == 0.0 || d2 == 0.0 || d3 == 0.0 || (m >= 1 && m <= 4)) {
                        throw new IllegalStateException("unexpected zero pattern of the dense output at k_" + m);
                    }
                    double[] km = k[m];
                    for (int j = 0; j < len; j++) {
                        double v = km[p + j];
                        g0[j] += d0 * v;
                        g1[j] += d1 * v;
                        g2[j] += d2 * v;
                        g3[j] += d3 * v;
                    }
                }
                double[] o0 = k[1];
                double[] o1 = k[2];
                double[] o2 = k[3];
                double[] o3 = k[4];
                for (int j = 0; j < len; j++) {
                    o0[p + j] = hh * g0[j];
                    o1[p + j] = hh * g1[j];
                    o2[p + j] = hh * g2[j];
                    o3[p + j] = hh * g3[j];
                }
            }
        }

        private void interpolateBlock(int b, double x, double[] state) {
            int lo = b * BLOCK;
            int hi = Math.min(n, lo + BLOCK);
            double[] f0 = k[0];
            double[] f1 = k[Dop853Tableau.STAGES];
            double[] f3 = k[1];
            double[] f4 = k[2];
            double[] f5 = k[3];
            double[] f6 = k[4];
            double[] y0 = y;
            double[] y1 = yNew;
            double hh = step;
            double u = 1 - x;
            for (int j = lo; j < hi; j++) {
                double dy = y1[j] - y0[j];
                // r = x(F0 + (1-x)(F1 + x(F2 + (1-x)(F3 + x(F4 + (1-x)(F5 + x F6)))))), added innermost first
                double r = (0.0 + f6[j]) * x;
                r = (r + f5[j]) * u;
                r = (r + f4[j]) * x;
                r = (r + f3[j]) * u;
                r = (r + (2 * dy - hh * (f1[j] + f0[j]))) * x;
                r = (r + (hh * f0[j] - dy)) * u;
                r = (r + dy) * x;
                state[j] = y0[j] + r;
            }
        }
    }
}
