package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StateLayout;

/**
 * Each prevention term against finite differences: its drive is the gradient of its value (every
 * term here is an ordinary loss, no stop-gradient), and its linearised drive (its Jacobian block) is
 * the derivative of its drive; the flow's dense Jacobian with the terms added against central
 * differences of the right-hand side.
 */
class PreventionTermsTest {

    private static final LabelStructure CHAIN = HeadFixtures.chain4(14, 0.3);

    static Stream<Arguments> terms() {
        StateLayout plain = new StateLayout(CHAIN.samples(), CHAIN.classes(), 3, false);
        StateLayout head = new StateLayout(CHAIN.samples(), CHAIN.classes(), 3, true);
        return Stream.of(
                Arguments.of("contrastive T=1", plain, new ContrastiveLoss(plain, CHAIN, 0.7, 1.0)),
                Arguments.of("contrastive T=0.2", plain, new ContrastiveLoss(plain, CHAIN, 1.3, 0.2)),
                // target 1.5 above the spreads of the random state: the hinge is active, beta = 0.3 keeps it curved
                Arguments.of("variance active", plain, new VarianceLoss(plain, 0.9, 1.5, 1e-4, 0.3)),
                Arguments.of("variance near the kink", plain, new VarianceLoss(plain, 1.1, 0.6, 1e-3, 0.05)),
                Arguments.of("covariance", plain, new CovarianceLoss(plain, 0.8)),
                Arguments.of("sample head loss, no sg", head, new SamplePredictorLoss(head, CHAIN, false)),
                Arguments.of("contrastive with a head", head, new ContrastiveLoss(head, CHAIN, 0.5, 0.5)));
    }

    private static double[] state(StateLayout layout, long seed) {
        Random r = new Random(seed);
        double[] z = new double[layout.dimension()];
        for (int k = 0; k < z.length; k++) {
            z[k] = r.nextGaussian() * 0.8;
        }
        if (layout.hasHead()) {
            for (int a = 0; a < layout.dim(); a++) {
                z[layout.p() + a * layout.dim() + a] += 1.0;
            }
        }
        return z;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terms")
    void driveIsTheGradientOfTheValue(String name, StateLayout layout, LinearisedLossTerm term) {
        double[] z = state(layout, 5);
        double[] g = new double[z.length];
        term.addDrive(z, g);
        double scale = 0;
        double err = 0;
        double h = 1e-5;
        for (int k = 0; k < z.length; k++) {
            double zk = z[k];
            z[k] = zk + h;
            double fp = term.value(z);
            z[k] = zk - h;
            double fm = term.value(z);
            z[k] = zk;
            double fd = (fp - fm) / (2 * h);
            err = Math.max(err, Math.abs(fd - g[k]));
            scale = Math.max(scale, Math.abs(g[k]));
        }
        // central differences: truncation h^2 |L'''| ~ 1e-10 (1e-8 for the sharp kinks), rounding eps |L| / h ~ 1e-10
        assertTrue(scale > 1e-3, name + ": a vanishing drive tests nothing (" + scale + ")");
        assertTrue(err <= 1e-6 * Math.max(1, scale), name + ": drive vs gradient of the value, error " + err
                + " at scale " + scale);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terms")
    void linearisedDriveIsTheDerivativeOfTheDrive(String name, StateLayout layout, LinearisedLossTerm term) {
        double[] z = state(layout, 7);
        double[] v = state(layout, 8);
        double[] jv = new double[z.length];
        term.addDriveDerivative(z, v, jv);
        double[] es = FiniteDifferences.errorAndScale(FiniteDifferences.directional(term::addDrive, z, v, 1e-6), jv);
        double err = es[0];
        double scale = es[1];
        // truncation h^2 |G'''| |v|^3 ~ 1e-10, rounding eps |G| / h ~ 1e-10
        assertTrue(scale > 1e-3, name + ": a vanishing product tests nothing");
        assertTrue(err <= 1e-6 * Math.max(1, scale), name + ": J v vs finite differences, error " + err);
    }

    @Test
    void targetLinearisationMatchesFiniteDifferences() {
        // not a gradient (no drive into the targets; the copies' and centre's own drives): only its linearisation
        for (boolean[] tc : new boolean[][] {{true, false}, {false, true}, {true, true}}) {
            StateLayout layout = new StateLayout(CHAIN.samples(), CHAIN.classes(), 3, true, tc[0], tc[1]);
            for (HeadLoss form : HeadLoss.values()) {
                linearisedDriveIsTheDerivativeOfTheDrive("ema " + tc[0] + " centre " + tc[1] + " " + form, layout,
                        new TargetPredictorLoss(layout, CHAIN, form));
            }
        }
        // with zbar = z and c = 0 the drive is the stop-gradient predictor drive (the copies' and centre's rows aside)
        StateLayout ema = new StateLayout(CHAIN.samples(), CHAIN.classes(), 3, true, true, true);
        StateLayout plain = new StateLayout(CHAIN.samples(), CHAIN.classes(), 3, true);
        double[] z = state(plain, 9);
        double[] zt = new double[ema.dimension()];
        System.arraycopy(z, 0, zt, 0, z.length);
        System.arraycopy(z, 0, zt, ema.xTarget(0), (CHAIN.samples() + CHAIN.classes()) * 3);
        for (HeadLoss form : HeadLoss.values()) {
            double[] g = new double[z.length];
            Prevention.NONE.withHeadLoss(form).headTerm(plain, CHAIN, true).addDrive(z, g);
            double[] gt = new double[zt.length];
            new TargetPredictorLoss(ema, CHAIN, form).addDrive(zt, gt);
            for (int k = 0; k < z.length; k++) {
                // two summation orders of the same products: rounding only
                assertTrue(Math.abs(g[k] - gt[k]) <= 1e-12 * (1 + Math.abs(gt[k])), form + " coordinate " + k);
            }
            for (int k = z.length; k < ema.centre(); k++) {
                assertTrue(gt[k] == 0.0, "copies on the live embeddings do not move");
            }
        }
    }

    @Test
    void flowJacobianWithPreventionTermsMatchesFiniteDifferences() {
        Prevention all = Prevention.NONE.withContrastive(0.6, 0.5).withVariance(0.8, 1.2).withCovariance(0.4)
                .withHeadLoss(HeadLoss.SAMPLE);
        for (boolean head : new boolean[] {false, true}) {
            for (LabelScaling scaling : LabelScaling.values()) {
                EmbeddingSystem sys = new EmbeddingSystem(CHAIN, 3, head, head,
                        new EmbeddingSystem.Parameters(1, 0.7, 1.3, 0.6, 1, 0.1, scaling), all, new RandomStreams(3));
                if (head) {
                    sys = new EmbeddingSystem(CHAIN, 3, head, head,
                            new EmbeddingSystem.Parameters(1, 0.7, 1.3, 0.6, 1, 0.1, scaling), all.withEma(0.8).withCentering(0.6),
                            new RandomStreams(3));
                }
                FlowJacobian j = FlowJacobian.of(sys);
                double[] z = sys.initialState();
                for (int k = 0; k < z.length; k++) {
                    z[k] += 0.1 * Math.sin(k); // move the EMA targets off the live embeddings
                }
                double[][] a = j.at(z);
                double[] em = FiniteDifferences.errorAndScale(a, j.finiteDifference(z, 1e-6));
                double err = em[0];
                double max = em[1];
                // as FlowJacobianTest: truncation ~1e-12, rounding ~1e-9 relative
                assertTrue(err <= 1e-7 * max, "head " + head + ", " + scaling + ": error " + err + " at " + max);
                // the product form agrees with the dense one
                double[] v = state(sys.layout(), 11);
                double[] out = new double[v.length];
                j.times(z, v, out);
                for (int r = 0; r < a.length; r++) {
                    double s = 0;
                    for (int c = 0; c < a.length; c++) {
                        s += a[r][c] * v[c];
                    }
                    assertTrue(Math.abs(s - out[r]) <= 1e-10 * max * a.length, "J v row " + r);
                }
            }
        }
    }

    @Test
    void studentTermsAreTheChainRuleOfTheEmbeddingTerms() {
        // x_i = W xi_i: the student drive of a term is its embedding drive pulled back, G_W = sum_i G_{x_i} xi_i^T.
        // Checked against finite differences of the student value, which knows nothing of the pull-back.
        org.repcollapse.model.StudentLabels labels = org.repcollapse.model.StudentLabels.generate(3, 12, 0.25,
                org.repcollapse.model.Pairing.ADJACENT, List.of(), org.repcollapse.model.FrustrationMode.DUPLICATE,
                new RandomStreams(2).stream(RandomStreams.Purpose.LABELS));
        RandomStreams streams = new RandomStreams(2);
        org.repcollapse.model.Teacher teacher = org.repcollapse.model.Teacher.generate(3, 5, 1.0, 0.5,
                labels.trueClass(), streams);
        Prevention all = Prevention.NONE.withContrastive(0.6, 0.5).withVariance(0.8, 1.2).withCovariance(0.4)
                .withHeadLoss(HeadLoss.SAMPLE);
        TeacherStudentSystem ts = new TeacherStudentSystem(labels, teacher, 3, true, false,
                new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.1), all, streams);
        double[] z = ts.initialState();
        // no stop-gradient: dz/dt = -R grad L
        double[] es = FiniteDifferences.gradientFlowError(z, ts.flow().derivative(z), ts.flow().rates(), ts::loss, 1e-5);
        double err = es[0];
        double scale = es[1];
        assertTrue(err <= 1e-6 * Math.max(1, scale), "student flow vs -R grad L: " + err + " at " + scale);
    }

    @Test
    void reconstructionDriveIsTheGradientAndItsLinearisationTheDerivative() {
        // (w/2) sum_i |V W xi_i - xi_i|^2 against central differences: the student flow with the decoder is
        // -R grad L (no stop-gradient), and the linearised drive is the derivative of the drive
        org.repcollapse.model.StudentLabels labels = org.repcollapse.model.StudentLabels.generate(3, 12, 0.25,
                org.repcollapse.model.Pairing.ADJACENT, List.of(), org.repcollapse.model.FrustrationMode.DUPLICATE,
                new RandomStreams(2).stream(RandomStreams.Purpose.LABELS));
        RandomStreams streams = new RandomStreams(2);
        org.repcollapse.model.Teacher teacher = org.repcollapse.model.Teacher.generate(3, 5, 1.0, 0.5,
                labels.trueClass(), streams);
        TeacherStudentSystem ts = new TeacherStudentSystem(labels, teacher, 3, false, false,
                new EmbeddingSystem.Parameters(0.5, 1, 1, 1, 1, 0.1), Prevention.NONE.withReconstruction(0.7),
                streams);
        assertTrue(ts.layout().hasDecoder());
        double[] z = ts.initialState();
        Random rnd = new Random(4);
        for (int k = ts.layout().v(); k < z.length; k++) {
            z[k] = rnd.nextGaussian() * 0.5; // the decoder starts at 0: move it off
        }
        double[] es = FiniteDifferences.gradientFlowError(z, ts.flow().derivative(z), ts.flow().rates(), ts::loss, 1e-5);
        double err = es[0];
        double scale = es[1];
        assertTrue(err <= 1e-6 * Math.max(1, scale), "student flow with decoder vs -R grad L: " + err);
        ReconstructionLoss rec = (ReconstructionLoss) ts.flow().terms().get(ts.flow().terms().size() - 1);
        double[] v = new double[z.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = rnd.nextGaussian();
        }
        double[] jv = new double[z.length];
        rec.addDriveDerivative(z, v, jv);
        double[] es2 = FiniteDifferences.errorAndScale(FiniteDifferences.directional(rec::addDrive, z, v, 1e-6), jv);
        double e2 = es2[0];
        double s2 = es2[1];
        assertTrue(s2 > 1e-3 && e2 <= 1e-6 * Math.max(1, s2), "reconstruction J v: " + e2 + " at " + s2);
    }

    @Test
    void noPreventionIsTheDefaultFlowBitForBit() {
        BiFunction<Prevention, Boolean, double[]> rhs = (p, head) -> {
            EmbeddingSystem sys = new EmbeddingSystem(CHAIN, 3, head, head,
                    new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.1), p, new RandomStreams(4));
            return sys.flow().derivative(sys.initialState());
        };
        for (boolean head : new boolean[] {false, true}) {
            EmbeddingSystem plain = new EmbeddingSystem(CHAIN, 3, head, head,
                    new EmbeddingSystem.Parameters(1, 1, 1, 1, 1, 0.1), new RandomStreams(4));
            assertTrue(java.util.Arrays.equals(plain.flow().derivative(plain.initialState()),
                    rhs.apply(Prevention.NONE, head)), "head " + head);
            assertTrue(plain.flow().shiftedSystem() != null, "the default flow keeps its structured solve");
        }
    }
}
