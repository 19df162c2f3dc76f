package org.repcollapse.dynamics;

/**
 * A {@link LossTerm} whose drive splits into independent work per sample block
 * ({@link SampleBlocks}) and a shared part: {@link #addSampleDrive} writes only the sample rows
 * of its block (and the term's own partial sums for that block); {@link #addSharedDrive} then
 * reduces the partials in block order and adds the drive of the label and head rows. The blocks
 * may run in parallel; the result does not depend on how they are scheduled.
 */
public interface BlockedLossTerm extends LossTerm {

    /** The partition this term's partial sums are laid out on. */
    SampleBlocks blocks();

    /** Serial set-up at z, before the blocks (e.g. {@code P^T P}); reads only the label and head rows. */
    void prepare(double[] z);

    /** Adds the drive of the samples of {@code block} into their rows; keeps the block's partials. */
    void addSampleDrive(double[] z, double[] drive, int block);

    /**
     * Optional one-pass form of a flow whose only term is this one: writes {@code scale} times the
     * sample drive of {@code block} into its rows (whatever they held) and keeps the block's
     * partials, with the same arithmetic as clearing the rows, {@link #addSampleDrive} and scaling.
     *
     * @return false when the term has no such form (the flow then clears, adds and scales)
     */
    default boolean writeSampleDrive(double[] z, double[] drive, int block, double scale) {
        return false;
    }

    /** Adds the drive of the label (and head) rows from the partials, reduced in block order. */
    void addSharedDrive(double[] z, double[] drive);

    /** This term's value over the samples of one block. */
    double blockValue(double[] z, int block);

    /** Serial reference composition of the three phases. */
    @Override
    default void addDrive(double[] z, double[] drive) {
        prepare(z);
        for (int b = 0; b < blocks().count(); b++) {
            addSampleDrive(z, drive, b);
        }
        addSharedDrive(z, drive);
    }

    /** Block values summed in block order. */
    @Override
    default double value(double[] z) {
        prepare(z);
        double sum = 0;
        for (int b = 0; b < blocks().count(); b++) {
            sum += blockValue(z, b);
        }
        return sum;
    }
}
