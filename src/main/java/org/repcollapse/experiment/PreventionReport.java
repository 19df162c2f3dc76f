package org.repcollapse.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.theory.ContrastiveSeparation;
import org.repcollapse.theory.HeadTheory;
import org.repcollapse.theory.VarianceThreshold;

/**
 * The {@code prevention} block of the theory output and of {@code summary.json} (issue 16; derivations in
 * papers/prevention.md): what the closed forms say about the mechanisms switched on.
 */
public final class PreventionReport {

    private PreventionReport() {
    }

    /** Null when no mechanism is on. */
    public static Map<String, Object> of(Experiment e, LabelStructure s) {
        if (!e.hasPrevention()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Experiment.Prevention p = e.prevention();
        if (p.variance().weight() > 0) {
            VarianceThreshold th = new VarianceThreshold(s);
            double w = th.criticalWeight(p.variance().target(), p.variance().epsilon(), p.variance().width());
            // kappa_c of the collapsed point (r for K = 2); infinite (null) when no label mode collapses
            m.put("variance_critical_kappa", th.criticalKappa());
            m.put("variance_critical_weight", w);
            m.put("variance_repels_collapse", p.variance().weight() > w);
        }
        if (p.contrastive().weight() > 0 && s.classes() == 2 && s.classDegree(0) == s.classDegree(1)
                && !e.hasHead() && p.variance().weight() == 0 && p.covariance().weight() == 0) {
            // K = 2 balanced, contrastive alone, no head: the closed form of the stationary separation
            double r = s.frustrated() / (double) s.classDegree(0);
            m.put("contrastive_critical_weight", ContrastiveSeparation.criticalWeight(r));
            m.put("contrastive_separation", ContrastiveSeparation.separation(r, p.contrastive().weight(),
                    p.contrastive().temperature()));
        }
        if ("sample".equals(e.headLoss())) {
            // Y P^T = T Y: the head carries tau_k itself on label mode k (NaN where the mode is lost)
            double[] tau = new HeadTheory(s).tau();
            double[] head = new double[tau.length];
            for (int k = 0; k < tau.length; k++) {
                head[k] = tau[k] > HeadTheory.ZERO ? tau[k] : Double.NaN;
            }
            m.put("sample_head_eigenvalues", head);
        }
        if (p.ema().rate() > 0 || p.centering().rate() > 0) {
            m.put("targets", "EMA copies and centring leave the stop-gradient fixed points on every label-difference"
                    + " mode (head sqrt(tau_k), or tau_k with headLoss: sample)");
        }
        return m;
    }
}
