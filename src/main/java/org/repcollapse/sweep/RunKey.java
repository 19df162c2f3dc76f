package org.repcollapse.sweep;

import java.util.Comparator;

/** Identifies a row of sweep.csv: the grid point and the seed it ran with. Rows sort by point, then seed. */
public record RunKey(int point, long seed) implements Comparable<RunKey> {

    private static final Comparator<RunKey> ORDER =
            Comparator.comparingInt(RunKey::point).thenComparingLong(RunKey::seed);

    @Override
    public int compareTo(RunKey o) {
        return ORDER.compare(this, o);
    }
}
