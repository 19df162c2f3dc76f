package org.repcollapse.fixedpoint;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;

/**
 * The split of the state space that the exact group reduction (spec section 4) gives the Jacobian
 * of an embedding flow. Write a sample perturbation as {@code dx_i = dm_S + delta_i} with
 * {@code sum_{i in S} delta_i = 0}. The labels see only {@code dm_S}, the head only
 * {@code sum_i delta_i dev_i^T} ({@code dev_i = x_i - m_S}); so for the deviations orthogonal, in
 * sample space, to the columns of {@code D_S = [dev_i]},
 * {@code d delta_i/dt = -eta_x |S| B delta_i} exactly: eigenvalues {@code -eta_x |S| beta_k(B)},
 * {@code n_S - 1 - r_S} times each, in closed form. Everything else lives in the coupled subspace
 * spanned orthonormally by the group means, the r_S columns of D_S, the labels and the head, of
 * dimension {@code (G + K + sum r_S) d + d^2}; {@link #expand} and {@link #project} map it.
 */
public final class GroupSplit {

    private final StateLayout layout;
    private final int d;
    private final List<int[]> members;
    /** Per group: orthonormal sample-space basis of col(D_S), {@code n_S x r_S} row-major. */
    private final List<double[]> devBasis;
    private final int[] devRank;
    private final int[] labelCount;
    private final int devStart;
    private final int labelStart;
    private final int size;

    /**
     * @param devTolerance singular values of D_S below this (absolute) are treated as zero deviation
     */
    public GroupSplit(LabelStructure s, StateLayout layout, double[] z, double devTolerance) {
        this.layout = layout;
        this.d = layout.dim();
        int g = s.groups().size();
        List<List<Integer>> m = new ArrayList<>();
        for (int k = 0; k < g; k++) {
            m.add(new ArrayList<>());
        }
        for (int i = 0; i < s.samples(); i++) {
            m.get(s.groupOf(i)).add(i);
        }
        members = new ArrayList<>();
        devBasis = new ArrayList<>();
        devRank = new int[g];
        labelCount = new int[g];
        int devs = 0;
        for (int k = 0; k < g; k++) {
            int[] idx = m.get(k).stream().mapToInt(Integer::intValue).toArray();
            members.add(idx);
            labelCount[k] = s.labelCount(idx[0]);
            double[] basis = deviationBasis(z, idx, devTolerance);
            devRank[k] = basis.length / idx.length;
            devBasis.add(basis);
            devs += devRank[k];
        }
        devStart = g * d;
        labelStart = devStart + devs * d;
        size = labelStart + layout.classes() * d + (layout.hasHead() ? d * d : 0);
    }

    private double[] deviationBasis(double[] z, int[] idx, double tol) {
        int n = idx.length;
        if (n < 2) {
            return new double[0];
        }
        double[] mean = new double[d];
        for (int i : idx) {
            for (int a = 0; a < d; a++) {
                mean[a] += z[layout.x(i) + a] / n;
            }
        }
        double[][] dev = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int a = 0; a < d; a++) {
                dev[r][a] = z[layout.x(idx[r]) + a] - mean[a];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(dev));
        double[] sv = svd.getSingularValues();
        int r = 0;
        while (r < sv.length && sv[r] > tol) {
            r++;
        }
        double[] basis = new double[n * r];
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < r; j++) {
                basis[row * r + j] = svd.getU().getEntry(row, j);
            }
        }
        return basis;
    }

    /** Dimension of the coupled subspace. */
    public int size() {
        return size;
    }

    public int dim() {
        return d;
    }

    public int groups() {
        return members.size();
    }

    /** r_S: the rank of the group's deviations kept in the coupled subspace. */
    public int deviationRank(int group) {
        return devRank[group];
    }

    public int labelStart() {
        return labelStart;
    }

    /** {@code out = Q u}: the state-space vector of coupled coordinates u. */
    public void expand(double[] u, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        int dev = devStart;
        for (int g = 0; g < members.size(); g++) {
            int[] idx = members.get(g);
            double w = 1.0 / Math.sqrt(idx.length);
            int r = devRank[g];
            double[] basis = devBasis.get(g);
            for (int row = 0; row < idx.length; row++) {
                int x = layout.x(idx[row]);
                for (int a = 0; a < d; a++) {
                    double v = w * u[g * d + a];
                    for (int j = 0; j < r; j++) {
                        v += basis[row * r + j] * u[dev + j * d + a];
                    }
                    out[x + a] = v;
                }
            }
            dev += r * d;
        }
        System.arraycopy(u, labelStart, out, layout.y(0), size - labelStart);
    }

    /** {@code u = Q^T w}: the coupled coordinates of a state-space vector (its orthogonal projection). */
    public void project(double[] w, double[] u) {
        java.util.Arrays.fill(u, 0.0);
        int dev = devStart;
        for (int g = 0; g < members.size(); g++) {
            int[] idx = members.get(g);
            double s = 1.0 / Math.sqrt(idx.length);
            int r = devRank[g];
            double[] basis = devBasis.get(g);
            for (int row = 0; row < idx.length; row++) {
                int x = layout.x(idx[row]);
                for (int a = 0; a < d; a++) {
                    double v = w[x + a];
                    u[g * d + a] += s * v;
                    for (int j = 0; j < r; j++) {
                        u[dev + j * d + a] += basis[row * r + j] * v;
                    }
                }
            }
            dev += r * d;
        }
        System.arraycopy(w, layout.y(0), u, labelStart, size - labelStart);
    }

    /**
     * The closed-form eigenvalues outside the coupled subspace: {@code -eta_x |S| beta_k}, each
     * {@code n_S - 1 - r_S} times, {@code beta_k} the eigenvalues of {@code B = P^T P + keep I} at z
     * (B = I without a head). Returned as pairs {@code [value, multiplicity]}.
     */
    public List<double[]> outsideEigenvalues(double[] z, double etaX, double keep) {
        double[] beta = new double[d];
        if (layout.hasHead()) {
            double[][] b = SmallMatrices.headGram(z, layout.p(), d, keep);
            beta = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(b)).getEigenvalues();
        } else {
            java.util.Arrays.fill(beta, 1.0);
        }
        List<double[]> out = new ArrayList<>();
        for (int g = 0; g < members.size(); g++) {
            int mult = members.get(g).length - 1 - devRank[g];
            if (mult <= 0) {
                continue;
            }
            for (double bk : beta) {
                out.add(new double[] {-etaX * labelCount[g] * bk, mult});
            }
        }
        return out;
    }
}
