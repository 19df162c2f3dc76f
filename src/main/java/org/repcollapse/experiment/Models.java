package org.repcollapse.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of models by their {@code model:} key. Adding a model is one class implementing
 * {@link Model} and one line here; the validator accepts exactly these keys.
 */
public final class Models {

    private static final Map<String, Function<Experiment, Model>> REGISTRY = new LinkedHashMap<>();

    static {
        register("embedding", EmbeddingModel::of);
        register("teacher-student", TeacherStudentModel::new);
    }

    private Models() {
    }

    private static void register(String key, Function<Experiment, Model> factory) {
        REGISTRY.put(key, factory);
    }

    /** The {@code model:} keys, in registration order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    /** The model the experiment names, with its seeded flow. */
    public static Model build(Experiment e) {
        Function<Experiment, Model> factory = REGISTRY.get(e.model());
        if (factory == null) {
            throw ExperimentException.of("model", e.model(), "must be one of " + REGISTRY.keySet());
        }
        return factory.apply(e);
    }
}
