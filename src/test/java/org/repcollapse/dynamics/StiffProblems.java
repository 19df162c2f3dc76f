package org.repcollapse.dynamics;

/**
 * The standard stiff test problems of Hairer and Wanner (Solving ODEs II, IV.10) with the reference
 * solutions of the Bari / CWI test set for IVP solvers (Mazzia et al.), each with its analytic
 * Jacobian. The references were checked against scipy's Radau at rtol 1e-12 (agreement to 4e-13
 * relative for ROBER and HIRES, 1e-13 for VDPOL).
 */
final class StiffProblems {

    private StiffProblems() {
    }

    /** A problem: flow, initial state, end time and the reference state there. */
    record Problem(String name, DenseStiffOde flow, double[] y0, double tEnd, double[] reference) {
    }

    /**
     * ROBER: {@code y1' = -0.04 y1 + 1e4 y2 y3}, {@code y2' = 0.04 y1 - 1e4 y2 y3 - 3e7 y2^2},
     * {@code y3' = 3e7 y2^2}, y(0) = (1, 0, 0), to t = 1e11.
     */
    static Problem robertson() {
        DenseStiffOde f = new DenseStiffOde(3, (y, o) -> {
            o[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
            o[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
            o[2] = 3e7 * y[1] * y[1];
        }, (t, y, j) -> {
            j[0][0] = -0.04;
            j[0][1] = 1e4 * y[2];
            j[0][2] = 1e4 * y[1];
            j[1][0] = 0.04;
            j[1][1] = -1e4 * y[2] - 6e7 * y[1];
            j[1][2] = -1e4 * y[1];
            j[2][0] = 0.0;
            j[2][1] = 6e7 * y[1];
            j[2][2] = 0.0;
        });
        return new Problem("rober", f, new double[] {1, 0, 0}, 1e11,
                new double[] {0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050});
    }

    /**
     * VDPOL, Van der Pol with mu = 1e3 in Hairer and Wanner's scaled form: {@code y1' = y2},
     * {@code y2' = ((1 - y1^2) y2 - y1) / eps}, eps = 1/mu^2 = 1e-6, y(0) = (2, 0), to t = 2.
     */
    static Problem vanDerPol() {
        double eps = 1e-6;
        DenseStiffOde f = new DenseStiffOde(2, (y, o) -> {
            o[0] = y[1];
            o[1] = ((1 - y[0] * y[0]) * y[1] - y[0]) / eps;
        }, (t, y, j) -> {
            j[0][0] = 0.0;
            j[0][1] = 1.0;
            j[1][0] = (-2 * y[0] * y[1] - 1) / eps;
            j[1][1] = (1 - y[0] * y[0]) / eps;
        });
        return new Problem("vdpol", f, new double[] {2, 0}, 2.0,
                new double[] {0.1706167732170483e1, -0.8928097010247975});
    }

    /** HIRES (Schaefer's plant physiology model, 8 equations), to t = 321.8122. */
    static Problem hires() {
        DenseStiffOde f = new DenseStiffOde(8, (y, o) -> {
            o[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
            o[1] = 1.71 * y[0] - 8.75 * y[1];
            o[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
            o[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
            o[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6];
            o[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
            o[6] = 280 * y[5] * y[7] - 1.81 * y[6];
            o[7] = -280 * y[5] * y[7] + 1.81 * y[6];
        }, (t, y, j) -> {
            for (double[] row : j) {
                java.util.Arrays.fill(row, 0.0);
            }
            j[0][0] = -1.71;
            j[0][1] = 0.43;
            j[0][2] = 8.32;
            j[1][0] = 1.71;
            j[1][1] = -8.75;
            j[2][2] = -10.03;
            j[2][3] = 0.43;
            j[2][4] = 0.035;
            j[3][1] = 8.32;
            j[3][2] = 1.71;
            j[3][3] = -1.12;
            j[4][4] = -1.745;
            j[4][5] = 0.43;
            j[4][6] = 0.43;
            j[5][3] = 0.69;
            j[5][4] = 1.71;
            j[5][5] = -0.43 - 280 * y[7];
            j[5][6] = 0.69;
            j[5][7] = -280 * y[5];
            j[6][5] = 280 * y[7];
            j[6][6] = -1.81;
            j[6][7] = 280 * y[5];
            j[7][5] = -280 * y[7];
            j[7][6] = 1.81;
            j[7][7] = -280 * y[5];
        });
        return new Problem("hires", f, new double[] {1, 0, 0, 0, 0, 0, 0, 0.0057}, 321.8122,
                new double[] {0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4,
                    0.1175651343283149e-2, 0.2386356198831331e-2, 0.6238968252742796e-2,
                    0.2849998395185769e-2, 0.2850001604814231e-2});
    }

    /** Robertson, Van der Pol (mu = 1e3) and HIRES, with their published reference values. */
    static java.util.stream.Stream<Problem> referenceSet() {
        return java.util.stream.Stream.of(robertson(), vanDerPol(), hires());
    }

    /** A recorder that records nothing (the end state is the integrator's return value). */
    static GridRecorder noRecording() {
        return new GridRecorder(new double[0], (t, z) -> { }, 1e30);
    }

    /** atol: below ROBER's y2 ~ 1e-13 (else y2 is not controlled), else 1e-2 rtol. */
    static double atol(Problem p, double rtol) {
        return p.name().equals("rober") ? 1e-14 : 1e-2 * rtol;
    }

    /** Largest |y - ref| / (atol + rtol |ref|) over the components. */
    static double errorInTolerances(Problem p, double rtol, double[] y) {
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            double tol = atol(p, rtol) + rtol * Math.abs(p.reference()[i]);
            worst = Math.max(worst, Math.abs(y[i] - p.reference()[i]) / tol);
        }
        return worst;
    }

    /**
     * The reference check both Rosenbrock tests make (tolerances argued there): at rtol 1e-6 and 1e-8
     * every component within 30 tolerances of the reference, and the error at least 10x smaller for
     * the 100x smaller rtol; {@code after} checks each integrator after its run.
     */
    static void assertMeetsReference(Problem p, java.util.function.BiFunction<Double, Double, Ros34pw2Integrator> method,
                                     java.util.function.Consumer<Ros34pw2Integrator> after) {
        double[] worst = new double[2];
        double[] rtols = {1e-6, 1e-8};
        for (int k = 0; k < 2; k++) {
            double rtol = rtols[k];
            Ros34pw2Integrator in = method.apply(rtol, atol(p, rtol));
            double[] y = in.integrate(p.flow(), p.y0(), p.tEnd(), noRecording());
            worst[k] = errorInTolerances(p, rtol, y);
            org.junit.jupiter.api.Assertions.assertTrue(worst[k] < 30,
                    p.name() + " rtol " + rtol + ": error " + worst[k] + " tolerances");
            after.accept(in);
        }
        double err6 = worst[0] * 1e-6;
        double err8 = worst[1] * 1e-8;
        org.junit.jupiter.api.Assertions.assertTrue(err8 < err6 / 10,
                p.name() + ": error at rtol 1e-8 " + err8 + " vs 1e-6 " + err6);
    }
}
