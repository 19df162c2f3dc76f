package org.repcollapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/**
 * The health metrics of a run against their published definitions, computed here independently:
 * alignment and uniformity (Wang and Isola 2020) on unit-normalised embeddings, and the effective
 * rank (Roy and Vetterli 2007) from the singular values of the centred sample matrix by an SVD
 * (the solver uses the eigenvalues of the covariance: a different algorithm). Also hand-computed
 * values on configurations whose answer is known exactly.
 */
class HealthMetricsTest {

    private static Embeddings embeddings(int n, int k, int d, double[] x, double[] y) {
        return new Embeddings(n, k, d, x, 0, y, 0, null, 0);
    }

    private static double[] unit(double[] v, int off, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            s += v[off + a] * v[off + a];
        }
        double[] u = new double[d];
        for (int a = 0; a < d; a++) {
            u[a] = v[off + a] / Math.sqrt(s);
        }
        return u;
    }

    private static double dist2(double[] u, double[] v) {
        double s = 0;
        for (int a = 0; a < u.length; a++) {
            s += (u[a] - v[a]) * (u[a] - v[a]);
        }
        return s;
    }

    /** Random embeddings, N <= 256 so uniformity uses every pair. Tolerance 1e-12: rounding only. */
    @Test
    void alignmentUniformityAndEffectiveRankFollowTheirDefinitions() {
        int n = 90;
        int k = 3;
        int d = 5;
        LabelStructure s = LabelStructure.generate(k, n, 0.2, Pairing.ADJACENT, List.of(),
                new RandomStreams(1).stream(RandomStreams.Purpose.LABELS));
        UniformRandomProvider rng = new RandomStreams(2).stream(RandomStreams.Purpose.SAMPLES);
        double[] x = new double[n * d];
        double[] y = new double[k * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 2 - 1 + (i % d == 0 ? 0.7 : 0.0);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextDouble() * 2 - 1;
        }
        double[] row = new Metrics(s, d).evaluate(0.0, 0.0, embeddings(n, k, d, x, y));

        double align = 0;
        for (int i = 0; i < n; i++) {
            for (int c : s.labelSet(i)) {
                align += dist2(unit(x, i * d, d), unit(y, c * d, d));
            }
        }
        align /= s.edgeCount();
        assertEquals(align, row[Metrics.ALIGNMENT], 1e-12 * align, "alignment: mean over edges of |x^ - y^|^2");

        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += Math.exp(-2 * dist2(unit(x, i * d, d), unit(x, j * d, d)));
                pairs++;
            }
        }
        double uniform = Math.log(sum / pairs);
        assertEquals(uniform, row[Metrics.UNIFORMITY], 1e-12 * Math.abs(uniform), "uniformity: log E exp(-2|.|^2)");

        double[][] centred = new double[n][d];
        for (int a = 0; a < d; a++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * d + a] / n;
            }
            for (int i = 0; i < n; i++) {
                centred[i][a] = x[i * d + a] - mean;
            }
        }
        double[] sv = new SingularValueDecomposition(MatrixUtils.createRealMatrix(centred)).getSingularValues();
        double total = 0;
        for (double v : sv) {
            total += v;
        }
        double h = 0;
        for (double v : sv) {
            double q = v / total;
            h -= q > 0 ? q * Math.log(q) : 0.0;
        }
        // eigenvalues of the covariance vs singular values: sqrt(lambda) loses half the digits near 0,
        // still 1e-10 relative here (no tiny singular value)
        assertEquals(Math.exp(h), row[Metrics.EFFECTIVE_RANK], 1e-10, "effective rank: exp H(sigma / sum sigma)");
    }

    /** Hand computations: antipodal pairs, exact alignment, and an isotropic cross. */
    @Test
    void handComputedValues() {
        int d = 3;
        // six samples at +-e_a (each of norm 2), two classes; labels on the samples' own directions.
        double[] x = {2, 0, 0, -2, 0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 2, 0, 0, -2};
        int[][] sets = {{0}, {1}, {0}, {1}, {0}, {1}};
        LabelStructure s = LabelStructure.of(2, sets);
        double[] y = {5, 0, 0, -1, 0, 0};
        double[] row = new Metrics(s, d).evaluate(0.0, 0.0, embeddings(6, 2, d, x, y));
        // edges: x0 -> y0 aligned (0); x1 -> y1 aligned (0); x2 = e2 -> y0 = e1 (|e2-e1|^2 = 2);
        // x3 = -e2 -> y1 = -e1 (2); x4 = e3 -> e1 (2); x5 = -e3 -> -e1 (2): mean 8/6.
        assertEquals(8.0 / 6.0, row[Metrics.ALIGNMENT], 1e-15);
        // 15 pairs of unit vectors: 3 antipodal (|.|^2 = 4), 12 orthogonal (|.|^2 = 2).
        assertEquals(Math.log((3 * Math.exp(-8) + 12 * Math.exp(-4)) / 15), row[Metrics.UNIFORMITY], 1e-14);
        // centred already (mean 0); X^T X = 8 I: three equal singular values, effective rank exactly 3.
        assertEquals(3.0, row[Metrics.EFFECTIVE_RANK], 1e-12);
        // per-dimension variance: 8/6 on each axis
        assertEquals(8.0 / 6.0, row[Metrics.DIM_VARIANCE_MIN], 1e-15);
        assertEquals(8.0 / 6.0, row[Metrics.DIM_VARIANCE_MEAN], 1e-15);
    }

    /** Samples on a line: one non-zero singular value, effective rank exactly 1. */
    @Test
    void collinearSamplesHaveEffectiveRankOne() {
        int d = 4;
        int n = 7;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = (i - 2.5) * (a + 1);
            }
        }
        int[][] sets = new int[n][];
        for (int i = 0; i < n; i++) {
            sets[i] = new int[] {i % 2};
        }
        double[] y = {1, 0, 0, 0, 0, 1, 0, 0};
        double[] row = new Metrics(LabelStructure.of(2, sets), d).evaluate(0.0, 0.0, embeddings(n, 2, d, x, y));
        assertEquals(1.0, row[Metrics.EFFECTIVE_RANK], 1e-6, "rank-one covariance (sqrt of rounding-level eigenvalues)");
    }

    /**
     * A known unequal spectrum: samples at {@code +-a e_1, +-b e_2} (centred), so the singular values of
     * X are {@code sqrt(2) a, sqrt(2) b, 0}; Roy and Vetterli's effective rank is
     * {@code exp(-p ln p - q ln q)}, {@code p = a/(a+b)}, {@code q = b/(a+b)}: for a = 3, b = 1,
     * {@code exp(-(3/4) ln(3/4) - (1/4) ln(1/4)) = 1.7548...}. Tolerance 1e-7: the zero singular
     * value is the square root of a rounding-level covariance eigenvalue.
     */
    @Test
    void effectiveRankOfAKnownSpectrum() {
        int d = 3;
        double a = 3;
        double b = 1;
        double[] x = {a, 0, 0, -a, 0, 0, 0, b, 0, 0, -b, 0};
        int[][] sets = {{0}, {1}, {0}, {1}};
        double[] y = {1, 0, 0, 0, 1, 0};
        double[] row = new Metrics(LabelStructure.of(2, sets), d).evaluate(0.0, 0.0, embeddings(4, 2, d, x, y));
        double p = a / (a + b);
        double q = b / (a + b);
        assertEquals(Math.exp(-p * Math.log(p) - q * Math.log(q)), row[Metrics.EFFECTIVE_RANK], 1e-7);
        assertEquals(1.7547654, row[Metrics.EFFECTIVE_RANK], 1e-7, "exp(-(3/4) ln(3/4) - (1/4) ln(1/4))");
        // covariance eigenvalues X^T X / N = 2 a^2 / 4, 2 b^2 / 4, 0
        assertEquals(2 * a * a / 4, row[Metrics.COV_EIG_1], 1e-14);
        assertEquals(2 * b * b / 4, row[Metrics.COV_EIG_1 + 1], 1e-14);
    }
}
