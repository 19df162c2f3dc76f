package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.StateLayout;

/**
 * Where each block sits in the reduced state (spec section 4): group means {@code m_S}
 * (G x d), labels {@code y_c} (K x d), the head P (d x d, if any), then one propagator
 * {@code Phi_l} (d x d) per distinct label-set size {@code l = |S|}: every group with
 * {@code |S| = l} has its deviations {@code x_i - m_S} carried by the same {@code Phi_l}.
 */
public final class ReducedLayout implements org.repcollapse.model.BlockLayout {

    /** The blocks {@code m_S, y_c, P}: the full state's layout with the G groups in place of the N samples. */
    private final StateLayout means;
    private final int[] sizes;
    private final int[] levelOf;

    public ReducedLayout(LabelStructure structure, int dim, boolean head) {
        int groups = structure.groups().size();
        this.means = new StateLayout(groups, structure.classes(), dim, head);
        int[] all = new int[groups];
        for (int g = 0; g < groups; g++) {
            all[g] = structure.groups().get(g).length;
        }
        sizes = Arrays.stream(all).distinct().sorted().toArray();
        levelOf = new int[groups];
        for (int g = 0; g < groups; g++) {
            levelOf[g] = Arrays.binarySearch(sizes, all[g]);
        }
    }

    public int groups() {
        return means.samples();
    }

    public int classes() {
        return means.classes();
    }

    public int dim() {
        return means.dim();
    }

    public boolean hasHead() {
        return means.hasHead();
    }

    /** Number of distinct label-set sizes, i.e. of propagators. */
    public int levels() {
        return sizes.length;
    }

    /** The label-set size {@code l} of propagator {@code level}. */
    public int levelSize(int level) {
        return sizes[level];
    }

    /** The propagator index of group g. */
    public int levelOf(int g) {
        return levelOf[g];
    }

    /** Offset of {@code m_S} for group g. */
    public int m(int g) {
        return means.x(g);
    }

    /** Offset of {@code y_c}. */
    public int y(int c) {
        return means.y(c);
    }

    /** Offset of {@code P[0][0]} (row-major). */
    public int p() {
        return means.p();
    }

    /** Offset of {@code Phi_level[0][0]} (row-major), after the blocks of {@link #means}. */
    public int phi(int level) {
        return means.dimension() + level * dim() * dim();
    }

    @Override
    public int dimension() {
        return phi(sizes.length);
    }

    /** {@code m} (G x d), {@code y} (K x d), {@code P} (d x d) with a head, then {@code Phi_l} (d x d) per level. */
    @Override
    public java.util.List<Block> blocks() {
        int dim = dim();
        java.util.List<Block> b = new java.util.ArrayList<>();
        b.add(new Block("m", m(0), groups(), dim));
        b.add(new Block("y", y(0), classes(), dim));
        if (hasHead()) {
            b.add(new Block("P", p(), dim, dim));
        }
        for (int l = 0; l < sizes.length; l++) {
            b.add(new Block("Phi_" + sizes[l], phi(l), dim, dim));
        }
        return b;
    }
}
