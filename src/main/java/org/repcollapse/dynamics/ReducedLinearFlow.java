package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;

/**
 * The reduced (or mean-field) embedding model without a head (spec section 4, {@code B = I})
 * solved exactly: group means and labels by the group operator of {@link EmbeddingLinearFlow},
 * {@code (m, Y)(t) = exp(-R H t) (m, Y)(0)}, and each propagator {@code Phi_l(t) = exp(-eta_x l t) Phi_l(0)}.
 * The reduced state starts with exactly the (m, Y) block that operator acts on.
 */
public final class ReducedLinearFlow implements LinearFlow {

    private final ReducedLayout layout;
    private final EmbeddingLinearFlow groups;
    private final double etaX;

    public ReducedLinearFlow(LabelStructure structure, ReducedLayout layout, double etaX, double gamma) {
        if (layout.hasHead()) {
            throw new IllegalArgumentException("a head makes the reduced flow nonlinear");
        }
        this.layout = layout;
        this.groups = new EmbeddingLinearFlow(structure, layout.dim(), etaX, gamma);
        this.etaX = etaX;
    }

    @Override
    public Solution solve(double[] z0) {
        int d = layout.dim();
        SymmetrizableOperator op = groups.operator();
        int block = (layout.groups() + layout.classes()) * d;
        double[] c = op.coordinates(java.util.Arrays.copyOf(z0, block), d);
        double[] now = new double[block];
        double[] start = z0.clone();
        return (t, out) -> {
            op.state(t, c, d, now);
            System.arraycopy(now, 0, out, 0, block);
            for (int l = 0; l < layout.levels(); l++) {
                double decay = Math.exp(-etaX * layout.levelSize(l) * t);
                int phi = layout.phi(l);
                for (int k = 0; k < d * d; k++) {
                    out[phi + k] = decay * start[phi + k];
                }
            }
        };
    }

    @Override
    public LabelModes labelModes(double[] z0) {
        int d = layout.dim();
        SymmetrizableOperator op = groups.operator();
        double[] c = op.coordinates(java.util.Arrays.copyOf(z0, (layout.groups() + layout.classes()) * d), d);
        return LabelModes.of(op, c, layout.groups(), layout.classes(), d);
    }

    @Override
    public int operatorSize() {
        return groups.operatorSize();
    }
}
