package org.repcollapse.dynamics;

/**
 * The fixed partition of the samples {@code 0 .. N-1} into consecutive blocks of
 * {@link #SIZE} samples (the last one shorter). It depends on N only, never on the number of
 * threads, so per-block partial sums reduced in block order give the same bits on any machine.
 */
public final class SampleBlocks {

    /** Samples per block: small enough to balance 2-16 cores at N = 10^4, large enough to amortise. */
    public static final int SIZE = 512;

    private final int samples;

    public SampleBlocks(int samples) {
        this.samples = samples;
    }

    public int samples() {
        return samples;
    }

    public int count() {
        return Math.max(1, (samples + SIZE - 1) / SIZE);
    }

    public int from(int block) {
        return block * SIZE;
    }

    public int to(int block) {
        return Math.min(samples, (block + 1) * SIZE);
    }
}
