package org.repcollapse.analysis;

import java.util.ArrayList;
import java.util.List;

/** Pairwise distances {@code |y_c - y_c'|} of the label embeddings, and their clusters. */
public final class LabelGeometry {

    private final int classes;
    private final double[][] distance;

    /** @param y labels, K x d row-major */
    public LabelGeometry(double[] y, int classes, int dim) {
        this.classes = classes;
        distance = new double[classes][classes];
        for (int a = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double r = y[a * dim + k] - y[b * dim + k];
                    s += r * r;
                }
                distance[a][b] = distance[b][a] = Math.sqrt(s);
            }
        }
    }

    public double distance(int a, int b) {
        return distance[a][b];
    }

    /** The K(K-1)/2 distances {@code |y_a - y_b|}, a < b, in the order (0,1), (0,2), ..., (1,2), .... */
    public double[] pairs() {
        double[] out = new double[classes * (classes - 1) / 2];
        int q = 0;
        for (int a = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++) {
                out[q++] = distance[a][b];
            }
        }
        return out;
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (int a = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++) {
                m = Math.min(m, distance[a][b]);
            }
        }
        return m;
    }

    public double mean() {
        double s = 0;
        int n = 0;
        for (int a = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++) {
                s += distance[a][b];
                n++;
            }
        }
        return s / n;
    }

    /** Single-linkage clusters: classes closer than {@code threshold} are joined. */
    public List<List<Integer>> clusters(double threshold) {
        int[] parent = new int[classes];
        for (int c = 0; c < classes; c++) {
            parent[c] = c;
        }
        for (int a = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++) {
                if (distance[a][b] < threshold) {
                    int ra = find(parent, a);
                    int rb = find(parent, b);
                    parent[Math.max(ra, rb)] = Math.min(ra, rb);
                }
            }
        }
        List<List<Integer>> out = new ArrayList<>();
        int[] index = new int[classes];
        java.util.Arrays.fill(index, -1);
        for (int c = 0; c < classes; c++) {
            int r = find(parent, c);
            if (index[r] < 0) {
                index[r] = out.size();
                out.add(new ArrayList<>());
            }
            out.get(index[r]).add(c);
        }
        return out;
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }
}
