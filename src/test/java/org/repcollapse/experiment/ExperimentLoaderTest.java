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

    // ---- every key of defaults.yaml reaches the Experiment ----------------------------------

    /** The leaf keys of a YAML mapping ({@code a.b.c}) with their values; lists are leaves. */
    private static java.util.Map<String, Object> leaves(java.util.Map<?, ?> map, String prefix,
                                                       java.util.Map<String, Object> out) {
        for (java.util.Map.Entry<?, ?> en : map.entrySet()) {
            String key = prefix + en.getKey();
            if (en.getValue() instanceof java.util.Map<?, ?> sub) {
                leaves(sub, key + ".", out);
            } else {
                out.put(key, en.getValue());
            }
        }
        return out;
    }

    private static java.util.Map<String, Object> defaults() throws java.io.IOException {
        try (java.io.InputStream in = Experiment.class.getResourceAsStream("defaults.yaml")) {
            java.util.Map<?, ?> m = new org.yaml.snakeyaml.Yaml().load(in);
            return leaves(m, "", new java.util.TreeMap<>());
        }
    }

    /** The value at a key path of the record, read through its record components (no per-key code). */
    private static Object read(Object record, String path) throws ReflectiveOperationException {
        Object o = record;
        for (String part : path.split("\\.")) {
            java.lang.reflect.RecordComponent found = null;
            for (java.lang.reflect.RecordComponent c : o.getClass().getRecordComponents()) {
                if (c.getName().equals(part)) {
                    found = c;
                }
            }
            assertTrue(found != null, "Experiment has no component for key " + path);
            o = found.getAccessor().invoke(o);
        }
        return o;
    }

    /** YAML scalars and record values compared as numbers, strings, booleans or nested lists of them. */
    private static void assertSameValue(Object yaml, Object value, String key) {
        if (yaml instanceof Number n) {
            assertTrue(value instanceof Number, key + " = " + value);
            assertEquals(n.doubleValue(), ((Number) value).doubleValue(), 0.0, key);
        } else {
            assertEquals(String.valueOf(yaml), String.valueOf(value), key);
        }
    }

    /** With an (almost) empty file every key takes the value defaults.yaml gives it. */
    @Test
    void everyDefaultKeyReachesTheExperiment() throws Exception {
        Experiment e = Experiments.of("seed: 42");
        java.util.Map<String, Object> d = defaults();
        assertTrue(d.size() >= 25, "defaults.yaml has " + d.size() + " keys");
        for (java.util.Map.Entry<String, Object> en : d.entrySet()) {
            if (en.getKey().equals("name")) {
                assertEquals("test", e.name(), "name defaults to the file stem");
                continue;
            }
            assertSameValue(en.getValue(), read(e, en.getKey()), en.getKey());
        }
    }

    /**
     * A file that sets every key of defaults.yaml to another valid value: each one reads back
     * unchanged, so no key is dropped or crossed on the way into the Experiment. The files must
     * name every key of defaults.yaml (a new key fails here until it is added). Two files, because
     * some keys exclude each other: reconstruction needs the teacher-student model, EMA targets and
     * centring the embedding model; the second sets those and their prerequisites.
     */
    @Test
    void everyKeySetInAFileRoundTrips() throws Exception {
        String yaml = """
                name: all-keys
                model: teacher-student
                classes: 3
                samples: 61
                dim: 5
                frustration: {fraction: 0.2, pairing: explicit, pairs: [[0, 2]], mode: flip}
                head: linear
                stopGradient: true
                headLoss: sample
                rates: {samples: 0.7, labels: 1.3, head: 2.5, labelScaling: none}
                init: {samples: 0.9, labels: 1.1, head: 0.05}
                teacher: {inputDim: 17, noise: 0.45, prototypeScale: 2.5}
                integrator: {method: dop853, rtol: 1.0e-7, atol: 1.0e-9, tEnd: 321, step: 0.02}
                record: {points: 33, spacing: linear, tStart: 0.5}
                seed: 7
                solver: auto
                ssl:
                  inputDim: 9
                  augmentationNoise: 0.3
                  weightDecay: 0.02
                  predictorRate: 1.5
                  emaRate: 0.2
                  inputSpectrum: [2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5]
                  directPred: {enabled: true, epsilon: 0.2}
                  alignedInit: {p: [0.1, 0.2, 0.3, 0.4, 0.5], s: [1.0, 1.0, 1.0, 1.0, 1.0]}
                prevention:
                  contrastive: {weight: 0.5, temperature: 2.0}
                  variance: {weight: 0.3, target: 1.5, epsilon: 1.0e-3, width: 0.1}
                  covariance: {weight: 0.2}
                  reconstruction: {weight: 0.6}
                """;
        String embedding = """
                head: linear
                stopGradient: true
                prevention:
                  ema: {rate: 0.8}
                  centering: {rate: 0.4}
                """;
        java.util.Map<String, Object> given = leaves(new org.yaml.snakeyaml.Yaml().load(yaml), "",
                new java.util.TreeMap<>());
        java.util.Map<String, Object> second = leaves(new org.yaml.snakeyaml.Yaml().load(embedding), "",
                new java.util.TreeMap<>());
        java.util.Map<String, Object> d = defaults();
        java.util.Set<String> all = new java.util.TreeSet<>(given.keySet());
        all.addAll(second.keySet());
        assertEquals(d.keySet(), all, "the files set exactly the keys of defaults.yaml");
        Experiment e = Experiments.of(yaml);
        for (java.util.Map.Entry<String, Object> en : given.entrySet()) {
            assertFalse(String.valueOf(en.getValue()).equals(String.valueOf(d.get(en.getKey()))),
                    en.getKey() + " differs from its default");
            assertSameValue(en.getValue(), read(e, en.getKey()), en.getKey());
        }
        Experiment e2 = Experiments.of(embedding);
        for (java.util.Map.Entry<String, Object> en : second.entrySet()) {
            assertFalse(String.valueOf(en.getValue()).equals(String.valueOf(d.get(en.getKey()))),
                    en.getKey() + " differs from its default");
            assertSameValue(en.getValue(), read(e2, en.getKey()), en.getKey());
        }
    }
}
