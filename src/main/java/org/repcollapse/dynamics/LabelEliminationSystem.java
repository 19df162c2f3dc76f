package org.repcollapse.dynamics;

import java.util.function.IntUnaryOperator;

/**
 * What the shifted systems that eliminate the sample (or encoder) block and solve on the labels
 * share ({@link EmbeddingShiftedSystem}, {@link StudentShiftedSystem}, {@link StudentHeadShiftedSystem}):
 * K, d, the sample or encoder rate {@code eta}, and per class the label rate {@code g_c} and the
 * degree {@code n_c} of the label rows {@code dy_c/dt = -g_c (n_c B y_c - ...)}; and the shift c of
 * the last {@link #factor}.
 */
abstract class LabelEliminationSystem implements ShiftedSystem {

    final int k;
    final int d;
    final double eta;
    final double[] labelRate;
    final int[] degree;
    /** c of {@code M = I - c J}, set by {@link #factor}. */
    double c;

    /**
     * @param classDegree n_c of class c
     */
    LabelEliminationSystem(int k, int d, BlockRates rates, IntUnaryOperator classDegree) {
        this.k = k;
        this.d = d;
        this.eta = rates.sampleRate();
        this.labelRate = new double[k];
        this.degree = new int[k];
        for (int cc = 0; cc < k; cc++) {
            labelRate[cc] = rates.labelRate(cc);
            degree[cc] = classDegree.applyAsInt(cc);
        }
    }
}
