package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * Solves with {@code M = I - c J} for the embedding flows (spec sections 2-3), J the Jacobian with
 * the head frozen: {@code J_xx = -eta |S_i| B}, {@code J_xy = eta A} on each edge,
 * {@code J_yy = -g_c n_c B}, {@code J_yx = g_c A}, and the head's own block ({@link HeadSelfBlock}).
 * Without a head {@code B = A = I} and J is the exact Jacobian {@code -(H (x) I_d)} of R1; with a
 * head the head couplings are left out, which a W-method tolerates.
 *
 * <p>In the eigenbasis of B each sample row is diagonal, {@code 1 + c eta beta_a |S_i|}, so the
 * samples are eliminated in O(N d) (O(N d^2) with a head, for the rotation), leaving the K d
 * label system {@link LabelSchur}. No dense matrix of the state is formed.
 */
final class EmbeddingShiftedSystem extends LabelEliminationSystem {

    private final LabelStructure structure;
    private final StateLayout layout;
    private final double keep;
    private final FrozenHead head;
    private final HeadSelfBlock headBlock;
    private final LabelSchur schur;
    private final int n;
    /** {@code 1 / (1 + c eta beta_a m)} at {@code [(m - 1) d + a]}, m = |S_i|. */
    private final double[] inverseDiagonal;
    private final int maxLabels;
    private final double[] rotated;
    private final double[] labels;
    private final double[] pull;

    /**
     * @param keep 1 - s of the predictor loss (ignored without a head)
     */
    EmbeddingShiftedSystem(StateLayout layout, LabelStructure structure, BlockRates rates, double keep) {
        super(layout.classes(), layout.dim(), rates, structure::classDegree);
        this.structure = structure;
        this.layout = layout;
        this.n = layout.samples();
        this.keep = keep;
        this.head = layout.hasHead() ? FrozenHead.forHead(d) : FrozenHead.identity(d);
        this.headBlock = layout.hasHead() ? new HeadSelfBlock(d, rates.headRate()) : null;
        this.schur = new LabelSchur(k, d);
        int m = 1;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, structure.labelCount(i));
        }
        this.maxLabels = m;
        this.inverseDiagonal = new double[m * d];
        this.rotated = layout.hasHead() ? new double[n * d] : null;
        this.labels = new double[k * d];
        this.pull = new double[k * d];
    }

    @Override
    public boolean exact() {
        return !layout.hasHead();
    }

    @Override
    public void linearise(double t, double[] z) {
        if (!layout.hasHead()) {
            return;
        }
        head.freeze(z, layout.p(), keep);
        double[] m = headBlock.moment;
        java.util.Arrays.fill(m, 0.0);
        for (int i = 0; i < n; i++) {
            addOuter(m, z, layout.x(i), structure.labelCount(i));
        }
        for (int cc = 0; cc < k; cc++) {
            addOuter(m, z, layout.y(cc), degree[cc]);
        }
    }

    private void addOuter(double[] m, double[] z, int o, double w) {
        for (int a = 0; a < d; a++) {
            double wa = w * z[o + a];
            for (int b = 0; b < d; b++) {
                m[a * d + b] += wa * z[o + b];
            }
        }
    }

    @Override
    public void factor(double c) {
        this.c = c;
        for (int mm = 1; mm <= maxLabels; mm++) {
            for (int a = 0; a < d; a++) {
                inverseDiagonal[(mm - 1) * d + a] = 1.0 / (1.0 + c * eta * head.beta[a] * mm);
            }
        }
        double[] s = schur.s;
        java.util.Arrays.fill(s, 0.0);
        for (int i = 0; i < n; i++) {
            int from = structure.labelStart(i);
            int to = structure.labelStart(i + 1);
            int row = (to - from - 1) * d;
            for (int e = 0; e < d; e++) {
                double w = inverseDiagonal[row + e];
                for (int p = from; p < to; p++) {
                    int c1 = structure.edgeClass(p);
                    for (int q = from; q < to; q++) {
                        s[(e * k + c1) * k + structure.edgeClass(q)] += w;
                    }
                }
            }
        }
        schur.factor(c, eta, labelRate, degree, head);
        if (headBlock != null) {
            headBlock.factor(c);
        }
    }

    @Override
    public void solve(double[] v) {
        double[] xs = v;
        int x0 = layout.x(0);
        if (rotated != null) {
            for (int i = 0; i < n; i++) {
                head.toEigenbasis(v, layout.x(i), rotated, i * d);
            }
            xs = rotated;
            x0 = 0;
        }
        // b_ca = yhat_ca + c g_c sum_e Ahat_ae t_ce, t_ce = sum_{i : c in S_i} xhat_ie / den_e(|S_i|)
        // (edges are stored sample by sample, so this is the order i, then c in S_i)
        java.util.Arrays.fill(pull, 0.0);
        for (int p = 0; p < structure.edgeCount(); p++) {
            int i = structure.edgeSample(p);
            int row = (structure.labelCount(i) - 1) * d;
            int xi = x0 + i * d;
            int t = structure.edgeClass(p) * d;
            for (int e = 0; e < d; e++) {
                pull[t + e] += xs[xi + e] * inverseDiagonal[row + e];
            }
        }
        double[] ah = head.aHat;
        for (int cc = 0; cc < k; cc++) {
            head.toEigenbasis(v, layout.y(cc), labels, cc * d);
            double w = c * labelRate[cc];
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int e = 0; e < d; e++) {
                    s += ah[a * d + e] * pull[cc * d + e];
                }
                labels[cc * d + a] += w * s;
            }
        }
        schur.solve(labels);
        // pull_c = c eta Ahat yhat_c; xhat_i = (rhat_i + sum_{c in S_i} pull_c) / den(|S_i|)
        for (int cc = 0; cc < k; cc++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += ah[a * d + b] * labels[cc * d + b];
                }
                pull[cc * d + a] = c * eta * s;
            }
        }
        for (int i = 0; i < n; i++) {
            int from = structure.labelStart(i);
            int to = structure.labelStart(i + 1);
            int row = (to - from - 1) * d;
            int xi = x0 + i * d;
            for (int p = from; p < to; p++) {
                int t = structure.edgeClass(p) * d;
                for (int e = 0; e < d; e++) {
                    xs[xi + e] += pull[t + e];
                }
            }
            for (int e = 0; e < d; e++) {
                xs[xi + e] *= inverseDiagonal[row + e];
            }
        }
        if (rotated != null) {
            for (int i = 0; i < n; i++) {
                head.fromEigenbasis(rotated, i * d, v, layout.x(i));
            }
        }
        for (int cc = 0; cc < k; cc++) {
            head.fromEigenbasis(labels, cc * d, v, layout.y(cc));
        }
        if (headBlock != null) {
            headBlock.solve(v, layout.p());
        }
    }
}
