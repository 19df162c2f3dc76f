package org.repcollapse.dynamics;

import org.repcollapse.model.GroupStatistics;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The embedding-only model without a head (spec R1) solved exactly through the group reduction
 * (spec section 4): the group means and labels obey {@code d(m, Y)/dt = -R H (m, Y)} with
 * {@code H} the Laplacian of the group-label graph weighted by the group sizes
 * ({@code H_SS = n_S |S|}, {@code H_Sc = -n_S} for {@code c in S}, {@code H_cc = n_c}) and
 * {@code R = diag(eta_x / n_S, gamma / n_c)}; each sample's deviation from its group mean decays as
 * {@code exp(-eta_x |S| t)}. One (G+K)-dimensional eigendecomposition; O(N d + (G+K)^2 d) per state.
 */
public final class EmbeddingLinearFlow implements LinearFlow {

    private final LabelStructure structure;
    private final StateLayout layout;
    private final double etaX;
    private final SymmetrizableOperator operator;
    private final int groups;

    public EmbeddingLinearFlow(LabelStructure structure, int dim, double etaX, double gamma) {
        this.structure = structure;
        this.layout = new StateLayout(structure.samples(), structure.classes(), dim, false);
        this.etaX = etaX;
        this.groups = structure.groups().size();
        int k = structure.classes();
        int n = groups + k;
        double[] rates = new double[n];
        double[][] h = new double[n][n];
        for (int s = 0; s < groups; s++) {
            int[] set = structure.groups().get(s);
            int ns = structure.groupSize(s);
            rates[s] = etaX / ns;
            h[s][s] = (double) ns * set.length;
            for (int c : set) {
                h[s][groups + c] = -ns;
                h[groups + c][s] = -ns;
            }
        }
        for (int c = 0; c < k; c++) {
            int nc = structure.classDegree(c);
            h[groups + c][groups + c] = nc;
            rates[groups + c] = nc > 0 ? gamma / nc : 1.0; // a label without samples has a zero row of H: never moves
        }
        this.operator = new SymmetrizableOperator(rates, h);
    }

    /** The operator on group means and labels. */
    public SymmetrizableOperator operator() {
        return operator;
    }

    /** Group means (G rows) then labels (K rows), each of length d. */
    private double[] groupState(double[] z) {
        int d = layout.dim();
        double[] g = new double[(groups + structure.classes()) * d];
        for (int i = 0; i < structure.samples(); i++) {
            int s = structure.groupOf(i);
            double w = 1.0 / structure.groupSize(s);
            for (int a = 0; a < d; a++) {
                g[s * d + a] += w * z[layout.x(i) + a];
            }
        }
        System.arraycopy(z, layout.y(0), g, groups * d, structure.classes() * d);
        return g;
    }

    @Override
    public Solution solve(double[] z0) {
        int d = layout.dim();
        double[] start = groupState(z0);
        double[] c = operator.coordinates(start, d);
        double[] deviation = new double[structure.samples() * d];
        for (int i = 0; i < structure.samples(); i++) {
            int s = structure.groupOf(i);
            for (int a = 0; a < d; a++) {
                deviation[i * d + a] = z0[layout.x(i) + a] - start[s * d + a];
            }
        }
        double[] now = new double[start.length];
        double[] decay = new double[groups];
        return (t, out) -> {
            operator.state(t, c, d, now);
            for (int s = 0; s < groups; s++) {
                decay[s] = Math.exp(-etaX * structure.groups().get(s).length * t);
            }
            for (int i = 0; i < structure.samples(); i++) {
                int s = structure.groupOf(i);
                for (int a = 0; a < d; a++) {
                    out[layout.x(i) + a] = now[s * d + a] + decay[s] * deviation[i * d + a];
                }
            }
            System.arraycopy(now, groups * d, out, layout.y(0), structure.classes() * d);
        };
    }

    @Override
    public LabelModes labelModes(double[] z0) {
        int d = layout.dim();
        return LabelModes.of(operator, operator.coordinates(groupState(z0), d), groups, structure.classes(), d);
    }

    /**
     * The label modes from group statistics (means and labels), as any solver of the embedding model
     * carries them (full, reduced or mean-field): the labels depend on the samples only through the means.
     */
    public LabelModes labelModes(GroupStatistics start) {
        int d = layout.dim();
        double[] g = new double[(groups + structure.classes()) * d];
        System.arraycopy(start.means(), 0, g, 0, groups * d);
        System.arraycopy(start.labels(), 0, g, groups * d, structure.classes() * d);
        return LabelModes.of(operator, operator.coordinates(g, d), groups, structure.classes(), d);
    }

    @Override
    public int operatorSize() {
        return operator.size();
    }
}
