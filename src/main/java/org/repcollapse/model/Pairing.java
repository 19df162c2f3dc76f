package org.repcollapse.model;

/** How the class pair of each frustrated sample is chosen (spec section 1). */
public enum Pairing {
    /** The k-th frustrated sample pairs class {@code a = k mod K} with {@code a+1 mod K}. */
    ADJACENT,
    /** A uniformly drawn pair of distinct classes, from the seeded label stream. */
    RANDOM,
    /** A given list of pairs, used in turn. */
    EXPLICIT
}
