package org.repcollapse.experiment;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/** Builds the model an experiment names. */
public final class Systems {

    private Systems() {
    }

    public static LabelStructure structure(Experiment e) {
        Experiment.Frustration f = e.frustration();
        List<int[]> pairs = new ArrayList<>();
        for (List<Integer> p : f.pairs()) {
            pairs.add(new int[] {p.get(0), p.get(1)});
        }
        try {
            return LabelStructure.generate(e.classes(), e.samples(), f.fraction(),
                    Pairing.valueOf(f.pairing().toUpperCase(java.util.Locale.ROOT)), pairs,
                    new RandomStreams(e.seed()).stream(RandomStreams.Purpose.LABELS));
        } catch (IllegalArgumentException ex) {
            throw ExperimentException.of("samples", e.samples(), ex.getMessage());
        }
    }

    public static EmbeddingSystem.Parameters parameters(Experiment e) {
        return new EmbeddingSystem.Parameters(e.rates().samples(), e.rates().labels(), e.rates().head(),
                e.init().samples(), e.init().labels(), e.init().head());
    }

    public static FlowSystem build(Experiment e) {
        if (e.isTeacherStudent()) {
            throw ExperimentException.of("model", e.model(), "the teacher-student model is not available yet");
        }
        return new EmbeddingSystem(structure(e), e.dim(), e.hasHead(), e.stopGradient(), parameters(e),
                new RandomStreams(e.seed()));
    }
}
