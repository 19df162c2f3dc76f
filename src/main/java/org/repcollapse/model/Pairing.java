package org.repcollapse.model;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

/** How the class pair of each frustrated sample is chosen (spec section 1). */
public enum Pairing {
    /** The k-th frustrated sample pairs class {@code a = k mod K} with {@code a+1 mod K}. */
    ADJACENT,
    /** A uniformly drawn pair of distinct classes, from the seeded label stream. */
    RANDOM,
    /** A given list of pairs, used in turn. */
    EXPLICIT;

    /**
     * The ordered pair {@code (a, b)} of the k-th frustrated sample. The order matters for
     * {@code flip} frustration (true class a, label b); a duplicate sample carries both.
     *
     * @param pairs explicit pairs (used in turn) for {@link #EXPLICIT}; ignored otherwise
     * @param rng   the label stream, used by {@link #RANDOM} only (two draws per call)
     */
    public int[] pair(int k, int classes, List<int[]> pairs, UniformRandomProvider rng) {
        int a;
        int b;
        switch (this) {
            case ADJACENT:
                a = k % classes;
                b = (a + 1) % classes;
                break;
            case RANDOM:
                a = rng.nextInt(classes);
                b = rng.nextInt(classes - 1);
                if (b >= a) {
                    b++;
                }
                break;
            case EXPLICIT:
                if (pairs == null || pairs.isEmpty()) {
                    throw new IllegalArgumentException("explicit pairing needs at least one pair");
                }
                int[] p = pairs.get(k % pairs.size());
                a = p[0];
                b = p[1];
                break;
            default:
                throw new IllegalStateException();
        }
        return new int[] {a, b};
    }
}
