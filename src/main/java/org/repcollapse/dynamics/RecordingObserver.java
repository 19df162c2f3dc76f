package org.repcollapse.dynamics;

import java.util.List;

/**
 * A state observer that keeps one row of numbers per recorded time: its rows go into a run's
 * checkpoint and are given back on resume, so the observer ends as if never interrupted.
 */
public interface RecordingObserver extends StateObserver {

    /** The rows so far (the list itself: a resumed run appends the saved rows to it before continuing). */
    List<double[]> rows();
}
