package org.repcollapse.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.repcollapse.model.Embeddings;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.theory.HeadTheory;

/**
 * The head block of the {@code theory} output and of {@code summary.json}: the R5/R6 predictions
 * for this experiment's label structure and, at the end of a run, the measured head spectrum on
 * each label mode next to {@code sqrt(tau_k)}. The prediction applies with stop-gradient only.
 */
public final class HeadReport {

    private HeadReport() {
    }

    /** The critical frustration for this experiment's classes, samples and pairing rule. */
    public static double criticalFraction(Experiment e) {
        Experiment.Frustration f = e.frustration();
        List<int[]> pairs = new ArrayList<>();
        for (List<Integer> p : f.pairs()) {
            pairs.add(new int[] {p.get(0), p.get(1)});
        }
        Pairing pairing = Pairing.valueOf(f.pairing().toUpperCase(java.util.Locale.ROOT));
        return HeadTheory.criticalFractionOfCouplings(e.samples(), nf -> LabelStructure.generatedCoupling(e.classes(), e.samples(),
                nf / (double) e.samples(), pairing, pairs, new RandomStreams(e.seed()).stream(RandomStreams.Purpose.LABELS)));
    }

    public static Map<String, Object> prediction(Experiment e, LabelStructure s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applies", e.hasHead() && e.stopGradient() && !e.hasPrevention());
        if ("sample".equals(e.headLoss())) {
            // papers/prevention.md: Y P^T = T Y, so the head carries tau_k itself on label mode k
            m.put("head_loss", "sample: the head carries tau_k (not sqrt(tau_k)) on label mode k");
        }
        m.putAll(new HeadTheory(s).prediction(criticalFraction(e)));
        return m;
    }

    /** Prediction and measurement at the final state, side by side. */
    public static Map<String, Object> atEnd(Experiment e, LabelStructure s, Embeddings end) {
        Map<String, Object> m = prediction(e, s);
        m.put("final", new HeadTheory(s).comparison(end));
        return m;
    }
}
