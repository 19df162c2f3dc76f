package org.repcollapse.theory;

import java.util.LinkedHashMap;
import java.util.Map;

import org.repcollapse.analysis.CollapseVerdict;
import org.repcollapse.model.LabelStructure;

/**
 * The closed-form predictions that apply to an experiment, as an ordered map (printed by the
 * {@code theory} command, stored in {@code summary.json}).
 */
public final class TheoryReport {

    private TheoryReport() {
    }

    /** Predictions of the embedding-only model (R1-R4) for this label structure and rates. */
    public static Map<String, Object> embedding(LabelStructure s, double etaX, double gamma) {
        EmbeddingTheory th = new EmbeddingTheory(s, etaX, gamma);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", s.classes());
        m.put("samples", s.samples());
        m.put("frustrated", s.frustrated());
        m.put("edges", s.edgeCount());
        m.put("groups", s.groups().size());
        m.put("frustration_graph_components", th.components());
        m.put("predicted_clusters", th.predictedClusters());
        m.put("predicted_collapse", th.components() == 1 ? "complete" : th.components() < s.classes() ? "cluster" : "none");
        m.put("transition_spectrum", th.transitionSpectrum());
        m.put("slow_rates", th.slowRates());
        m.put("slow_rate", th.slowRate());
        m.put("fast_rate", th.fastRate());
        m.put("collapse_time", finiteOrNull(th.collapseTime(CollapseVerdict.RELATIVE_THRESHOLD)));
        TwoClassRates two = th.twoClass();
        if (two != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("r", two.r());
            t.put("lambda_fast", two.fast());
            t.put("lambda_slow", two.slow());
            m.put("two_class", t);
        }
        return m;
    }

    static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
