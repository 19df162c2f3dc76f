package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StateLayout;
import org.repcollapse.theory.GroupSolution;
import org.repcollapse.theory.StudentLinearTheory;

/**
 * The exact propagators of the flows without a head ({@link LinearFlow}) against the flow itself
 * integrated by DOP853 at rtol 1e-12, atol 1e-14, and against the independent closed forms
 * ({@link GroupSolution}'s matrix exponential, {@link StudentLinearTheory}'s labels).
 *
 * <p>Tolerances. Against DOP853 1e-8 of the largest state entry (the states are O(1)): its global
 * error at rtol 1e-12 is 1e-11 on the soft cases and up to 4e-9 on the stiffer sigma = 0 case (and
 * grows, not shrinks, at rtol 1e-13: rounding over the stability-limited steps), while a wrong
 * rate scaling, mode or frozen subspace gives errors of 1e-3 or more. Against
 * {@code exp(J t) z0}, J the flow's own Jacobian column by column (the flow is linear, so
 * {@code J e_k = f(e_k)}) and Hipparchus' Pade matrix exponential, 1e-11: both routes are exact, only
 * rounding differs (observed 2e-13 at t = 60). Against the closed forms 1e-10, for the same reason.
 */
class LinearFlowTest {

    private static final double[] TIMES = {0.3, 4.0, 60.0};

    /** DOP853 states of the flow at TIMES. */
    static List<double[]> integrated(FlowSystem system) {
        List<double[]> out = new ArrayList<>();
        GridRecorder recorder = new GridRecorder(TIMES, (t, z) -> out.add(z.clone()), 1e30);
        new FlatDormandPrince853(1.0e-12, 1.0e-14, 1.0e-13).integrate(system.ode(), system.initialState(),
                TIMES[TIMES.length - 1], recorder);
        return out;
    }

    /** The exact states at TIMES, through ExactIntegrator and the GridRecorder as a run gets them. */
    static List<double[]> exact(FlowSystem system) {
        List<double[]> out = new ArrayList<>();
        GridRecorder recorder = new GridRecorder(TIMES, (t, z) -> out.add(z.clone()), 1e30);
        new ExactIntegrator(system.linearFlow()).integrate(system.ode(), system.initialState(),
                TIMES[TIMES.length - 1], recorder);
        return out;
    }

    /** {@code exp(J t) z0}, J assembled from the (linear) right-hand side applied to unit vectors. */
    static double[] jacobianExponential(FlowSystem system, double t) {
        double[] z0 = system.initialState();
        int n = z0.length;
        RealMatrix j = MatrixUtils.createRealMatrix(n, n);
        for (int c = 0; c < n; c++) {
            double[] e = new double[n];
            e[c] = 1.0;
            j.setColumn(c, system.ode().computeDerivatives(0.0, e));
        }
        return MatrixUtils.matrixExponential(j.scalarMultiply(t)).operate(z0);
    }

    static double maxDifference(double[] a, double[] b) {
        double m = 0;
        for (int k = 0; k < a.length; k++) {
            m = Math.max(m, Math.abs(a[k] - b[k]));
        }
        return m;
    }

    static EmbeddingSystem embedding(int k, int n, double phi, int d, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        LabelStructure s = LabelStructure.generate(k, n, phi, Pairing.ADJACENT, List.of(),
                streams.stream(RandomStreams.Purpose.LABELS));
        return new EmbeddingSystem(s, d, false, false, new EmbeddingSystem.Parameters(0.7, 1.3, 1.0, 1.0, 1.0, 0.1),
                streams);
    }

    @ParameterizedTest
    @CsvSource({"2, 30, 0.2, 3, 1", "3, 41, 0.25, 4, 2", "4, 37, 0.0, 2, 3"})
    void embeddingPropagatorMatchesDop853AndGroupSolution(int k, int n, double phi, int d, long seed) {
        EmbeddingSystem system = embedding(k, n, phi, d, seed);
        List<double[]> ref = integrated(system);
        List<double[]> ex = exact(system);
        StateLayout layout = system.layout();
        GroupSolution closed = new GroupSolution(system.structure(), 0.7, 1.3, system.initialState(), d);
        LabelModes modes = system.linearFlow().labelModes(system.initialState());
        for (int s = 0; s < TIMES.length; s++) {
            double scale = maxDifference(ref.get(s), new double[ref.get(s).length]);
            assertTrue(maxDifference(ex.get(s), ref.get(s)) < 1e-8 * scale, "t = " + TIMES[s] + ": exact vs DOP853 "
                    + maxDifference(ex.get(s), ref.get(s)) + " of " + scale);
            assertTrue(maxDifference(ex.get(s), jacobianExponential(system, TIMES[s])) < 1e-11,
                    "t = " + TIMES[s] + ": exact vs exp(J t) z0");
            double[] y = java.util.Arrays.copyOfRange(ex.get(s), layout.y(0), layout.y(0) + k * d);
            assertTrue(maxDifference(y, closed.labels(TIMES[s])) < 1e-10, "labels vs GroupSolution");
            assertTrue(maxDifference(y, modes.labels(TIMES[s])) < 1e-10, "labels vs their mode sum");
            assertEquals(closed.loss(TIMES[s]), system.loss(ex.get(s)), 1e-10 * Math.max(1, closed.loss(TIMES[s])),
                    "loss vs GroupSolution");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "3, 30, 12, 0.2, duplicate, 2, 1.0, 0.5, 5",   // N > D: full row space, no frozen part
        "3, 20, 45, 0.15, flip, 3, 1.0, 0.5, 6",       // N < D: W components outside the row space frozen
        "2, 24, 24, 0.1, duplicate, 2, 0.0, 0.7, 7",   // kappa = 0
        "3, 30, 10, 0.1, flip, 2, 2.0, 0.0, 8"         // sigma = 0: rank-deficient inputs
    })
    void studentPropagatorMatchesDop853AndTheory(int k, int n, int dd, double phi, String mode, int d,
                                                 double kappa, double sigma, long seed) {
        TeacherStudentSystem system = TeacherStudentFlowTest.system(k, n, d, dd, phi, mode, false, false, kappa,
                sigma, seed);
        List<double[]> ref = integrated(system);
        List<double[]> ex = exact(system);
        StudentLinearTheory theory = new StudentLinearTheory(system.statistics(), 0.7, 1.3);
        LabelModes modes = system.linearFlow().labelModes(system.initialState());
        for (int s = 0; s < TIMES.length; s++) {
            double scale = maxDifference(ref.get(s), new double[ref.get(s).length]);
            assertTrue(maxDifference(ex.get(s), ref.get(s)) < 1e-8 * scale, "t = " + TIMES[s] + ": exact vs DOP853 "
                    + maxDifference(ex.get(s), ref.get(s)) + " of " + scale);
            assertTrue(maxDifference(ex.get(s), jacobianExponential(system, TIMES[s])) < 1e-11,
                    "t = " + TIMES[s] + ": exact vs exp(J t) z0");
            double[] y = java.util.Arrays.copyOfRange(ex.get(s), system.layout().y(0),
                    system.layout().y(0) + k * d);
            double[] yTheory = theory.labels(TIMES[s], system.initialState(), system.layout());
            assertTrue(maxDifference(y, yTheory) < 1e-10, "labels vs StudentLinearTheory " + maxDifference(y, yTheory));
            assertTrue(maxDifference(y, modes.labels(TIMES[s])) < 1e-10, "labels vs their mode sum");
        }
    }

    /**
     * The reduced state (group means, labels, one propagator per label-set size): its exact solution
     * against DOP853 on the reduced flow, and against the group statistics of the full exact state.
     */
    @ParameterizedTest
    @CsvSource({"3, 41, 0.25, 4, 2", "4, 37, 0.1, 2, 3"})
    void reducedPropagatorMatchesDop853AndTheFullOne(int k, int n, double phi, int d, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        LabelStructure s = LabelStructure.generate(k, n, phi, Pairing.ADJACENT, List.of(),
                streams.stream(RandomStreams.Purpose.LABELS));
        ReducedSystem reduced = ReducedSystem.reduced(s, d, false, false,
                new EmbeddingSystem.Parameters(0.7, 1.3, 1.0, 1.0, 1.0, 0.1), new RandomStreams(seed));
        EmbeddingSystem full = embedding(k, n, phi, d, seed);
        List<double[]> ref = integrated(reduced);
        List<double[]> ex = exact(reduced);
        List<double[]> fullExact = exact(full);
        for (int q = 0; q < TIMES.length; q++) {
            double scale = maxDifference(ref.get(q), new double[ref.get(q).length]);
            assertTrue(maxDifference(ex.get(q), ref.get(q)) < 1e-8 * scale, "t = " + TIMES[q] + ": exact vs DOP853 "
                    + maxDifference(ex.get(q), ref.get(q)));
            assertTrue(maxDifference(reduced.groupStatistics(ex.get(q)).means(),
                    full.groupStatistics(fullExact.get(q)).means()) < 1e-10, "group means vs the full exact state");
            assertTrue(maxDifference(reduced.groupStatistics(ex.get(q)).scatter(),
                    full.groupStatistics(fullExact.get(q)).scatter()) < 1e-10 * Math.max(1, scale),
                    "group scatters vs the full exact state");
        }
    }

    /** The exact method's work: no right-hand side, one decomposition (two with the row-space SVD). */
    @Test
    void exactIntegratorCountsItsWork() {
        EmbeddingSystem system = embedding(2, 30, 0.2, 3, 1);
        ExactIntegrator integrator = new ExactIntegrator(system.linearFlow());
        integrator.integrate(system.ode(), system.initialState(), 10.0,
                new GridRecorder(new double[] {1, 2, 10}, (t, z) -> { }, 1e30));
        assertEquals(0, system.evaluations());
        assertEquals(1, integrator.report().extra().get("decompositions"));
        assertEquals(system.structure().groups().size() + 2, integrator.report().extra().get("operator_dim"));
        assertEquals(3L, integrator.report().extra().get("exact_states"), "tEnd, then the grid times before it");
    }
}
