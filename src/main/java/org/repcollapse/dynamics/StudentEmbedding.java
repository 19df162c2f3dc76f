package org.repcollapse.dynamics;

import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLayout;

/**
 * The linear student's map to the sample embeddings, {@code x_i = W xi_i} (spec section 5), and its adjoint:
 * {@link #embed} takes a student state (or direction) to the embedding state {@code (X = W Xi^T, y, P)}, with
 * the target blocks also {@code (Wbar Xi^T, ybar, c)}; {@link #pullBack} takes a drive on that state back to the
 * student by the chain rule, {@code G_W = sum_i G_{x_i} xi_i^T}, the label and head rows unchanged. Each costs
 * {@code O(N d D)} and allocates nothing.
 *
 * @param inputs the N x D inputs {@code xi_i}, row-major
 */
public record StudentEmbedding(StudentLayout student, StateLayout embedding, double[] inputs) {

    /** {@code out[to + i d + a] = sum_b M[a][b] xi_i[b]} for the d x D matrix M at {@code z[from]}. */
    private void encode(double[] z, int from, double[] out, int to) {
        SmallMatrices.multiplyTransposed(inputs, 0, embedding.samples(), student.inputDim(), z, from, student.dim(),
                out, to);
    }

    /** {@code e = (W Xi^T, y, P)} of student state z (or direction v), with the targets {@code (Wbar Xi^T, ybar, c)}. */
    void embed(double[] z, double[] e, boolean targets) {
        int d = student.dim();
        int k = student.classes();
        encode(z, student.w(), e, embedding.x(0));
        System.arraycopy(z, student.y(0), e, embedding.y(0), k * d);
        if (student.hasHead()) {
            System.arraycopy(z, student.p(), e, embedding.p(), d * d);
        }
        if (targets && student.hasTargets()) {
            encode(z, student.wTarget(), e, embedding.xTarget(0));
            System.arraycopy(z, student.yTarget(0), e, embedding.yTarget(0), k * d);
        }
        if (targets && student.hasCentre()) {
            System.arraycopy(z, student.centre(), e, embedding.centre(), d);
        }
    }

    /** {@code g[to + j] += ge[from + j]} for {@code j < n}: a block the student shares with the embedding state. */
    private static void add(double[] ge, int from, double[] g, int to, int n) {
        for (int j = 0; j < n; j++) {
            g[to + j] += ge[from + j];
        }
    }

    /**
     * {@code g_W += sum_i ge_{x_i} xi_i^T}; labels and head (with the targets: label copies and centre) copied
     * over. The rows of {@code xbar} hold only the embedding copies' relaxation {@code xbar - x}: they are
     * replaced by the encoder copy's {@code Wbar - W} at z (drive) or at the direction (its derivative: the
     * relaxation is linear).
     */
    void pullBack(double[] ge, double[] z, double[] g, boolean targets) {
        int d = student.dim();
        int dd = student.inputDim();
        int w = student.w();
        int k = student.classes();
        for (int i = 0; i < embedding.samples(); i++) {
            for (int a = 0; a < d; a++) {
                double ga = ge[embedding.x(i) + a];
                if (ga != 0) {
                    for (int b = 0; b < dd; b++) {
                        g[w + a * dd + b] += ga * inputs[i * dd + b];
                    }
                }
            }
        }
        add(ge, embedding.y(0), g, student.y(0), k * d);
        if (student.hasHead()) {
            add(ge, embedding.p(), g, student.p(), d * d);
        }
        if (targets && student.hasTargets()) {
            int t = student.wTarget();
            for (int j = 0; j < d * dd; j++) {
                g[t + j] += z[t + j] - z[w + j];
            }
            add(ge, embedding.yTarget(0), g, student.yTarget(0), k * d);
        }
        if (targets && student.hasCentre()) {
            add(ge, embedding.centre(), g, student.centre(), d);
        }
    }
}
