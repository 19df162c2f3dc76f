package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.repcollapse.analysis.EmbeddingSpectrum;
import org.repcollapse.analysis.LabelGeometry;
import org.repcollapse.fixedpoint.JacobianSpectrum;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.theory.HeadTheory;
import org.repcollapse.theory.TwoClassRates;

/**
 * What each prevention mechanism does to the slow collapse, on frustrated data where the plain
 * alignment flow collapses completely (derivations in papers/prevention.md).
 */
class PreventionBehaviourTest {

    /** K = 2, N = 200, phi = 0.1: m = 90, N_f = 20, n_a = 110, r = 2/11 (the eom-frustrated data). */
    private static final LabelStructure TWO = HeadFixtures.twoClass(200, 0.1);
    /** K = 4, frustrated pairs on the ring 0-1-2-3-0: a connected frustration graph, equal degrees. */
    private static final LabelStructure RING = LabelStructure.generate(4, 80, 0.2, Pairing.ADJACENT, List.of(), null);

    private static EmbeddingSystem system(LabelStructure s, int d, boolean head, boolean sg, LabelScaling scaling,
                                          Prevention p) {
        return new EmbeddingSystem(s, d, head, sg, new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.1, scaling), p,
                new RandomStreams(42));
    }

    private static double minLabelDistance(EmbeddingSystem sys, double[] z) {
        return new LabelGeometry(sys.embeddings(z).labels(), sys.layout().classes(), sys.layout().dim()).min();
    }

    @Test
    void labelScalingNoneIsDegreeScalingWithGammaTimesTheDegreeOnEqualDegrees() {
        // every class of TWO has degree 110: gamma (none) = (110 gamma) / 110 (degree)
        assertEquals(TWO.classDegree(0), TWO.classDegree(1));
        int n = TWO.classDegree(0);
        EmbeddingSystem none = new EmbeddingSystem(TWO, 4, true, true,
                new EmbeddingSystem.Parameters(1, 0.7, 1, 1, 1, 0.1, LabelScaling.NONE), new RandomStreams(3));
        EmbeddingSystem degree = new EmbeddingSystem(TWO, 4, true, true,
                new EmbeddingSystem.Parameters(1, 0.7 * n, 1, 1, 1, 0.1, LabelScaling.DEGREE), new RandomStreams(3));
        double[] a = none.flow().derivative(none.initialState());
        double[] b = degree.flow().derivative(degree.initialState());
        for (int k = 0; k < a.length; k++) {
            // 0.7 n / n differs from 0.7 by at most one rounding: relative 2 ulps
            assertEquals(b[k], a[k], 4e-16 * Math.abs(b[k]) + 1e-300, "coordinate " + k);
        }
        // on unequal degrees, each label moves at gamma itself: the rates of the label rows
        LabelStructure uneven = LabelStructure.of(3, new int[][] {{0}, {0}, {0}, {1}, {2}, {0, 1}});
        EmbeddingSystem u = new EmbeddingSystem(uneven, 2, false, false,
                new EmbeddingSystem.Parameters(1, 0.3, 1, 1, 1, 0.1, LabelScaling.NONE), new RandomStreams(1));
        double[] rate = u.flow().rates();
        for (int c = 0; c < 3; c++) {
            assertEquals(0.3, rate[u.layout().y(c)], 0.0, "label " + c);
        }
        assertEquals(Double.NaN, u.parameters().degreeGamma(uneven), "no degree-scaled equal on unequal degrees");
    }

    @Test
    void labelScalingNoneSlowRateIsR3WithGammaTimesNa() {
        // dq/dt = gamma n_a ((1 - r) u - q): lambda_s of R3 with gamma -> gamma n_a = 110
        EmbeddingSystem sys = system(TWO, 4, false, false, LabelScaling.NONE, Prevention.NONE);
        double predicted = TwoClassRates.of(90, 20, 1.0, 110.0).slow();
        double[] z1 = HeadFixtures.run(sys, 40);
        double[] z2 = HeadFixtures.run(sys, 60);
        double fitted = Math.log(minLabelDistance(sys, z1) / minLabelDistance(sys, z2)) / 20;
        // the next rate of the flow is 1 + O(1/110) and lies e^-16 below by t = 40: the fit is exact to ~1e-7
        assertEquals(predicted, fitted, 1e-5 * predicted, "fitted slow rate");
        assertTrue(Math.abs(predicted - TwoClassRates.of(90, 20, 1.0, 1.0).slow()) > 0.08, "differs from degree");
    }

    @Test
    void sampleHeadLossCarriesTauOnTheSeparationModeAndStopGradientKeepsIt() {
        // papers/prevention.md: P y_c = (T Y)_c at the sg fixed point, so the head carries tau_1 = 1 - r = 9/11
        Prevention sample = Prevention.NONE.withHeadLoss(HeadLoss.SAMPLE);
        EmbeddingSystem sg = system(TWO, 8, true, true, LabelScaling.DEGREE, sample);
        double[] z = HeadFixtures.run(sg, 1000);
        double measured = new HeadTheory(TWO).measuredEigenvalue(sg.embeddings(z), 1);
        // the run ends on the fixed point to the integration tolerance 1e-10
        assertEquals(9.0 / 11.0, measured, 1e-6, "head on the separation mode vs tau_1");
        assertTrue(Math.abs(measured - Math.sqrt(9.0 / 11.0)) > 0.08, "not the symmetric form's sqrt(tau_1)");
        assertTrue(minLabelDistance(sg, z) > 1.0, "stop-gradient keeps a finite separation");
        // without stop-gradient the sample form is a true gradient flow and collapses like the EOM
        EmbeddingSystem plain = system(TWO, 8, true, false, LabelScaling.DEGREE, sample);
        assertTrue(minLabelDistance(plain, HeadFixtures.run(plain, 1000)) < 1e-6, "no sg: complete collapse");
    }

    @Test
    void emaTargetsHaveTheStopGradientFixedPoints() {
        // at a fixed point zbar = z, so the R5 head sqrt(tau_1) = sqrt(1 - r) = sqrt(9/11) on the separation mode
        for (double rho : new double[] {0.1, 10.0}) {
            EmbeddingSystem sys = system(TWO, 8, true, true, LabelScaling.DEGREE, Prevention.NONE.withEma(rho));
            double[] z = HeadFixtures.run(sys, 1000);
            StateLayoutCheck.targetsEqualLive(sys.layout(), z, 1e-7);
            double measured = new HeadTheory(TWO).measuredEigenvalue(sys.embeddings(z), 1);
            assertEquals(Math.sqrt(9.0 / 11.0), measured, 1e-6, "rho " + rho + ": head on the separation mode");
            assertTrue(minLabelDistance(sys, z) > 1.0, "rho " + rho + ": finite separation");
        }
    }

    @Test
    void centringActsOnTheMeanModeOnly() {
        // the centre c is common to all targets: it cancels from every label-difference mode, so there the
        // fixed point is the stop-gradient one, head sqrt(1 - r) on the separation mode (papers/prevention.md)
        for (Prevention p : new Prevention[] {Prevention.NONE.withCentering(1.0),
                Prevention.NONE.withCentering(0.2).withEma(0.5)}) {
            EmbeddingSystem sys = system(TWO, 8, true, true, LabelScaling.DEGREE, p);
            double[] z = HeadFixtures.run(sys, 1000);
            double measured = new HeadTheory(TWO).measuredEigenvalue(sys.embeddings(z), 1);
            assertEquals(Math.sqrt(9.0 / 11.0), measured, 1e-6, p + ": head on the separation mode");
            assertTrue(minLabelDistance(sys, z) > 1.0, p + ": finite separation");
            // and the centre sits on the mean target, c = m
            org.repcollapse.model.StateLayout l = sys.layout();
            double[] g = new double[z.length];
            sys.flow().terms().get(0).addDrive(z, g);
            for (int a = 0; a < l.dim(); a++) {
                assertEquals(0.0, g[l.centre() + a], 1e-7, "c - m");
            }
        }
    }

    /** Checks that the EMA copies sit on the live embeddings. */
    private static final class StateLayoutCheck {
        static void targetsEqualLive(org.repcollapse.model.StateLayout l, double[] z, double tol) {
            int n = (l.samples() + l.classes()) * l.dim();
            for (int k = 0; k < n; k++) {
                assertEquals(z[k], z[l.xTarget(0) + k], tol, "target " + k);
            }
        }
    }

    @Test
    void contrastiveNegativesKeepTheLabelsApart() {
        for (LabelStructure s : new LabelStructure[] {TWO, RING}) {
            EmbeddingSystem plain = system(s, 4, false, false, LabelScaling.DEGREE, Prevention.NONE);
            EmbeddingSystem con = system(s, 4, false, false, LabelScaling.DEGREE,
                    Prevention.NONE.withContrastive(1.0, 1.0));
            double dPlain = minLabelDistance(plain, HeadFixtures.run(plain, 1000));
            double[] end = HeadFixtures.run(con, 1000);
            double dCon = minLabelDistance(con, end);
            // plain: exp(-lambda_s 1000) of an O(1) start, lambda_s >= 0.05 here
            assertTrue(dPlain < 1e-6, "plain alignment collapses: " + dPlain);
            // the repulsion holds the labels at an O(1) distance (about 2.3 at T = 1); 0.5 leaves a wide margin
            assertTrue(dCon > 0.5, "contrastive keeps the separation: " + dCon);
            // and it is stationary: the flow at the end is small against its scale
            double[] f = con.flow().derivative(end);
            double norm = 0;
            for (double v : f) {
                norm = Math.max(norm, Math.abs(v));
            }
            assertTrue(norm < 1e-6, "stationary at t = 1000: |dz/dt| = " + norm);
        }
    }

    @Test
    void contrastiveStationarySeparationIsTheClosedForm() {
        // K = 2, r = 2/11: q = sqrt(2 T sqrt(1-r) ln(w/beta - 1)), beta = (1/sqrt(1-r) - 1)/2, exists iff w > 2 beta
        double r = 2.0 / 11.0;
        double[][] cases = {{1.0, 1.0}, {0.5, 0.04}, {0.12, 1.0}};
        for (double[] c : cases) {
            EmbeddingSystem sys = system(TWO, 4, false, false, LabelScaling.DEGREE,
                    Prevention.NONE.withContrastive(c[0], c[1]));
            double q = minLabelDistance(sys, HeadFixtures.run(sys, 3000));
            double predicted = org.repcollapse.theory.ContrastiveSeparation.separation(r, c[0], c[1]);
            // the slowest approach (w = 0.12, near the threshold) is within 1e-4 of its limit by t = 3000
            assertEquals(predicted, q, 2e-4 * predicted, "w = " + c[0] + ", T = " + c[1]);
        }
        double wc = org.repcollapse.theory.ContrastiveSeparation.criticalWeight(r);
        assertEquals(0.10554, wc, 1e-5);
        EmbeddingSystem below = system(TWO, 4, false, false, LabelScaling.DEGREE,
                Prevention.NONE.withContrastive(0.85 * wc, 1.0));
        assertTrue(minLabelDistance(below, HeadFixtures.run(below, 3000)) < 1e-6, "below w_c the labels merge");
    }

    @Test
    void varianceWeightThresholdOfTheCollapsedPointIsTheClosedForm() {
        // At x = y = 0 (every spread S_a = sqrt(eps)) the class-difference mode obeys
        // du/dt = -(u - q) + kappa u, dq/dt = gamma((1 - r) u - q), kappa = w sigma((t - sqrt eps)/beta)/sqrt eps:
        // det = gamma (r - kappa), so the collapsed point is unstable iff w > w_min = r sqrt(eps) / sigma(...).
        LabelStructure s = HeadFixtures.twoClass(40, 0.1);   // m = 18, N_f = 4, r = 4/22
        double r = 4.0 / 22.0;
        double eps = 1e-4;
        double beta = 0.05;
        double sigma = 1 / (1 + Math.exp(-(1 - Math.sqrt(eps)) / beta));
        double wMin = r * Math.sqrt(eps) / sigma;
        for (double factor : new double[] {0.5, 2.0}) {
            double w = factor * wMin;
            EmbeddingSystem sys = system(s, 1, false, false, LabelScaling.DEGREE,
                    Prevention.NONE.withVariance(w, 1.0));
            double[] collapsed = new double[sys.layout().dimension()];
            double[][] j = FlowJacobian.of(sys).at(collapsed);
            double kappa = w * sigma / Math.sqrt(eps);
            double tr = kappa - 2;
            double det = r - kappa;
            double plus = (tr + Math.sqrt(tr * tr - 4 * det)) / 2;
            double largest = Double.NEGATIVE_INFINITY;
            boolean found = false;
            for (Complex c : new JacobianSpectrum(j, JacobianSpectrum.DEFAULT_TOLERANCE).eigenvalues()) {
                largest = Math.max(largest, c.getReal());
                found |= Math.abs(c.getReal() - plus) < 1e-9 && Math.abs(c.getImaginary()) < 1e-9;
            }
            assertTrue(found, "the closed-form eigenvalue " + plus + " is in the spectrum");
            // the within-class deviations grow at kappa - 1 < plus and the overall mean is a zero mode:
            // the separation mode leads once it is unstable
            assertEquals(Math.max(plus, 0.0), largest, 1e-9, "largest real part");
            assertEquals(factor > 1, plus > 0, "unstable iff w > w_min = " + wMin);
        }
    }

    @Test
    void varianceThresholdOnGeneralStructuresIsTheSchurComplementEigenvalue() {
        // VarianceThreshold: kappa_c is the smallest non-zero eigenvalue of the group-level map with the labels
        // at rest; K = 2 gives r exactly, and on a K = 4 ring and chain the dense Jacobian at the collapsed point
        // turns unstable between 0.97 and 1.03 kappa_c (an independent route: the whole N-sample linearisation)
        assertEquals(4.0 / 22.0, new org.repcollapse.theory.VarianceThreshold(HeadFixtures.twoClass(40, 0.1))
                .criticalKappa(), 1e-12, "K = 2: kappa_c = r");
        LabelStructure ring = LabelStructure.generate(4, 24, 0.34, Pairing.ADJACENT, List.of(), null);
        for (LabelStructure s : new LabelStructure[] {ring, HeadFixtures.chain4(24, 0.25)}) {
            org.repcollapse.theory.VarianceThreshold th = new org.repcollapse.theory.VarianceThreshold(s);
            double wMin = th.criticalWeight(1.0, 1e-4, 0.05);
            for (double factor : new double[] {0.97, 1.03}) {
                EmbeddingSystem sys = system(s, 1, false, false, LabelScaling.DEGREE,
                        Prevention.NONE.withVariance(factor * wMin, 1.0));
                double[][] j = FlowJacobian.of(sys).at(new double[sys.layout().dimension()]);
                double largest = Double.NEGATIVE_INFINITY;
                for (Complex c : new JacobianSpectrum(j, JacobianSpectrum.DEFAULT_TOLERANCE).eigenvalues()) {
                    largest = Math.max(largest, c.getReal());
                }
                // below: the mean mode's 0 is the largest (to rounding); above: a positive eigenvalue ~ 0.03 kappa_c
                if (factor < 1) {
                    assertTrue(largest < 1e-10, "stable below w_min: " + largest);
                } else {
                    assertTrue(largest > 1e-3 * th.criticalKappa(), "unstable above w_min: " + largest);
                }
            }
        }
    }

    @Test
    void varianceAboveItsThresholdKeepsTheSeparationAndTheRank() {
        // default target 1, eps 1e-4, width 0.05, r = 2/11: w_min = 1.82e-3 (closed form above)
        double wMin = (2.0 / 11.0) * 1e-2 / (1 / (1 + Math.exp(-0.99 / 0.05)));
        for (double factor : new double[] {0.8, 1.25}) {
            EmbeddingSystem sys = system(TWO, 2, false, false, LabelScaling.DEGREE,
                    Prevention.NONE.withVariance(factor * wMin, 1.0));
            double d = minLabelDistance(sys, HeadFixtures.run(sys, 3000));
            if (factor < 1) {
                assertTrue(d < 1e-4, "below w_min the collapse proceeds: " + d);
            } else {
                // above w_min the collapsed point repels the separation: it settles at an O(1e-2) distance
                assertTrue(d > 1e-3, "above w_min the labels stay apart: " + d);
            }
        }
        // at weight 1 on the ring (K = 4, d = 4) every axis keeps a spread near its target, but the axes are
        // correlated: effective rank about 1.94, above 1 and well below d. The covariance term decorrelates
        // them: effective rank about 3.92 of 4. Thresholds 1.5 and 3.5 sit between the two with margin.
        EmbeddingSystem variance = system(RING, 4, false, false, LabelScaling.DEGREE,
                Prevention.NONE.withVariance(1.0, 1.0));
        double[] z = HeadFixtures.run(variance, 1000);
        double rank = new EmbeddingSpectrum(variance.embeddings(z)).effectiveRank();
        assertTrue(rank > 1.5 && rank < 3.0, "variance alone: effective rank " + rank);
        assertTrue(minLabelDistance(variance, z) > 0.5, "separation");
        EmbeddingSystem vicreg = system(RING, 4, false, false, LabelScaling.DEGREE,
                Prevention.NONE.withVariance(1.0, 1.0).withCovariance(1.0));
        double[] zv = HeadFixtures.run(vicreg, 1000);
        double rankV = new EmbeddingSpectrum(vicreg.embeddings(zv)).effectiveRank();
        assertTrue(rankV > 3.5, "variance and covariance: effective rank " + rankV);
        assertTrue(minLabelDistance(vicreg, zv) > 0.5, "separation");
    }

    @Test
    void covarianceAloneDoesNotStopTheCollapse() {
        // C_off (x_i - mu) vanishes with the scatter: a collapsing cloud is already decorrelated
        EmbeddingSystem sys = system(TWO, 4, false, false, LabelScaling.DEGREE, Prevention.NONE.withCovariance(1.0));
        assertTrue(minLabelDistance(sys, HeadFixtures.run(sys, 1000)) < 1e-6);
    }
}
