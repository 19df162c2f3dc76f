package org.repcollapse.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classes as nodes, one edge {a,b} per frustrated sample labelled {a,b} (spec section 1).
 * Its connected components are the clusters the embedding-only flow contracts to (R2).
 */
public final class FrustrationGraph {

    private final int classes;
    private final int[] component;
    private final int componentCount;

    public FrustrationGraph(int classes, List<int[]> edges) {
        this.classes = classes;
        int[] parent = new int[classes];
        for (int c = 0; c < classes; c++) {
            parent[c] = c;
        }
        for (int[] e : edges) {
            int ra = root(parent, e[0]);
            int rb = root(parent, e[1]);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
        component = new int[classes];
        Arrays.fill(component, -1);
        int next = 0;
        int[] rootLabel = new int[classes];
        Arrays.fill(rootLabel, -1);
        for (int c = 0; c < classes; c++) {
            int r = root(parent, c);
            if (rootLabel[r] < 0) {
                rootLabel[r] = next++;
            }
            component[c] = rootLabel[r];
        }
        componentCount = next;
    }

    private static int root(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }

    /** Component index of class {@code c}, numbered 0.. in order of their smallest class. */
    public int componentOf(int c) {
        return component[c];
    }

    public int componentCount() {
        return componentCount;
    }

    /** The classes of each component, each list ascending. */
    public List<List<Integer>> components() {
        List<List<Integer>> out = new ArrayList<>();
        for (int k = 0; k < componentCount; k++) {
            out.add(new ArrayList<>());
        }
        for (int c = 0; c < classes; c++) {
            out.get(component[c]).add(c);
        }
        return out;
    }
}
