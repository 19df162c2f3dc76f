package org.repcollapse.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.repcollapse.experiment.ExperimentException;

/** The grid of a sweep: spacing, rounding, product order, shards. */
class SweepGridTest {

    private static double[] numbers(SweepParameter p) {
        return p.values().stream().mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void linearRangeHasEqualStepsAndExactEnds() {
        SweepParameter p = SweepParameter.parse("frustration.fraction=0.02:0.2:10", false);
        double[] v = numbers(p);
        assertEquals(10, v.length);
        assertEquals(0.02, v[0], 0.0);           // ends are the given numbers exactly
        assertEquals(0.2, v[9], 0.0);
        for (int k = 1; k < v.length; k++) {
            // values are rounded to 12 significant digits, so steps agree to ~1e-12 relative
            assertEquals(0.02, v[k] - v[k - 1], 1e-13);
        }
        assertEquals("0.04", p.values().get(1), "rounded to 12 digits: a clean decimal in the CSV");
    }

    @Test
    void logRangeHasEqualRatios() {
        SweepParameter p = SweepParameter.parse("integrator.tEnd=10:1000:3:log", false);
        assertEquals(List.of("10.0", "100.0", "1000.0"), p.values());
        double[] v = numbers(SweepParameter.parse("rates.labels=0.01:100:9", true));   // --log default
        for (int k = 1; k < v.length; k++) {
            // ratio 10^(4/8) = sqrt(10); 12-digit rounding bounds the relative error by ~1e-12
            assertEquals(Math.sqrt(10), v[k] / v[k - 1], 1e-11);
        }
        assertEquals(List.of("1.0", "2.0", "3.0"),
                SweepParameter.parse("rates.labels=1:3:3:lin", true).values(), ":lin overrides --log");
    }

    @Test
    void wholeNumberKeysAreRoundedAndMustStayDistinct() {
        assertEquals(List.of("10", "32", "100", "316", "1000"), SweepParameter.parse("samples=10:1000:5:log", false).values());
        ExperimentException e = assertThrows(ExperimentException.class,
                () -> SweepParameter.parse("samples=10:12:5", false));
        assertTrue(e.getMessage().startsWith("--param samples=10:12:5: values repeat"), e.getMessage());
    }

    @Test
    void listsAndMistakes() {
        assertEquals(List.of("none", "linear"), SweepParameter.parse("head=none,linear", false).values());
        for (String bad : List.of("frustration.fractio=0:1:3", "head=0:1:3", "frustration=0:1:3", "samples=1:2",
                "rates.labels=0:1:3:log", "rates.labels=1:2:0", "rates.labels=1:2:x", "rates.labels=a:2:3",
                "rates.labels=1:2:3:cubic", "=1", "head=", "head=none,,linear", "head=none,none",
                "rates.labels=1:inf:3")) {
            ExperimentException e = assertThrows(ExperimentException.class, () -> SweepParameter.parse(bad, false), bad);
            assertTrue(e.getMessage().startsWith("--param " + bad + ": "), e.getMessage());
        }
    }

    @Test
    void productOrderFirstParameterSlowest() {
        SweepGrid g = new SweepGrid(List.of(SweepParameter.parse("head=none,linear", false),
                SweepParameter.parse("samples=10:30:3", false)), 2);
        assertEquals(6, g.points());
        assertEquals(12, g.runs());
        assertEquals(List.of("head=none", "samples=10"), g.assignments(0));
        assertEquals(List.of("head=none", "samples=30"), g.assignments(2));
        assertEquals(List.of("head=linear", "samples=20"), g.assignments(4));
        assertThrows(ExperimentException.class, () -> new SweepGrid(List.of(SweepParameter.parse("samples=1,2", false),
                SweepParameter.parse("samples=3,4", false)), 1));
        assertThrows(ExperimentException.class, () -> new SweepGrid(List.of(), 0));
    }

    @Test
    void shardsPartitionTheRuns() {
        int n = 4;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Shard s = Shard.parse(i + "/" + n);
            for (long r = 0; r < 103; r++) {
                if (s.owns(r)) {
                    assertTrue(seen.add(r), "run " + r + " in two shards");
                }
            }
        }
        assertEquals(103, seen.size(), "every run in some shard");
        for (String bad : List.of("4/4", "-1/4", "1/0", "1", "a/b", "1/2/3")) {
            assertThrows(ExperimentException.class, () -> Shard.parse(bad), bad);
        }
    }
}
