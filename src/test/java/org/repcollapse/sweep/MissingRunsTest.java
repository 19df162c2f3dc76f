package org.repcollapse.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Which runs a merged sweep lacks. Run (p, s) has seed seed_p + s; the rows present bound seed_p
 * by max(seed) - (S-1) <= seed_p <= min(seed). Checked against sets built by hand: a missing run
 * is named by its seed exactly when the bounds meet, and otherwise only counted (never guessed).
 * Exact integer arithmetic, no tolerance.
 */
class MissingRunsTest {

    static Set<RunKey> rows(long[][] pointSeed) {
        Set<RunKey> s = new HashSet<>();
        for (long[] r : pointSeed) {
            s.add(new RunKey((int) r[0], r[1]));
        }
        return s;
    }

    @Test
    void aCompletePointPinsTheFirstSeedOfEveryPoint() {
        // 3 points x 3 seeds from 42; point 1 complete, point 0 lacks 43, point 2 has only 44
        MissingRuns m = MissingRuns.of(3, 3, false,
                rows(new long[][] {{0, 42}, {0, 44}, {1, 42}, {1, 43}, {1, 44}, {2, 44}}));
        assertEquals(3, m.count());
        assertEquals(List.of(new MissingRuns.Point(0, 1, List.of(43L)), new MissingRuns.Point(2, 2, List.of(42L, 43L))),
                m.points());
    }

    @Test
    void aPointWithNoRowIsNamedFromTheOthers() {
        MissingRuns m = MissingRuns.of(2, 2, false, rows(new long[][] {{0, 7}, {0, 8}}));
        assertEquals(List.of(new MissingRuns.Point(1, 2, List.of(7L, 8L))), m.points());
        MissingRuns one = MissingRuns.of(3, 1, false, rows(new long[][] {{2, 5}}));   // S = 1: any row pins it
        assertEquals(List.of(new MissingRuns.Point(0, 1, List.of(5L)), new MissingRuns.Point(1, 1, List.of(5L))),
                one.points());
    }

    @Test
    void unpinnedSeedsAreCountedNotGuessed() {
        // only seed 43 present with S = 2: the first seed is 42 or 43, so the missing ones cannot be named
        MissingRuns m = MissingRuns.of(2, 2, false, rows(new long[][] {{0, 43}}));
        assertEquals(3, m.count());
        assertEquals(List.of(new MissingRuns.Point(0, 1, List.of()), new MissingRuns.Point(1, 2, List.of())),
                m.points());
        assertEquals(4, MissingRuns.of(2, 2, false, Set.of()).count(), "nothing present: all runs missing");
    }

    @Test
    void aSweptSeedIsPinnedPointByPoint() {
        // seed swept: point 0 from 10, point 1 from 20 (S = 2); point 0 complete says nothing of point 1
        MissingRuns m = MissingRuns.of(2, 2, true, rows(new long[][] {{0, 10}, {0, 11}, {1, 21}}));
        assertEquals(List.of(new MissingRuns.Point(1, 1, List.of())), m.points());
        MissingRuns pinned = MissingRuns.of(2, 3, true, rows(new long[][] {{0, 10}, {0, 12}, {1, 20}, {1, 22}}));
        assertEquals(List.of(new MissingRuns.Point(0, 1, List.of(11L)), new MissingRuns.Point(1, 1, List.of(21L))),
                pinned.points());
    }

    @Test
    void shardsOwnTheirRunsModuloTheirCount() {
        // 10 runs over 4 shards: r mod 4 = 0 -> {0,4,8}, 1 -> {1,5,9}, 2 -> {2,6}, 3 -> {3,7}
        long[] expected = {3, 3, 2, 2};
        for (int i = 0; i < 4; i++) {
            long n = 0;
            for (long r = 0; r < 10; r++) {
                n += new Shard(i, 4).owns(r) ? 1 : 0;
            }
            assertEquals(expected[i], n);
            assertEquals(n, new Shard(i, 4).runsOf(10));
        }
        assertEquals(0, new Shard(3, 4).runsOf(3), "more shards than runs");
    }
}
