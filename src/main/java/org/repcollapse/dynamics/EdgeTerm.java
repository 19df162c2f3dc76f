package org.repcollapse.dynamics;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * The part every loss term summed over the edges {@code (i, c) in E} holds: the state layout, the label
 * structure, the edges as flat lists (sample i's classes are {@code classes[offsets[i] .. offsets[i+1])}),
 * the class degrees {@code n_c} and the label-set sizes {@code |S_i|} as doubles, read by the terms'
 * per-sample loops.
 */
abstract class EdgeTerm implements LossTerm {

    protected final StateLayout layout;
    protected final LabelStructure structure;
    protected final int[] offsets;
    protected final int[] classes;
    /** {@code n_c}. */
    protected final double[] degree;
    /** {@code |S_i|}. */
    protected final double[] labelCount;

    protected EdgeTerm(StateLayout layout, LabelStructure structure) {
        this.layout = layout;
        this.structure = structure;
        this.offsets = structure.labelOffsets();
        this.classes = structure.edgeClasses();
        this.degree = new double[layout.classes()];
        for (int c = 0; c < degree.length; c++) {
            degree[c] = structure.classDegree(c);
        }
        this.labelCount = new double[layout.samples()];
        for (int i = 0; i < labelCount.length; i++) {
            labelCount[i] = offsets[i + 1] - offsets[i];
        }
    }

    /** The layout of a head's term, checked to carry the head. */
    static StateLayout withHead(StateLayout layout) {
        if (!layout.hasHead()) {
            throw new IllegalArgumentException("the predictor loss needs a head in the state");
        }
        return layout;
    }
}
