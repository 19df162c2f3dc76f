package org.repcollapse.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * The structured solves against an independent route: {@code M w = v} with {@code M = I - c J~},
 * J~ the Jacobian with the head couplings left out, applied by differences of the flow itself.
 * Given the head, the sample/encoder and label rows of the flow are linear in (samples, labels),
 * and the head rows are linear in P, so {@code f(z + u) - f(z)} is J~u exactly up to rounding (u
 * supported on one side). Without a head J~ is the whole Jacobian, so {@link ShiftedSystem#exact}
 * must say so. Tolerance 1e-9 relative: rounding of the differences (|f| eps / |u|) amplified by
 * the condition number of M (below 1e4 for these c).
 */
class ShiftedSystemTest {

    @ParameterizedTest(name = "embedding K={0} N={1} d={2} head={3} sg={4} c={5}")
    @CsvSource({
        "2, 40, 3, false, false, 0.37",
        "4, 60, 5, false, false, 80.0",
        "3, 45, 4, true, true, 0.37",
        "3, 45, 4, true, false, 25.0",
        "4, 80, 6, true, true, 300.0",
    })
    void embeddingSolveInvertsShiftedJacobian(int k, int n, int d, boolean head, boolean sg, double c) {
        LabelStructure s = LabelStructure.generate(k, n, 0.3, Pairing.RANDOM, List.of(),
                new RandomStreams(5).stream(RandomStreams.Purpose.LABELS));
        EmbeddingSystem sys = new EmbeddingSystem(s, d, head, sg,
                new EmbeddingSystem.Parameters(0.8, 1.7, 0.6, 1.0, 1.0, 0.3), new RandomStreams(11));
        int headStart = head ? sys.layout().p() : sys.layout().dimension();
        check(sys.flow(), sys.initialState(), headStart, c, head);
    }

    @ParameterizedTest(name = "teacher-student K={0} N={1} D={2} head={3} sg={4} c={5}")
    @CsvSource({
        "3, 30, 50, false, false, 0.5",
        "3, 90, 20, false, false, 40.0",
    })
    void studentSolveInvertsShiftedJacobian(int k, int n, int inputDim, boolean head, boolean sg, double c) {
        TeacherStudentSystem ts = TeacherStudentFlowTest.system(k, n, 4, inputDim, 0.2, "duplicate", head, sg,
                2.0, 0.5, 3);
        int headStart = head ? ts.layout().p() : ts.layout().dimension();
        check(ts.flow(), ts.initialState(), headStart, c, head);
    }

    /**
     * With a head the teacher-student solve uses the exact Jacobian: checked against J u assembled from
     * differences that are exact for this flow: the encoder/label rows are linear in (W, y) and
     * quadratic in P, the head rows quadratic in (W, y) and linear in P, so one-sided differences on
     * the linear side and central ones on the quadratic side carry no truncation error.
     */
    @ParameterizedTest(name = "teacher-student head K={0} N={1} D={2} sg={3} c={4}")
    @CsvSource({
        "3, 30, 50, true, 0.5",
        "3, 30, 50, true, 60.0",
        "2, 50, 25, false, 30.0",
        "3, 90, 20, true, 8.0",
    })
    void studentHeadSolveInvertsTheExactShiftedJacobian(int k, int n, int inputDim, boolean sg, double c) {
        TeacherStudentSystem ts = TeacherStudentFlowTest.system(k, n, 4, inputDim, 0.2, "duplicate", true, sg,
                2.0, 0.5, 3);
        GradientFlow flow = ts.flow();
        double[] z = ts.initialState();
        int hs = ts.layout().p();
        ShiftedSystem m = flow.shiftedSystem();
        assertTrue(m.exact());
        m.linearise(0.0, z);
        m.factor(c);
        UniformRandomProvider rng = new RandomStreams(17).stream(RandomStreams.Purpose.LABELS);
        double[] v = new double[z.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() - 0.5;
        }
        double[] w = v.clone();
        m.solve(w);
        double[] f0 = flow.derivative(z);
        double[] fsp = flow.derivative(shifted(z, w, 0, hs, 1.0));
        double[] fsm = flow.derivative(shifted(z, w, 0, hs, -1.0));
        double[] fpp = flow.derivative(shifted(z, w, hs, z.length, 1.0));
        double[] fpm = flow.derivative(shifted(z, w, hs, z.length, -1.0));
        double err = 0;
        for (int i = 0; i < z.length; i++) {
            double jw = i < hs ? (fsp[i] - f0[i]) + 0.5 * (fpp[i] - fpm[i])
                    : 0.5 * (fsp[i] - fsm[i]) + (fpp[i] - f0[i]);
            err = Math.max(err, Math.abs(w[i] - c * jw - v[i]));
        }
        assertTrue(err <= 1e-9, "|M M^-1 v - v| = " + err);
    }

    private static double[] shifted(double[] z, double[] u, int from, int to, double sign) {
        double[] out = z.clone();
        for (int i = from; i < to; i++) {
            out[i] += sign * u[i];
        }
        return out;
    }

    private static void check(GradientFlow flow, double[] z, int headStart, double c, boolean head) {
        ShiftedSystem m = flow.shiftedSystem();
        assertEquals(!head, m.exact(), "exact Jacobian exactly when there is no head");
        m.linearise(0.0, z);
        m.factor(c);
        UniformRandomProvider rng = new RandomStreams(99).stream(RandomStreams.Purpose.LABELS);
        int dim = z.length;
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = rng.nextDouble() - 0.5;
        }
        double[] w = v.clone();
        m.solve(w);
        double[] mw = w.clone();
        double[] jw = frozenHeadJacobianTimes(flow, z, w, headStart);
        double err = 0;
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            mw[i] -= c * jw[i];
            err = Math.max(err, Math.abs(mw[i] - v[i]));
            norm = Math.max(norm, Math.abs(v[i]));
        }
        assertTrue(err <= 1e-9 * norm, "|M M^-1 v - v| = " + err);
    }

    /** J~ u: the flow's differences on each side, the cross couplings left out. */
    static double[] frozenHeadJacobianTimes(GradientFlow flow, double[] z, double[] u, int headStart) {
        double[] f0 = flow.derivative(z);
        double[] zs = z.clone();
        for (int i = 0; i < headStart; i++) {
            zs[i] += u[i];
        }
        double[] fs = flow.derivative(zs);
        double[] zh = z.clone();
        for (int i = headStart; i < z.length; i++) {
            zh[i] += u[i];
        }
        double[] fh = flow.derivative(zh);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = i < headStart ? fs[i] - f0[i] : fh[i] - f0[i];
        }
        return out;
    }
}
