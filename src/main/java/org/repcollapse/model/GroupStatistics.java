package org.repcollapse.model;

/**
 * What the group reduction (spec section 4) keeps of the samples: for each group S of
 * {@code n_S} samples with one label set, the mean {@code m_S} and the scatter
 * {@code C_S = sum_{i in S} (x_i - m_S)(x_i - m_S)^T}; with the labels {@code y_c} and the head
 * P (null without head). Means are G x d, scatters G x d x d, labels K x d, P d x d, row-major.
 */
public record GroupStatistics(LabelStructure structure, int dim, double[] means, double[] scatter,
                              double[] labels, double[] head) {

    public int groups() {
        return structure.groups().size();
    }

    public boolean hasHead() {
        return head != null;
    }

    /** Total number of samples {@code N = sum_S n_S}. */
    public long samples() {
        long n = 0;
        for (int g = 0; g < groups(); g++) {
            n += structure.groupSize(g);
        }
        return n;
    }

    /** The statistics of explicit sample embeddings (the route the reduction replaces). */
    public static GroupStatistics of(LabelStructure structure, Embeddings e) {
        int d = e.dim();
        int groups = structure.groups().size();
        double[] m = new double[groups * d];
        double[] c = new double[groups * d * d];
        for (int i = 0; i < e.samples(); i++) {
            int g = structure.groupOf(i);
            for (int k = 0; k < d; k++) {
                m[g * d + k] += e.x(i, k);
            }
        }
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < d; k++) {
                m[g * d + k] /= structure.groupSize(g);
            }
        }
        double[] r = new double[d];
        for (int i = 0; i < e.samples(); i++) {
            int g = structure.groupOf(i);
            for (int k = 0; k < d; k++) {
                r[k] = e.x(i, k) - m[g * d + k];
            }
            int c0 = g * d * d;
            for (int a = 0; a < d; a++) {
                double ra = r[a];
                for (int b = a; b < d; b++) {
                    c[c0 + a * d + b] += ra * r[b];
                }
            }
        }
        // the lower triangle: the same products in the same order (r_b r_a = r_a r_b exactly)
        for (int g = 0; g < groups; g++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    c[g * d * d + a * d + b] = c[g * d * d + b * d + a];
                }
            }
        }
        double[] p = null;
        if (e.hasHead()) {
            p = new double[d * d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    p[a * d + b] = e.p(a, b);
                }
            }
        }
        return new GroupStatistics(structure, d, m, c, e.labels(), p);
    }
}
