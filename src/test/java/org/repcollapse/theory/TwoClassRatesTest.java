package org.repcollapse.theory;

import org.repcollapse.experiment.EmbeddingModel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcollapse.Experiments;
import org.repcollapse.analysis.RateFit;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;
import org.repcollapse.experiment.Systems;
import org.repcollapse.model.LabelStructure;

/**
 * R3: K = 2, balanced, r = N_f / (m + N_f). The class-difference mode decays with the roots of
 * {@code lambda^2 - (eta_x + gamma) lambda + eta_x gamma r = 0}; the separation decays as
 * {@code exp(-lambda_s t)} at late times.
 */
class TwoClassRatesTest {

    @Test
    void specCheckValues() {
        // spec: N = 200, phi = 0.1, gamma = 1 gives r = 2/11 and lambda_s = 0.0955 (4 digits)
        TwoClassRates t = TwoClassRates.of(90, 20, 1.0, 1.0);
        assertEquals(2.0 / 11.0, t.r(), 1e-15);
        assertEquals(TwoClassRates.rOf(0.1), t.r(), 1e-15);
        assertEquals(0.0955, t.slow(), 5e-5);
        // sqrt(1 - r) = 0.9045 (R5 check value), 4 digits
        assertEquals(0.9045, t.headSeparationEigenvalue(), 5e-5);
        // by hand: gamma = eta = 1, r = 2/11: lambda = 1 -+ sqrt(1 - r) = 1 -+ sqrt(9/11) = 1 -+ 3/sqrt(11)
        assertEquals(1.0 - 3.0 / Math.sqrt(11.0), t.slow(), 1e-15);
        assertEquals(1.0 + 3.0 / Math.sqrt(11.0), t.fast(), 1e-15);
        assertEquals(3.0 / Math.sqrt(11.0), t.headSeparationEigenvalue(), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 1.0, 1.0", "0.05, 0.5, 1.0", "0.2, 2.0, 1.0", "0.1, 1.0, 2.5"})
    void closedFormRatesAreEigenvaluesOfTheExactSpectrum(double phi, double gamma, double eta) {
        Experiment e = Experiments.of("samples: 200", "frustration.fraction=" + phi,
                "rates.labels=" + gamma, "rates.samples=" + eta);
        LabelStructure s = Systems.structure(e);
        TwoClassRates two = new EmbeddingTheory(s, eta, gamma).twoClass();
        assertEquals(TwoClassRates.rOf(phi), two.r(), 1e-12, "r = 2 phi / (1 + phi)");
        // the 2x2 (u, q) matrix of the spec, solved by a general eigensolver (independent route)
        double[][] m = {{eta, -eta}, {-gamma * (1 - two.r()), gamma}};
        double[] ev = {
            new EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues()[0].getReal(),
            new EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues()[1].getReal(),
        };
        java.util.Arrays.sort(ev);
        assertEquals(ev[0], two.slow(), 1e-12);
        assertEquals(ev[1], two.fast(), 1e-12);
        // and the slow rate is the slowest non-zero eigenvalue of the full H (group reduction)
        EmbeddingTheory th = new EmbeddingTheory(s, eta, gamma);
        assertEquals(two.slow(), th.slowRate(), 1e-10);
        boolean found = false;
        for (double v : th.spectrum()) {
            found |= Math.abs(v - two.fast()) < 1e-10;
        }
        assertEquals(true, found, "lambda_f is in the spectrum of H");
    }

    @ParameterizedTest
    @CsvSource({"0.1, 1.0", "0.05, 0.5", "0.2, 2.0", "0.3, 1.0"})
    void fittedLateDecayRateMatchesLambdaSlowWithinOnePercent(double phi, double gamma) {
        Experiment probe = Experiments.of("samples: 200", "frustration.fraction=" + phi, "rates.labels=" + gamma);
        TwoClassRates two = new EmbeddingTheory(Systems.structure(probe), 1.0, gamma).twoClass();
        // integrate for 25 slow time scales: the fit window [t_b/2, t_b] then lies well past
        // the fast transient (rate >= 1) and above the 1e-6 floor
        double tEnd = 25 / two.slow();
        Experiment e = Experiments.of("samples: 200\ndim: 4", "frustration.fraction=" + phi, "rates.labels=" + gamma,
                "integrator.tEnd=" + tEnd, "record.points=300");
        RunResult r = ExperimentRunner.run(e);
        double fitted = RateFit.slowRate(r.trajectory());
        // the acceptance bound: 1 %
        assertEquals(two.slow(), fitted, 0.01 * two.slow(), "phi " + phi + ", gamma " + gamma);
    }

    @Test
    void classDifferenceModeFollowsTheTwoByTwoSolution() {
        Experiment e = Experiments.of("samples: 60\ndim: 3\nfrustration: {fraction: 0.2}",
                "integrator.tEnd=8", "integrator.rtol=1e-11", "integrator.atol=1e-12");
        FlowSystem sys = Systems.build(e);
        LabelStructure s = sys.structure();
        double gamma = 1.0;
        double r = new EmbeddingTheory(s, 1, gamma).twoClass().r();
        double[] z0 = sys.initialState();
        double[] u0 = classDifference(s, z0, 3);
        RunResult run = ExperimentRunner.run(e, new EmbeddingModel(e, sys));
        double[] u1 = classDifference(s, run.finalState(), 3);
        // closed form of d(u,q)/dt = M (u,q), M = [[-1, 1], [gamma (1-r), -gamma]], at t = 8
        double[][] m = {{-1, 1}, {gamma * (1 - r), -gamma}};
        double[][] expm = expm2(m, 8.0);
        for (int k = 0; k < 3; k++) {
            double u = expm[0][0] * u0[k] + expm[0][1] * u0[3 + k];
            double q = expm[1][0] * u0[k] + expm[1][1] * u0[3 + k];
            // integration at rtol 1e-11 on O(1) values: 1e-8 absolute
            assertEquals(u, u1[k], 1e-8);
            assertEquals(q, u1[3 + k], 1e-8);
        }
    }

    /** (u, q): mean consistent x_0 - mean consistent x_1, and y_0 - y_1. */
    private static double[] classDifference(LabelStructure s, double[] z, int d) {
        double[] out = new double[2 * d];
        int[] count = new int[2];
        double[][] mean = new double[2][d];
        for (int i = 0; i < s.samples(); i++) {
            if (!s.isFrustrated(i)) {
                int c = s.labelSet(i)[0];
                count[c]++;
                for (int k = 0; k < d; k++) {
                    mean[c][k] += z[i * d + k];
                }
            }
        }
        for (int k = 0; k < d; k++) {
            out[k] = mean[0][k] / count[0] - mean[1][k] / count[1];
            out[d + k] = z[(s.samples()) * d + k] - z[(s.samples() + 1) * d + k];
        }
        return out;
    }

    /** exp(M t) of a 2x2 matrix with real distinct eigenvalues, by its spectral projectors. */
    private static double[][] expm2(double[][] m, double t) {
        double tr = m[0][0] + m[1][1];
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        double disc = Math.sqrt(tr * tr / 4 - det);
        double l1 = tr / 2 + disc;
        double l2 = tr / 2 - disc;
        double[][] out = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double id = a == b ? 1 : 0;
                // Sylvester: e^{Mt} = e^{l1 t}(M - l2 I)/(l1 - l2) + e^{l2 t}(M - l1 I)/(l2 - l1)
                out[a][b] = Math.exp(l1 * t) * (m[a][b] - l2 * id) / (l1 - l2)
                        + Math.exp(l2 * t) * (m[a][b] - l1 * id) / (l2 - l1);
            }
        }
        return out;
    }
}
