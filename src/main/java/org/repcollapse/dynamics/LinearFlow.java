package org.repcollapse.dynamics;

/**
 * A flow without a head, {@code dz/dt = -(A (x) I_d) z} with {@code A = R H} (spec R1, section 5):
 * solved exactly from one decomposition of the small operator A ({@link SymmetrizableOperator}),
 * so that the state at any time costs one propagation and no integration.
 */
public interface LinearFlow {

    /** The exact solution {@code z(t) = exp(-(A (x) I_d) t) z0}, prepared once from z0. */
    Solution solve(double[] z0);

    /**
     * The labels as a sum of modes, {@code Y(t) = Y(inf) + sum_j exp(-lambda_j t) l_j p_j^T}: what
     * the label separations are made of ({@link LabelModes}).
     */
    LabelModes labelModes(double[] z0);

    /** Dimension of the operator diagonalised (per embedding coordinate). */
    int operatorSize();

    /**
     * Matrix decompositions done to build this flow (eigen- and singular-value decompositions):
     * one, the symmetric eigendecomposition of the operator, unless a flow says otherwise.
     */
    default int decompositions() {
        return 1;
    }

    /** The exact state at any time. */
    interface Solution {

        /** Writes {@code z(t)} (t >= 0) into out, of the state's length. */
        void state(double t, double[] out);
    }
}
