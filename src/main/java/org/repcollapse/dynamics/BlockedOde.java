package org.repcollapse.dynamics;

/**
 * An ODE whose derivative splits as the blocked loss terms do ({@link BlockedLossTerm}): a serial
 * {@link #prepare} that reads only the shared coordinates {@code [sharedStart, n)} (labels, head),
 * independent blocks of the coordinates below {@code sharedStart} (samples), each reading and
 * writing only its own rows, and the shared rows last, from the blocks' partial sums reduced in
 * block order. {@link FlatDormandPrince853} forms each stage's rows block by block right before
 * they are differentiated, while they are still in cache.
 */
public interface BlockedOde extends InPlaceOde {

    /** Whether the derivative of this instance splits (else only {@link #computeDerivatives} is used). */
    boolean splits();

    /** First shared coordinate; the blocks cover {@code [0, sharedStart)}. */
    int sharedStart();

    int blockCount();

    /** First coordinate of block b. */
    int blockFrom(int b);

    /** End (exclusive) of block b's coordinates. */
    int blockTo(int b);

    /** Serial set-up at (t, z); reads only {@code z[sharedStart..n)}. Counts one evaluation. */
    void prepare(double t, double[] z);

    /** Writes {@code out} on block b's coordinates from z on the same coordinates (after {@link #prepare}). */
    void blockDerivative(double[] z, double[] out, int b);

    /** Writes {@code out} on the shared coordinates, after every block. */
    void sharedDerivative(double[] z, double[] out);
}
