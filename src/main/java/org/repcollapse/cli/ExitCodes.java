package org.repcollapse.cli;

/** Process exit statuses. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Something unexpected (a bug): a stack trace is printed. */
    public static final int INTERNAL = 1;
    /** Bad input: one line naming the key and value, nothing written. */
    public static final int BAD_INPUT = 2;
    /** The integration failed numerically; what was computed until then is written and marked. */
    public static final int NUMERICAL_FAILURE = 3;
    /** merge: runs of the sweep are missing (the merged directory is written; a plain sweep rerun completes it). */
    public static final int MISSING_RUNS = 3;
    /** Output could not be written. */
    public static final int IO = 4;
    /** fixed-points: the polished point is not a stable fixed point (an eigenvalue outside the predicted family with a non-negative real part). */
    public static final int NOT_STABLE = 5;

    private ExitCodes() {
    }
}
