package org.repcollapse.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.repcollapse.model.RandomStreams;

/** The closed-form fixed points p*_(+-), their Jacobian eigenvalues and the fold at eta_crit. */
class ModeFixedPointsTest {

    private static final double K = 1.5;
    private static final double ETA = 0.1;
    private static final double ALPHA = 1.5;

    private final ModeFixedPoints fp = new ModeFixedPoints(K, ETA, ALPHA, 1.0);

    /** The mode flow vanishes at p*_(+-), s*_(+-) (SimSiam and EMA, tau = 1) to 1e-15 (rounding of O(1) terms). */
    @Test
    void closedFormsAreFixedPoints() {
        for (double beta : new double[] {0.0, 0.7}) {
            ModeFlow flow = new ModeFlow(K, ETA, ALPHA, beta, false, 0);
            for (double p : new double[] {fp.pPlus(), fp.pMinus()}) {
                double[] f = flow.computeDerivatives(0, ModeFlow.state(p, p * p / ALPHA, 1.0));
                for (double v : f) {
                    assertEquals(0.0, v, 1e-15, "beta " + beta + " p* " + p + ": " + Arrays.toString(f));
                }
            }
        }
        // the closed form is not a fixed point of a neighbouring eta
        double[] f = new ModeFlow(K, ETA * 1.01, ALPHA, 0, false, 0)
                .computeDerivatives(0, ModeFlow.state(fp.pPlus(), fp.sPlus(), 1.0));
        assertTrue(Math.abs(f[0]) + Math.abs(f[1]) > 1e-4);
    }

    /** The analytic Jacobian against central differences of the mode flow (step 1e-6: error ~1e-10), at several points. */
    @Test
    void jacobianMatchesFiniteDifferences() {
        ModeFlow flow = new ModeFlow(K, ETA, ALPHA, 0, false, 0);
        double[][] points = {{0.3, 0.4}, {-0.5, 1.2}, {fp.pMinus(), fp.sMinus()}, {fp.pPlus(), fp.sPlus()}};
        double h = 1e-6;
        for (double[] q : points) {
            double[] jac = fp.jacobian(q[0], q[1]);
            for (int c = 0; c < 2; c++) {
                double[] plus = {q[0], q[1], 1.0};
                double[] minus = {q[0], q[1], 1.0};
                plus[c] += h;
                minus[c] -= h;
                double[] fp1 = flow.computeDerivatives(0, plus);
                double[] fm1 = flow.computeDerivatives(0, minus);
                for (int r = 0; r < 2; r++) {
                    assertEquals((fp1[r] - fm1[r]) / (2 * h), jac[r * 2 + c], 1e-8, "J[" + r + "][" + c + "] at "
                            + Arrays.toString(q));
                }
            }
        }
    }

    /**
     * The eigenvalues of the Jacobian at p*_+ are {-2 eta, -p sqrt(tau^2 - 4 eta k)} (stable), at p*_- one is
     * +p sqrt(...) (saddle): Hipparchus' eigen-solver of the analytic Jacobian against the closed form, to 1e-12.
     */
    @Test
    void eigenvaluesMatchClosedForms() {
        double root = Math.sqrt(1 - 4 * ETA * K);
        assertEigenvalues(fp.jacobian(fp.pPlus(), fp.sPlus()), -2 * ETA, -fp.pPlus() * root);
        assertEigenvalues(fp.jacobian(fp.pMinus(), fp.sMinus()), -2 * ETA, fp.pMinus() * root);
        assertEigenvalues(fp.jacobian(0, 0), -ETA, -2 * ETA);
        assertEquals(-fp.pPlus() * root, fp.eigenvalues(fp.pPlus())[1], 1e-15);
        assertEquals(fp.pMinus() * root, fp.eigenvalues(fp.pMinus())[1], 1e-15);
    }

    private static void assertEigenvalues(double[] jac, double a, double b) {
        RealMatrix m = MatrixUtils.createRealMatrix(new double[][] {{jac[0], jac[1]}, {jac[2], jac[3]}});
        Complex[] ev = new EigenDecompositionNonSymmetric(m).getEigenvalues();
        double[] re = {ev[0].getReal(), ev[1].getReal()};
        Arrays.sort(re);
        double[] want = {Math.min(a, b), Math.max(a, b)};
        assertEquals(want[0], re[0], 1e-12);
        assertEquals(want[1], re[1], 1e-12);
        assertEquals(0.0, ev[0].getImaginary(), 1e-12);
    }

    /**
     * The full d x D model's Jacobian (central differences, d = 2, D = 3, step 1e-6) at the aligned fixed point with
     * mode 1 at p*_+ and mode 2 at p*_- contains the mode eigenvalues -2 eta, -p+ sqrt, +p- sqrt (to 1e-6: the
     * difference error), and its only eigenvalue with positive real part above 1e-6 is the saddle's; with both
     * modes at p*_+ none is positive (the rest are zero along the rotation symmetries, or negative).
     */
    @Test
    void fullModelJacobianContainsModeEigenvalues() {
        LinearSslParameters p = LinearSslParameters.simSiam(2, 3, K - 1, ETA, ALPHA);
        double root = Math.sqrt(1 - 4 * ETA * K);
        double[] u = LinearSslStart.basis(2, new RandomStreams(5).stream(RandomStreams.Purpose.STUDENT, 1));
        double[] mixed = LinearSslStart.aligned(p, new double[] {fp.pPlus(), fp.pMinus()},
                new double[] {fp.sPlus(), fp.sMinus()}, u);
        double[] re = realParts(p, mixed);
        for (double want : new double[] {-2 * ETA, -fp.pPlus() * root, fp.pMinus() * root}) {
            double best = Double.POSITIVE_INFINITY;
            for (double r : re) {
                best = Math.min(best, Math.abs(r - want));
            }
            assertTrue(best < 1e-6, "eigenvalue " + want + " missing from " + Arrays.toString(re));
        }
        assertEquals(1, Arrays.stream(re).filter(r -> r > 1e-6).count(), Arrays.toString(re));
        double[] stable = LinearSslStart.aligned(p, new double[] {fp.pPlus(), fp.pPlus()},
                new double[] {fp.sPlus(), fp.sPlus()}, u);
        double[] reStable = realParts(p, stable);
        assertEquals(0, Arrays.stream(reStable).filter(r -> r > 1e-6).count(), Arrays.toString(reStable));
    }

    private static double[] realParts(LinearSslParameters p, double[] z) {
        LinearSslSystem sys = new LinearSslSystem(p);
        int n = z.length;
        double[] f0 = sys.computeDerivatives(0, z);
        for (double v : f0) {
            assertEquals(0.0, v, 1e-14, "not a fixed point");
        }
        double h = 1e-6;
        RealMatrix jac = MatrixUtils.createRealMatrix(n, n);
        for (int c = 0; c < n; c++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[c] += h;
            minus[c] -= h;
            double[] fp1 = sys.computeDerivatives(0, plus);
            double[] fm1 = sys.computeDerivatives(0, minus);
            for (int r = 0; r < n; r++) {
                jac.setEntry(r, c, (fp1[r] - fm1[r]) / (2 * h));
            }
        }
        Complex[] ev = new EigenDecompositionNonSymmetric(jac).getEigenvalues();
        return Arrays.stream(ev).mapToDouble(Complex::getReal).sorted().toArray();
    }

    /**
     * The fold: as eta rises to eta_crit = 1/(4k) the branches meet at p = 1/(2k) and the second eigenvalue
     * goes to 0 like sqrt(eta_crit - eta); beyond, no non-collapsed fixed point exists.
     */
    @Test
    void foldAtEtaCritical() {
        double crit = 1.0 / (4 * K);
        for (double gap : new double[] {1e-4, 1e-6, 1e-8}) {
            ModeFixedPoints near = new ModeFixedPoints(K, crit - gap, ALPHA, 1.0);
            double width = Math.sqrt(4 * K * gap) / K;
            assertEquals(width, near.pPlus() - near.pMinus(), 1e-9 * width + 1e-15);
            assertEquals(1 / (2 * K), 0.5 * (near.pPlus() + near.pMinus()), 1e-15);
            assertEquals(-near.pPlus() * Math.sqrt(4 * K * gap), near.eigenvalues(near.pPlus())[1], 1e-12);
        }
        assertEquals(crit, fp.etaCritical(), 1e-16);
        assertFalse(new ModeFixedPoints(K, crit * (1 + 1e-9), ALPHA, 1.0).exists());
        assertTrue(Double.isNaN(new ModeFixedPoints(K, crit * 1.01, ALPHA, 1.0).pPlus()));
    }

    /**
     * DirectPred's fixed point s* = (p*_+ - eps)^2: the mode flow vanishes there, its one eigenvalue is
     * sqrt(s*)(1 - 2k p*) (checked by central difference), and the full model started aligned (d = 3, D = 5)
     * converges to it on every mode started inside its basin, with W_p's eigenvalue sqrt(s*) + eps = p*_+
     * (to 1e-7: t = 400 at rates >= 0.2 leaves e^-80).
     */
    @Test
    void directPredFixedPoint() {
        double eps = 0.1;
        double s = ModeFixedPoints.directPredS(fp.pPlus(), eps);
        ModeFlow flow = new ModeFlow(K, ETA, ALPHA, 0, true, eps);
        assertEquals(0.0, flow.computeDerivatives(0, ModeFlow.state(0, s, 1))[1], 1e-15);
        double h = 1e-7;
        double slope = (flow.computeDerivatives(0, ModeFlow.state(0, s + h, 1))[1]
                - flow.computeDerivatives(0, ModeFlow.state(0, s - h, 1))[1]) / (2 * h);
        assertEquals(fp.directPredEigenvalue(fp.pPlus(), eps), slope, 1e-7);
        assertTrue(slope < 0);

        LinearSslParameters p = LinearSslParameters.simSiam(3, 5, K - 1, ETA, ALPHA).withDirectPred(eps);
        LinearSslSystem sys = new LinearSslSystem(p);
        double[] u = LinearSslStart.basis(3, new RandomStreams(9).stream(RandomStreams.Purpose.STUDENT, 1));
        double[] z0 = LinearSslStart.aligned(p, new double[3], new double[] {0.05, 0.5, 1.5}, u);
        ModeSpectrum.Modes end = ModeSpectrum.fixedBasis(sys, u).measure(SslIntegration.end(sys, z0, 400, 1e-10));
        for (int j = 0; j < 3; j++) {
            assertEquals(s, end.s()[j], 1e-7, "mode " + j);
            assertEquals(fp.pPlus(), end.p()[j], 1e-7, "mode " + j);
        }
    }

    /**
     * A mode on eigenvalue lambda = 2.5 of X: the flow {@link ModeFlow#of(LinearSslParameters, double)} vanishes at
     * the fixed points of {@link ModeFixedPoints#of(LinearSslParameters, double)}, and its Jacobian (central
     * differences, step 1e-6) has lambda times their closed-form eigenvalues (to 1e-7).
     */
    @Test
    void eigenvalueOfXRescalesTime() {
        double lambda = 2.5;
        LinearSslParameters p = LinearSslParameters.simSiam(2, 3, 0.5, ETA, ALPHA);
        ModeFixedPoints f = ModeFixedPoints.of(p, lambda);
        ModeFlow flow = ModeFlow.of(p, lambda);
        for (double pStar : new double[] {f.pPlus(), f.pMinus()}) {
            double sStar = pStar * pStar / f.alpha();
            double[] r = flow.computeDerivatives(0, ModeFlow.state(pStar, sStar, 1));
            assertEquals(0.0, Math.abs(r[0]) + Math.abs(r[1]), 1e-15);
            double h = 1e-6;
            double[][] jac = new double[2][2];
            for (int c = 0; c < 2; c++) {
                double[] plus = {pStar, sStar, 1};
                double[] minus = {pStar, sStar, 1};
                plus[c] += h;
                minus[c] -= h;
                double[] a = flow.computeDerivatives(0, plus);
                double[] b = flow.computeDerivatives(0, minus);
                jac[0][c] = (a[0] - b[0]) / (2 * h);
                jac[1][c] = (a[1] - b[1]) / (2 * h);
            }
            double[] want = f.eigenvalues(pStar);
            double tr = jac[0][0] + jac[1][1];
            double det = jac[0][0] * jac[1][1] - jac[0][1] * jac[1][0];
            assertEquals(lambda * (want[0] + want[1]), tr, 1e-7);
            assertEquals(lambda * lambda * want[0] * want[1], det, 1e-7);
        }
    }

    /**
     * DirectPred with epsilon in (p*_-, p*_+) has no collapse basin: from s_0 = 1e-8, p = sqrt(s) + eps starts inside
     * (p*_-, p*_+) where ds/dt > 0, and the one-dimensional flow rises monotonically to (p*_+ - eps)^2 (to 1e-8 at
     * t = 2000); with epsilon below p*_- the same start collapses (s < 1e-12).
     */
    @Test
    void directPredEpsilonAboveTheSaddleRemovesCollapse() {
        double inside = 0.5 * (fp.pMinus() + fp.pPlus());
        double[] y = SslIntegration.end(new ModeFlow(K, ETA, ALPHA, 0, true, inside), ModeFlow.state(0, 1e-8, 1),
                2000, 1e-10);
        assertEquals(ModeFixedPoints.directPredS(fp.pPlus(), inside), y[1], 1e-8);
        double below = 0.5 * fp.pMinus();
        double[] c = SslIntegration.end(new ModeFlow(K, ETA, ALPHA, 0, true, below), ModeFlow.state(0, 1e-8, 1),
                2000, 1e-10);
        assertTrue(c[1] < 1e-12, "s = " + c[1]);
    }

    /**
     * Natural-parameter continuation of the stable branch in eta, by Newton's method on the mode flow itself (its
     * residual, the analytic Jacobian), with the step halved whenever Newton fails or jumps branch: the branch
     * ends at the fold. The last eta reached agrees with eta_crit = 1/(4k) to 1e-6, p there with 1/(2k) to 2e-3
     * (the branch meets the fold like sqrt(eta_crit - eta): p - 1/(2k) ~ sqrt(gap/k)), and the Jacobian's
     * determinant has fallen below 1e-2 of its value at the start (it vanishes at the fold).
     */
    @Test
    void continuationInEtaEndsAtTheFold() {
        double eta = 0.05;
        ModeFixedPoints start = new ModeFixedPoints(K, eta, ALPHA, 1.0);
        double p = start.pPlus() + 1e-3;
        double s = start.sPlus() - 1e-3;
        double[] first = newton(p, s, eta);
        assertTrue(first != null);
        p = first[0];
        s = first[1];
        double det0 = det(new ModeFixedPoints(K, eta, ALPHA, 1.0).jacobian(p, s));
        double step = 0.01;
        while (step > 1e-13) {
            double[] next = newton(p, s, eta + step);
            if (next == null || Math.abs(next[0] - p) > 0.05) {
                step /= 2;
                continue;
            }
            eta += step;
            p = next[0];
            s = next[1];
        }
        double crit = 1 / (4 * K);
        assertEquals(crit, eta, 1e-6, "last eta of the branch");
        assertEquals(1 / (2 * K), p, 2e-3, "p at the fold");
        double detEnd = det(new ModeFixedPoints(K, eta, ALPHA, 1.0).jacobian(p, s));
        assertTrue(Math.abs(detEnd) < 1e-2 * Math.abs(det0), "det " + detEnd + " vs " + det0);
    }

    /** Newton on (dp/dt, ds/dt) = 0 of the SimSiam mode flow; null unless |f| < 1e-14 within 60 iterations. */
    private static double[] newton(double p, double s, double eta) {
        ModeFlow flow = new ModeFlow(K, eta, ALPHA, 0, false, 0);
        ModeFixedPoints fp = new ModeFixedPoints(K, eta, ALPHA, 1.0);
        for (int it = 0; it < 60; it++) {
            double[] f = flow.computeDerivatives(0, ModeFlow.state(p, s, 1));
            if (Math.abs(f[0]) + Math.abs(f[1]) < 1e-14) {
                return new double[] {p, s};
            }
            double[] j = fp.jacobian(p, s);
            double d = det(j);
            if (d == 0 || !Double.isFinite(d)) {
                return null;
            }
            p -= (j[3] * f[0] - j[1] * f[1]) / d;
            s -= (-j[2] * f[0] + j[0] * f[1]) / d;
        }
        return null;
    }

    private static double det(double[] j) {
        return j[0] * j[3] - j[1] * j[2];
    }
}
