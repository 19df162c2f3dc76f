package org.repcollapse.theory;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.repcollapse.model.LabelStructure;

/**
 * R1 solved: the embedding-only model at any time, exactly, from its initial state. The group
 * means and labels obey the closed linear system {@code d(m, Y)/dt = -Q (m, Y)} of
 * {@link EmbeddingTheory#groupGenerator()}, so {@code (m, Y)(t) = exp(-Q t) (m, Y)(0)}; the
 * scatter of group S about its mean decays as {@code exp(-2 eta_x |S| t)}. Hence the loss
 * {@code L(t) = 1/2 sum_S [ |S| tr C_S(t) + n_S sum_{c in S} |m_S(t) - y_c(t)|^2 ]}.
 */
public final class GroupSolution {

    private final LabelStructure structure;
    private final RealMatrix q;
    private final RealMatrix start;
    private final double[] scatter;
    private final double etaX;
    private final int groups;
    private final int classes;
    private final int dim;

    /**
     * @param z0 initial EOM state: N sample rows, then K label rows, each of length d
     */
    public GroupSolution(LabelStructure s, double etaX, double gamma, double[] z0, int dim) {
        this.structure = s;
        this.etaX = etaX;
        this.q = MatrixUtils.createRealMatrix(new EmbeddingTheory(s, etaX, gamma).groupGenerator());
        this.groups = s.groups().size();
        this.classes = s.classes();
        this.dim = dim;
        double[][] m = new double[groups + classes][dim];
        for (int i = 0; i < s.samples(); i++) {
            int g = s.groupOf(i);
            for (int k = 0; k < dim; k++) {
                m[g][k] += z0[i * dim + k] / s.groupSize(g);
            }
        }
        scatter = new double[groups];
        for (int i = 0; i < s.samples(); i++) {
            int g = s.groupOf(i);
            for (int k = 0; k < dim; k++) {
                double r = z0[i * dim + k] - m[g][k];
                scatter[g] += r * r;
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < dim; k++) {
                m[groups + c][k] = z0[(s.samples() + c) * dim + k];
            }
        }
        start = MatrixUtils.createRealMatrix(m);
    }

    private RealMatrix at(double t) {
        return MatrixUtils.matrixExponential(q.scalarMultiply(-t)).multiply(start);
    }

    /** The labels {@code Y(t)}, K x d row-major. */
    public double[] labels(double t) {
        RealMatrix now = at(t);
        double[] y = new double[classes * dim];
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < dim; k++) {
                y[c * dim + k] = now.getEntry(groups + c, k);
            }
        }
        return y;
    }

    /** {@code |y_a(t) - y_b(t)|}. */
    public double distance(double t, int a, int b) {
        return distance(labels(t), a, b);
    }

    /** {@code |y_a - y_b|} for labels Y (K x d row-major). */
    public double distance(double[] y, int a, int b) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            double r = y[a * dim + k] - y[b * dim + k];
            s += r * r;
        }
        return Math.sqrt(s);
    }

    /** The loss {@code L(t)}. */
    public double loss(double t) {
        RealMatrix now = at(t);
        double l = 0;
        for (int g = 0; g < groups; g++) {
            int[] set = structure.groups().get(g);
            l += set.length * scatter[g] * Math.exp(-2 * etaX * set.length * t);
            for (int c : set) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double r = now.getEntry(g, k) - now.getEntry(groups + c, k);
                    s += r * r;
                }
                l += structure.groupSize(g) * s;
            }
        }
        return 0.5 * l;
    }
}
