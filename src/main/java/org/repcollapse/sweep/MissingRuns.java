package org.repcollapse.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The runs a sweep of P points x S seeds lacks, given the rows it holds. Run (p, s) has seed
 * {@code seed_p + s}, s = 0..S-1, {@code seed_p} the point's {@code seed} key: one value for all
 * points unless {@code seed} is swept. It is not stored, but the rows bound it,
 * {@code max(seed) - (S-1) <= seed_p <= min(seed)} (over all rows, or the point's own when seed is
 * swept); where the bounds meet (one complete point, or S = 1 and any row) a missing run is named
 * by its seed, else the point's missing runs are only counted.
 *
 * @param count  how many runs are missing
 * @param points the points with missing runs, in order
 */
public record MissingRuns(long count, List<Point> points) {

    /**
     * The missing runs of one point.
     *
     * @param missing how many of its S runs are missing
     * @param seeds   their seeds, ascending; empty when the point's first seed cannot be told
     */
    public record Point(int point, int missing, List<Long> seeds) {
    }

    /**
     * @param points    grid points P
     * @param seeds     seeds per point S
     * @param seedSwept whether {@code seed} is one of the swept keys (each point its own first seed)
     * @param present   the rows present
     */
    public static MissingRuns of(int points, int seeds, boolean seedSwept, Set<RunKey> present) {
        List<SortedSet<Long>> have = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            have.add(new TreeSet<>());
        }
        for (RunKey k : present) {
            if (k.point() >= 0 && k.point() < points) {
                have.get(k.point()).add(k.seed());
            }
        }
        Long common = seedSwept ? null : firstSeed(have, seeds);
        List<Point> out = new ArrayList<>();
        long count = 0;
        for (int p = 0; p < points; p++) {
            SortedSet<Long> h = have.get(p);
            int missing = seeds - h.size();
            if (missing <= 0) {
                continue;
            }
            count += missing;
            Long first = seedSwept ? firstSeed(List.of(h), seeds) : common;
            List<Long> named = new ArrayList<>();
            if (first != null) {
                for (int s = 0; s < seeds; s++) {
                    if (!h.contains(first + s)) {
                        named.add(first + s);
                    }
                }
            }
            out.add(new Point(p, missing, List.copyOf(named)));
        }
        return new MissingRuns(count, List.copyOf(out));
    }

    /** The first seed where the rows pin it: max(seed) - (S-1) = min(seed); else null. */
    private static Long firstSeed(List<SortedSet<Long>> rows, int seeds) {
        long lo = Long.MIN_VALUE;
        long hi = Long.MAX_VALUE;
        for (SortedSet<Long> h : rows) {
            if (!h.isEmpty()) {
                long last = h.last();
                lo = Math.max(lo, last < Long.MIN_VALUE + (seeds - 1) ? Long.MIN_VALUE : last - (seeds - 1));
                hi = Math.min(hi, h.first());
            }
        }
        return lo == hi ? lo : null;
    }
}
