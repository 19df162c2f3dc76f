package org.repcollapse.analysis;

/**
 * Samples held as groups at one state (the reduced solver, spec section 4): sample i of group S is
 * {@code x_i = m_S + Phi_|S| delta_i} with its fixed deviation {@code delta_i = x_i(0) - m_S(0)}, so
 * its prediction is {@code p_i = a_S + M_S delta_i} with {@code a_S = P m_S} and {@code M_S = P Phi_|S|}
 * ({@code P = I} without head). What the per-sample metrics need of them.
 */
public interface GroupedSamples {

    /** The predictions {@code p_i} of the given samples, row r for {@code samples[r]} (rows x d). */
    double[] predictions(int[] samples);

    /** {@code a_S = P m_S}, G x d row-major. */
    double[] groupPredictions();

    /** {@code M_S = P Phi_|S|} of group g, d x d row-major. */
    double[] deviationMap(int g);
}
