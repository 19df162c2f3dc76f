package org.repcollapse.analysis;

import java.util.List;

/**
 * The final classification: labels closer than {@code threshold} times the initial mean
 * label distance are one cluster (single linkage). One cluster is complete collapse, fewer
 * than K cluster collapse; otherwise an effective rank below half of {@code min(K-1, d)}
 * is dimensional collapse.
 */
public record CollapseVerdict(CollapseType type, List<List<Integer>> clusters, double threshold) {

    public static final double RELATIVE_THRESHOLD = 1.0e-3;
    public static final double RANK_FRACTION = 0.5;

    public static CollapseVerdict classify(double[] finalLabels, int classes, int dim,
                                           double initialMeanDistance, double effectiveRank) {
        double threshold = RELATIVE_THRESHOLD * initialMeanDistance;
        List<List<Integer>> clusters = new LabelGeometry(finalLabels, classes, dim).clusters(threshold);
        CollapseType type;
        if (clusters.size() == 1) {
            type = CollapseType.COMPLETE;
        } else if (clusters.size() < classes) {
            type = CollapseType.CLUSTER;
        } else if (effectiveRank < RANK_FRACTION * Math.min(classes - 1, dim)) {
            type = CollapseType.DIMENSIONAL;
        } else {
            type = CollapseType.NONE;
        }
        return new CollapseVerdict(type, clusters, threshold);
    }
}
