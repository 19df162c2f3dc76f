package org.repcollapse.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.repcollapse.model.ClassCoupling;
import org.repcollapse.model.LabelStructure;

/**
 * Closed-form predictions for the embedding-only model (R1-R4). The flow is
 * {@code dz/dt = -(H (x) I_d) z}, {@code H = diag(rate) * Laplacian} of the sample-label
 * graph. Its spectrum is exact and cheap through the group reduction: each group S of
 * {@code n_S} samples with the same label set gives {@code eta_x |S|} with multiplicity
 * {@code n_S - 1} (deviations from the group mean), and the group means with the labels obey
 * the {@code (G+K)}-dimensional system {@code dm_S/dt = -eta_x (|S| m_S - sum_{c in S} y_c)},
 * {@code dy_c/dt = (gamma/n_c)(sum_{S ni c} n_S m_S - n_c y_c)}, whose matrix is {@link #groupGenerator()}.
 *
 * <p>Zero modes: one per connected component (R1-R2). Slow modes: the next {@code K - C}
 * eigenvalues, which vanish with the frustration. For K = 2 with m consistent samples per
 * class and {@code N_f} frustrated ones, {@code r = N_f / (m + N_f)} and the rates are the
 * roots of {@code lambda^2 - (eta_x + gamma) lambda + eta_x gamma r = 0} (R3).
 */
public final class EmbeddingTheory {

    /** Relative size below which an eigenvalue of H counts as zero. */
    public static final double ZERO = 1.0e-10;

    private final LabelStructure structure;
    private final double etaX;
    private final double gamma;
    private final double[] groupSpectrum;
    private final double[] spectrum;

    public EmbeddingTheory(LabelStructure structure, double etaX, double gamma) {
        this.structure = structure;
        this.etaX = etaX;
        this.gamma = gamma;
        groupSpectrum = realSpectrum(groupGenerator());
        List<Double> all = new ArrayList<>();
        for (double v : groupSpectrum) {
            all.add(v);
        }
        for (int g = 0; g < structure.groups().size(); g++) {
            for (int k = 1; k < structure.groupSize(g); k++) {
                all.add(etaX * structure.groups().get(g).length);
            }
        }
        spectrum = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double[] realSpectrum(double[][] q) {
        Complex[] ev = new EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(q)).getEigenvalues();
        double[] re = new double[ev.length];
        for (int k = 0; k < ev.length; k++) {
            re[k] = ev[k].getReal();
        }
        Arrays.sort(re);
        return re;
    }

    /** The matrix Q of the group-level system {@code d(m, y)/dt = -Q (m, y)}: groups first, then labels. */
    public double[][] groupGenerator() {
        int g = structure.groups().size();
        int k = structure.classes();
        double[][] q = new double[g + k][g + k];
        for (int s = 0; s < g; s++) {
            int[] set = structure.groups().get(s);
            q[s][s] = etaX * set.length;
            for (int c : set) {
                q[s][g + c] = -etaX;
                q[g + c][s] -= gamma * structure.groupSize(s) / structure.classDegree(c);
            }
        }
        for (int c = 0; c < k; c++) {
            q[g + c][g + c] = gamma;
        }
        return q;
    }

    /** Eigenvalues of H, ascending (length N + K). */
    public double[] spectrum() {
        return spectrum.clone();
    }

    private double scale() {
        return spectrum[spectrum.length - 1];
    }

    /** Number of zero eigenvalues of H (= connected components). */
    public int zeroModes() {
        int n = 0;
        for (double v : spectrum) {
            if (Math.abs(v) <= ZERO * scale()) {
                n++;
            }
        }
        return n;
    }

    public int components() {
        return structure.frustrationGraph().componentCount();
    }

    /** The {@code K - C} slow rates, ascending (empty when every class is its own component). */
    public double[] slowRates() {
        int z = zeroModes();
        int s = structure.classes() - components();
        return Arrays.copyOfRange(spectrum, z, Math.min(spectrum.length, z + s));
    }

    /** The slowest non-zero rate, which governs the late decay of every label distance; 0 if none. */
    public double slowRate() {
        double[] s = slowRates();
        return s.length == 0 ? 0.0 : s[0];
    }

    /** The slowest of the fast rates: the first eigenvalue of H above the slow band. */
    public double fastRate() {
        int k = zeroModes() + structure.classes() - components();
        return k < spectrum.length ? spectrum[k] : Double.NaN;
    }

    /** Time for the separation to fall by {@code eps} on the slow scale, {@code ln(1/eps)/lambda_s}. */
    public double collapseTime(double eps) {
        double s = slowRate();
        return s > 0 ? Math.log(1 / eps) / s : Double.POSITIVE_INFINITY;
    }

    public double[] transitionSpectrum() {
        return new ClassCoupling(structure).eigenvalues();
    }

    /** The predicted label clusters at t -> infinity: the components of the frustration graph (R2). */
    public List<List<Integer>> predictedClusters() {
        return structure.frustrationGraph().components();
    }

    /**
     * The point each component contracts to (R1): the rate-weighted mean
     * {@code sum_v z_v / rate_v / sum_v 1/rate_v} over the component's samples and labels.
     *
     * @param z0 initial state in the EOM layout (samples, then labels); d its embedding dimension
     * @return C x d, row-major
     */
    public double[] clusterPositions(double[] z0, int d) {
        int c = components();
        double[] sum = new double[c * d];
        double[] weight = new double[c];
        int n = structure.samples();
        for (int i = 0; i < n; i++) {
            int comp = structure.frustrationGraph().componentOf(structure.labelSet(i)[0]);
            double w = 1 / etaX;
            weight[comp] += w;
            for (int k = 0; k < d; k++) {
                sum[comp * d + k] += w * z0[i * d + k];
            }
        }
        for (int cl = 0; cl < structure.classes(); cl++) {
            int comp = structure.frustrationGraph().componentOf(cl);
            double w = structure.classDegree(cl) / gamma;
            weight[comp] += w;
            for (int k = 0; k < d; k++) {
                sum[comp * d + k] += w * z0[(n + cl) * d + k];
            }
        }
        for (int comp = 0; comp < c; comp++) {
            for (int k = 0; k < d; k++) {
                sum[comp * d + k] /= weight[comp];
            }
        }
        return sum;
    }

    /** The R3 closed form, when K = 2 with the same number of consistent samples in each class. */
    public TwoClassRates twoClass() {
        if (structure.classes() != 2) {
            return null;
        }
        int m0 = 0;
        int m1 = 0;
        int nf = 0;
        for (int g = 0; g < structure.groups().size(); g++) {
            int[] s = structure.groups().get(g);
            if (s.length == 2) {
                nf += structure.groupSize(g);
            } else if (s[0] == 0) {
                m0 += structure.groupSize(g);
            } else {
                m1 += structure.groupSize(g);
            }
        }
        if (m0 != m1) {
            return null;
        }
        return TwoClassRates.of(m0, nf, etaX, gamma);
    }
}
