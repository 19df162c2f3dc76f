package org.repcollapse.continuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.ReducedFlow;
import org.repcollapse.dynamics.ReducedLayout;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.Systems;
import org.repcollapse.fixedpoint.FixedPointAnalysis;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;
import org.repcollapse.theory.HeadTheory;

/**
 * The continued branch of the group-mean flow against the mathematics (papers/continuation.md):
 * the flow and its Jacobian against the reduced flow of the N-sample model and central differences,
 * every branch point a fixed point, the head on the separation mode equal to R5's sqrt(tau_1), the
 * branch against independently integrated and polished fixed points of the full model, the critical
 * frustration against its closed form, and the rates moving the spectrum but not the fixed points.
 */
class MeanFieldBranchTest {

    static Experiment headSg;
    static MeanFieldProblem problem;
    static PseudoArclength.Result branch;
    static final double TOL = 1.0e-10;

    /** models/head-sg.yaml (K = 2, d = 8, sg), continued in phi from 0.1 to 0.9. */
    @BeforeAll
    static void continueHeadSg() {
        headSg = ExperimentLoader.load(Path.of("models/head-sg.yaml"), List.of());
        problem = new MeanFieldProblem(headSg, "frustration.fraction");
        branch = new PseudoArclength(problem, new PseudoArclength.Settings(0.1, 0.9, 12, TOL, 12, 1.0e-8), m -> { })
                .run(problem.integratedStart(0.1), 0.1);
    }

    private static double[] random(int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = 2 * rng.nextDouble() - 1;
        }
        return z;
    }

    /**
     * {@code F_z v} against central differences (step 1e-5: truncation ~1e-10, rounding ~1e-11 of the
     * O(1) entries), with and without stop-gradient and without head: agreement to 1e-8.
     */
    @Test
    void jacobianProductMatchesCentralDifferences() {
        GroupWeights w = GroupWeights.of(3, 0.3, "adjacent", List.of());
        for (int variant = 0; variant < 3; variant++) {
            GroupMeanFlow f = new GroupMeanFlow(w, 4, variant < 2, variant == 0, 1.3, 0.7, 2.1);
            double[] z = random(f.dimension(), 7 + variant);
            double[] v = random(f.dimension(), 70 + variant);
            double[] jv = new double[z.length];
            f.times(z, v, jv);
            double h = 1.0e-5;
            double[] zp = z.clone();
            double[] zm = z.clone();
            for (int i = 0; i < z.length; i++) {
                zp[i] += h * v[i];
                zm[i] -= h * v[i];
            }
            double[] fp = new double[z.length];
            double[] fm = new double[z.length];
            f.residual(zp, fp);
            f.residual(zm, fm);
            for (int i = 0; i < z.length; i++) {
                assertEquals((fp[i] - fm[i]) / (2 * h), jv[i], 1.0e-8, "variant " + variant + " row " + i);
            }
        }
    }

    /**
     * At integer counts (N = 200, phi = 0.1: 90 + 90 consistent, 20 frustrated) the group-mean flow is
     * the reduced flow of the N-sample model (dynamics/ReducedFlow, an independent implementation) with
     * zero scatter: equal right-hand sides to 1e-13 relative (rounding).
     */
    @Test
    void meanFlowIsTheReducedFlowWithoutScatter() {
        for (boolean sg : new boolean[] {true, false}) {
            LabelStructure s = LabelStructure.generate(2, 200, 0.1, org.repcollapse.model.Pairing.ADJACENT, List.of(),
                    null);
            int d = 3;
            ReducedLayout layout = new ReducedLayout(s, d, true);
            double[][] zeroScatter = new double[layout.levels()][d * d];
            ReducedFlow reduced = new ReducedFlow(layout, s, sg, 1.3, 0.7, 2.1, zeroScatter);
            GroupMeanFlow mean = new GroupMeanFlow(GroupWeights.of(2, 0.1, "adjacent", List.of()), d, true, sg, 1.3, 0.7,
                    2.1);
            double[] z = random(mean.dimension(), 11);
            double[] zr = new double[layout.dimension()];
            for (int g = 0; g < layout.groups(); g++) {
                int mine = groupIndex(mean.groups(), s.groups().get(g));
                System.arraycopy(z, mean.m(mine), zr, layout.m(g), d);
            }
            System.arraycopy(z, mean.y(0), zr, layout.y(0), 2 * d + d * d);
            double[] fr = reduced.computeDerivatives(0, zr);
            double[] fm = new double[z.length];
            mean.residual(z, fm);
            double scale = PseudoArclength.norm(fm);
            for (int g = 0; g < layout.groups(); g++) {
                int mine = groupIndex(mean.groups(), s.groups().get(g));
                for (int a = 0; a < d; a++) {
                    assertEquals(fr[layout.m(g) + a], fm[mean.m(mine) + a], 1.0e-13 * scale);
                }
            }
            for (int k = 0; k < 2 * d + d * d; k++) {
                assertEquals(fr[layout.y(0) + k], fm[mean.y(0) + k], 1.0e-13 * scale, "label/head entry " + k);
            }
        }
    }

    private static int groupIndex(GroupWeights w, int[] set) {
        int[] sorted = set.clone();
        Arrays.sort(sorted);
        for (int g = 0; g < w.groups(); g++) {
            if (Arrays.equals(w.sets()[g], sorted)) {
                return g;
            }
        }
        throw new AssertionError("no group " + Arrays.toString(set));
    }

    /**
     * The branch reaches phi = 0.9; every point has |F| <= tol = 1e-10 (the corrector's criterion,
     * re-evaluated here); the family of fixed points has dimension d^2 = 64 (invertible P, R7); every
     * point is stable modulo the family; no fold or branch point (the sg branch is monotone in phi).
     */
    @Test
    void everyPointOfTheBranchIsAStableFixedPoint() {
        assertTrue(branch.reachedEnd(), branch.stop());
        assertEquals(64, branch.family());
        assertTrue(branch.points().size() >= 8, "points: " + branch.points().size());
        assertTrue(branch.events().isEmpty(), branch.events().toString());
        double[] f = new double[problem.dimension()];
        for (BranchPoint p : branch.points()) {
            problem.residual(p.z(), p.lambda(), f);
            assertTrue(PseudoArclength.norm(f) <= TOL, "residual " + PseudoArclength.norm(f) + " at " + p.lambda());
            assertEquals(0, p.spectrum().unstable(p.uncertainty()), "at phi = " + p.lambda());
            assertTrue(p.spectrum().largestRealPart() < -1.0e-3, "stable with a margin at phi = " + p.lambda());
            assertTrue(p.spectrum().largestInside() <= 1.0e-8 * p.spectrum().scale(), "the family is an exact kernel");
        }
        assertEquals(0.9, branch.points().get(branch.points().size() - 1).lambda(), 0.0, "lands on TO");
    }

    /**
     * R5 on the branch: the head on each present label mode equals sqrt(tau_k(phi)) of the weights,
     * relative difference <= 1e-8 (the residual 1e-10 perturbs p^2 by ~1e-10 / tau), K = 2:
     * sqrt(1 - r), r = 2 phi / (1 + phi).
     */
    @Test
    void headEigenvaluesAreSqrtTauAlongTheBranch() {
        for (BranchPoint p : branch.points()) {
            BranchMeasures m = BranchMeasures.of(problem.flow(p.lambda()), p.z());
            assertTrue(m.present()[1], "separation mode present at " + p.lambda());
            double r = 2 * p.lambda() / (1 + p.lambda());
            assertEquals(Math.sqrt(1 - r), m.predicted()[1], 1.0e-14);
            assertTrue(m.relativeDifference(1) <= 1.0e-8, "mode 1 at " + p.lambda() + ": " + m.relativeDifference(1));
            if (m.present()[0]) {
                assertTrue(m.relativeDifference(0) <= 1.0e-8, "mode 0 at " + p.lambda());
            }
        }
    }

    /**
     * The chain of four (models/head-sg-chain4.yaml, explicit pairs 0-1, 1-2, 2-3, d = 8) continued from
     * phi = 0.15 to 0.6: the head carries sqrt(tau_k) on each separation mode k = 1, 2, 3, relative
     * difference <= 1e-8, and the family is d^2 = 64.
     */
    @Test
    void chainOfFourCarriesEverySqrtTau() {
        Experiment chain = ExperimentLoader.load(Path.of("models/head-sg-chain4.yaml"), List.of());
        MeanFieldProblem p = new MeanFieldProblem(chain, "frustration.fraction");
        PseudoArclength.Result r = new PseudoArclength(p, new PseudoArclength.Settings(0.15, 0.6, 5, TOL, 12, 1.0e-8),
                m -> { }).run(p.integratedStart(0.15), 0.15);
        assertTrue(r.reachedEnd(), r.stop());
        assertEquals(64, r.family());
        for (BranchPoint b : r.points()) {
            BranchMeasures m = BranchMeasures.of(p.flow(b.lambda()), b.z());
            for (int k = 1; k < 4; k++) {
                assertTrue(m.present()[k], "mode " + k + " present at " + b.lambda());
                assertTrue(m.relativeDifference(k) <= 1.0e-8, "mode " + k + " at " + b.lambda() + ": "
                        + m.relativeDifference(k));
            }
        }
    }

    /**
     * Independent route: the full N-sample model (N = 20, d = 4, sg) integrated to t = 600 and polished by
     * fixed-points' Levenberg-Marquardt at phi = 0.3 and 0.6 (integer counts: 7 + 7 + 6 and 4 + 4 + 12),
     * against the branch continued from 0.3 to 0.6: (i) the polished full fixed point's group means,
     * labels and head are a fixed point of the group-mean flow (|F| <= 1e-9: the LM tolerance 1e-10
     * times the square root of the group sizes), (ii) the branch's end, spread over the samples
     * (x_i = m_S), is a fixed point of the full flow (|F| <= 1e-9), (iii) both are stable, (iv) both
     * carry sqrt(tau_1) on the separation mode (1e-8), (v) the d^2 = 16 family of the mean system is
     * the GL(d) part of the full model's predicted family.
     */
    @Test
    void branchAgreesWithIndependentFullModelFixedPoints() {
        List<String> set = new ArrayList<>(List.of("samples=20", "dim=4", "init.samples=0.5", "integrator.tEnd=600"));
        Experiment e = ExperimentLoader.load(Path.of("models/head-sg.yaml"), withFraction(set, 0.3));
        MeanFieldProblem p = new MeanFieldProblem(e, "frustration.fraction");
        PseudoArclength.Result r = new PseudoArclength(p, new PseudoArclength.Settings(0.3, 0.6, 6, TOL, 12, 1.0e-8),
                m -> { }).run(p.integratedStart(0.3), 0.3);
        assertTrue(r.reachedEnd(), r.stop());
        assertEquals(16, r.family());
        for (double phi : new double[] {0.3, 0.6}) {
            Experiment full = ExperimentLoader.load(Path.of("models/head-sg.yaml"), withFraction(set, phi));
            EmbeddingSystem system = (EmbeddingSystem) Systems.build(full);
            double tEnd = full.integrator().tEnd();
            double[] end = ExperimentRunner.integrator(full, system).integrate(system.ode(), system.initialState(), tEnd,
                    new GridRecorder(new double[] {tEnd}, (t, z) -> { }, ExperimentRunner.BLOW_UP));
            FixedPointAnalysis a = FixedPointAnalysis.of(system, end, 1.0e-10, 50, 1.0e-9);
            assertEquals(FixedPointAnalysis.Verdict.STABLE, a.verdict(), "full model at phi = " + phi);
            GroupMeanFlow flow = p.flow(phi);
            double[] zm = groupState(flow, system, a.polished().point());
            double[] f = new double[zm.length];
            flow.residual(zm, f);
            assertTrue(PseudoArclength.norm(f) <= 1.0e-9, "(i) full fixed point in the mean flow: " + PseudoArclength.norm(f));
            BranchPoint bp = phi == 0.3 ? r.points().get(0) : r.points().get(r.points().size() - 1);
            assertEquals(phi, bp.lambda(), 0.0);
            double[] zf = fullState(flow, system, bp.z());
            assertTrue(PseudoArclength.norm(system.flow().derivative(zf)) <= 1.0e-9, "(ii) branch point in the full flow");
            assertTrue(bp.spectrum().largestRealPart() < -bp.uncertainty(), "(iii) branch stable at " + phi);
            double predicted = new HeadTheory(system.structure()).headEigenvalue(1);
            double fullHead = new HeadTheory(system.structure()).measuredEigenvalue(system.embeddings(a.polished().point()), 1);
            double branchHead = BranchMeasures.of(flow, bp.z()).measured()[1];
            assertEquals(predicted, fullHead, 1.0e-8 * predicted, "(iv) full");
            assertEquals(predicted, branchHead, 1.0e-8 * predicted, "(iv) branch");
            assertTrue(a.predictedZeroModes() >= r.family(), "(v) the full family contains the d^2 GL part");
            assertEquals(r.family(), full.dim() * full.dim());
        }
    }

    private static List<String> withFraction(List<String> set, double phi) {
        List<String> out = new ArrayList<>(set);
        out.add("frustration.fraction=" + phi);
        return out;
    }

    /** (group means, labels, head) of a full state, in the group-mean layout. */
    private static double[] groupState(GroupMeanFlow flow, EmbeddingSystem system, double[] z) {
        LabelStructure s = system.structure();
        StateLayout l = system.layout();
        int d = flow.dim();
        double[] out = new double[flow.dimension()];
        for (int i = 0; i < s.samples(); i++) {
            int g = groupIndex(flow.groups(), s.labelSet(i));
            for (int a = 0; a < d; a++) {
                out[flow.m(g) + a] += z[l.x(i) + a] / (flow.groups().weights()[g] * s.samples());
            }
        }
        System.arraycopy(z, l.y(0), out, flow.y(0), s.classes() * d + d * d);
        return out;
    }

    /** The full state with every sample at its group mean. */
    private static double[] fullState(GroupMeanFlow flow, EmbeddingSystem system, double[] zm) {
        LabelStructure s = system.structure();
        StateLayout l = system.layout();
        int d = flow.dim();
        double[] z = new double[l.dimension()];
        for (int i = 0; i < s.samples(); i++) {
            System.arraycopy(zm, flow.m(groupIndex(flow.groups(), s.labelSet(i))), z, l.x(i), d);
        }
        System.arraycopy(zm, flow.y(0), z, l.y(0), s.classes() * d + d * d);
        return z;
    }

    /**
     * R6's critical frustration: K = 2, tau_1 = (1 - phi)/(1 + phi) reaches 0 at phi = 1, as the
     * integer route of theory/ (HeadTheory.criticalFraction over N_f) also says. Continued from 0.5
     * to 1: the closed form of the weights is 1 to 1e-11 (tau_1 <= 1e-12 counts as lost), the branch's quadratic extrapolation of
     * p_1^2 to zero is 1 to 1e-5 (its error is the cubic term of tau_1(phi), tau''' = -3/4 at phi = 1, over
     * the last three points, about 0.03 apart: ~1e-5), and the separation has collapsed at phi = 1
     * (below 1e-3 of its value at 0.5). K = 3 adjacent (odd frustration cycle): no mode is lost, in
     * either route.
     */
    @Test
    void criticalFrustrationMatchesTheClosedForm() {
        PseudoArclength.Result r = new PseudoArclength(problem, new PseudoArclength.Settings(0.5, 1.0, 20, TOL, 12,
                1.0e-8), m -> { }).run(problem.integratedStart(0.5), 0.5);
        BranchReport report = new BranchReport(problem, r, 0.5, 1.0);
        double integer = HeadTheory.criticalFraction(200, nf -> LabelStructure.generate(2, 200, nf / 200.0,
                org.repcollapse.model.Pairing.ADJACENT, List.of(), null));
        assertEquals(1.0, integer, 0.0);
        assertNotNull(report.criticalClosedForm());
        // tau_1 = (1 - phi)/2 near 1 reaches HeadTheory.ZERO = 1e-12 at phi = 1 - 2e-12
        assertEquals(1.0, report.criticalClosedForm()[0], 1.0e-11);
        assertEquals(1, (int) report.criticalClosedForm()[1]);
        assertNotNull(report.criticalFromBranch(), r.stop());
        assertEquals(1.0, report.criticalFromBranch()[0], 1.0e-5);
        List<BranchMeasures> m = report.measures();
        assertTrue(m.get(m.size() - 1).minSeparation() < 1.0e-3 * m.get(0).minSeparation(),
                "collapsed at phi = 1: " + m.get(m.size() - 1).minSeparation());
        Experiment k3 = ExperimentLoader.load(Path.of("models/head-sg.yaml"), List.of("classes=3"));
        assertNull(CriticalFrustration.closedForm(k3, 0.0, 1.0));
        assertTrue(Double.isNaN(HeadTheory.criticalFraction(201, nf -> LabelStructure.generate(3, 201, nf / 201.0,
                org.repcollapse.model.Pairing.ADJACENT, List.of(), null))));
    }

    /**
     * The rates scale the blocks of the field, so its zeros do not move: continued in rates.head from 1
     * to 4 the state stays at the start to 1e-9 and no fold or branch point appears, while the
     * spectrum does change (the sum of the eigenvalues outside the family moves by more than 1 %).
     */
    @Test
    void ratesMoveTheSpectrumNotTheFixedPoints() {
        MeanFieldProblem rates = new MeanFieldProblem(headSg, "rates.head");
        PseudoArclength.Result r = new PseudoArclength(rates, new PseudoArclength.Settings(1.0, 4.0, 6, TOL, 12, 1.0e-8),
                m -> { }).run(rates.integratedStart(1.0), 1.0);
        assertTrue(r.reachedEnd(), r.stop());
        assertTrue(r.events().isEmpty());
        double[] z0 = r.points().get(0).z();
        for (BranchPoint p : r.points()) {
            for (int i = 0; i < z0.length; i++) {
                assertEquals(z0[i], p.z()[i], 1.0e-9);
            }
        }
        double a = traceOutside(r.points().get(0));
        double b = traceOutside(r.points().get(r.points().size() - 1));
        assertTrue(Math.abs(b - a) > 0.01 * Math.abs(a), a + " -> " + b);
    }

    private static double traceOutside(BranchPoint p) {
        double s = 0;
        for (org.hipparchus.complex.Complex c : p.spectrum().eigenvalues()) {
            s += c.getReal();
        }
        return s;
    }
}
