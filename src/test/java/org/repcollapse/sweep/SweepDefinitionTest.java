package org.repcollapse.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcollapse.experiment.SummaryJson;

/**
 * {@code sweep.json} records a range as its range, not as every value: a 500-point grid gives a
 * definition of a few hundred bytes that does not grow with the count (before: every value, 19 MB
 * for 10^6 points), yet still tells two different grids apart.
 */
class SweepDefinitionTest {

    @Test
    void rangesNotValues(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("d.yaml");
        Files.writeString(file, "name: d\nsamples: 20\ndim: 3\nintegrator: {tEnd: 5}\nrecord: {points: 5}\n");
        ObjectNode small = define(file, "frustration.fraction=0:0.5:20");
        ObjectNode large = define(file, "frustration.fraction=0:0.5:500");
        int smallBytes = SummaryJson.toJson(small).length();
        int largeBytes = SummaryJson.toJson(large).length();
        assertTrue(largeBytes < 2048, "a 500-point sweep.json is small: " + largeBytes + " bytes");
        assertEquals(smallBytes + 3, largeBytes, "only the digits of count, points and runs differ (20 -> 500)");
        ObjectNode p = (ObjectNode) large.path("parameters").get(0);
        assertEquals(0.0, p.path("from").asDouble());
        assertEquals(0.5, p.path("to").asDouble());
        assertEquals(500, p.path("count").asInt());
        assertEquals("lin", p.path("spacing").asText());
        assertFalse(p.has("values"));
        assertNotEquals(null, SweepPlan.difference(small, large, false), "different grids are told apart");
        assertNotEquals(null, SweepPlan.difference(define(file, "frustration.fraction=0.01:0.5:20:log"),
                define(file, "frustration.fraction=0.01:0.5:20:lin"), false), "the spacing is recorded");
        ObjectNode listed = define(file, "head=none,linear");
        assertEquals(2, listed.path("parameters").get(0).path("values").size(), "a list is kept as listed");
    }

    private static ObjectNode define(Path file, String param) {
        SweepGrid grid = new SweepGrid(List.of(SweepParameter.parse(param, false)), 1);
        return SweepPlan.resolve(file, List.of(), grid, Shard.ALL).definition();
    }
}
