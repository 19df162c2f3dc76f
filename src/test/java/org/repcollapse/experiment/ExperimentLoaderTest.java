package org.repcollapse.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.Experiments;

class ExperimentLoaderTest {

    @Test
    void defaultsFillEveryKey() {
        Experiment e = Experiments.of("classes: 3");
        assertEquals(3, e.classes());
        assertEquals(200, e.samples());
        assertEquals(8, e.dim());
        assertEquals("embedding", e.model());
        assertEquals("adjacent", e.frustration().pairing());
        assertEquals("auto", e.integrator().method());
        assertEquals(1.0e-8, e.integrator().rtol());
        assertEquals(200, e.record().points());
        assertEquals(42, e.seed());
        assertEquals("test", e.name(), "name defaults to the file stem");
        assertFalse(e.hasHead());
    }

    @Test
    void specExampleParses() {
        Experiment e = Experiments.of("""
                name: eom-frustrated
                model: embedding
                classes: 2
                samples: 200
                dim: 8
                frustration:
                  fraction: 0.1
                  pairing: adjacent
                  pairs: []
                  mode: duplicate
                head: none
                stopGradient: false
                rates: {samples: 1.0, labels: 1.0, head: 1.0}
                init: {samples: 1.0, labels: 1.0, head: 0.1}
                teacher: {inputDim: 64, noise: 0.3, prototypeScale: 3.0}
                integrator: {method: dop853, rtol: 1.0e-8, atol: 1.0e-10, tEnd: 1000}
                record: {points: 200, spacing: log, tStart: 0.01}
                seed: 42
                """);
        assertEquals("eom-frustrated", e.name());
        assertEquals(0.1, e.frustration().fraction());
    }

    @Test
    void overridesReachNestedKeysAndParseAsYaml() {
        Experiment e = Experiments.of("classes: 4", "frustration.fraction=0.25", "frustration.pairing=explicit",
                "frustration.pairs=[[0,1],[2,3]]", "head=linear", "stopGradient=true");
        assertEquals(0.25, e.frustration().fraction());
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)), e.frustration().pairs());
        assertTrue(e.hasHead());
        assertTrue(e.stopGradient());
    }

    private static String message(String yaml, String... overrides) {
        return assertThrows(ExperimentException.class, () -> Experiments.of(yaml, overrides)).getMessage();
    }

    @Test
    void badInputNamesTheKeyAndValue() {
        assertTrue(message("clases: 2").startsWith("unknown key 'clases'"), message("clases: 2"));
        assertTrue(message("frustration: {fraktion: 0.1}").startsWith("unknown key 'frustration.fraktion'"));
        assertTrue(message("classes: 2", "rates.sample=2").startsWith("unknown key 'rates.sample'"));
        assertEquals("samples = \"many\": wrong type (expected a whole number)", message("samples: many"));
        assertEquals("samples = 2.5: wrong type (expected a whole number)", message("samples: 2.5"));
        assertEquals("frustration.fraction = 1.5: must lie in [0, 1]", message("frustration: {fraction: 1.5}"));
        assertEquals("frustration.fraction = .nan: must be a finite number", message("frustration: {fraction: .nan}"));
        assertTrue(message("frustration: {pairing: explicit, pairs: [[0,2]], fraction: 0.1}")
                .startsWith("frustration.pairs[0] = [0, 2]: class indices must lie in 0..1"));
        assertTrue(message("frustration: {mode: flip}").startsWith("frustration.mode = flip"));
        assertTrue(message("stopGradient: true").startsWith("stopGradient = true"));
        assertTrue(message("rates: 3").startsWith("rates = 3: expected a mapping"));
        assertTrue(message("").contains("empty"));
        assertTrue(message("- a\n- b").contains("mapping"));
        for (String m : List.of(message("clases: 2"), message("samples: many"))) {
            assertFalse(m.contains("\n"), "one line");
        }
    }
}
