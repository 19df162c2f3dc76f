package org.repcollapse.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent, reproducible random streams derived from one experiment seed: each purpose
 * gets its own generator seeded by a SplitMix64 mix of (seed, purpose), so the numbers a
 * stream gives never depend on which other streams were used, in which order, or on how
 * many threads run.
 */
public final class RandomStreams {

    /** What a stream is used for; the ordinal is part of the derived seed, so never reorder. */
    public enum Purpose { LABELS, SAMPLES, LABEL_EMBEDDINGS, HEAD, TEACHER, INPUTS, STUDENT }

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public UniformRandomProvider stream(Purpose purpose) {
        return stream(purpose, 0);
    }

    /** Sub-stream {@code index} of a purpose (e.g. one per sweep point). */
    public UniformRandomProvider stream(Purpose purpose, long index) {
        long s = mix(mix(seed) ^ mix(purpose.ordinal() + 0x9E3779B97F4A7C15L * (index + 1)));
        return RandomSource.L64_X128_MIX.create(new long[] {s, mix(s), mix(s + 1), mix(s + 2)});
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
