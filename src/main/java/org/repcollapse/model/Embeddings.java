package org.repcollapse.model;

/**
 * Read-only view of the embeddings a metric looks at: sample embeddings {@code x_i}
 * (N x d, row-major from {@code xOff}), labels {@code y_c} (K x d from {@code yOff}) and
 * the head {@code P} (d x d from {@code pOff}), or no head when {@code p == null}.
 */
public record Embeddings(int samples, int classes, int dim,
                         double[] x, int xOff, double[] y, int yOff, double[] p, int pOff) {

    public boolean hasHead() {
        return p != null;
    }

    public double x(int i, int k) {
        return x[xOff + i * dim + k];
    }

    public double y(int c, int k) {
        return y[yOff + c * dim + k];
    }

    public double p(int a, int b) {
        return p[pOff + a * dim + b];
    }

    /** The representation used for classification: {@code P x_i} with a head, else {@code x_i}. */
    public double[] predictions() {
        double[] out = new double[samples * dim];
        for (int i = 0; i < samples; i++) {
            for (int a = 0; a < dim; a++) {
                if (p == null) {
                    out[i * dim + a] = x(i, a);
                } else {
                    double s = 0;
                    for (int b = 0; b < dim; b++) {
                        s += p(a, b) * x(i, b);
                    }
                    out[i * dim + a] = s;
                }
            }
        }
        return out;
    }

    /** A copy of the labels, K x d row-major. */
    public double[] labels() {
        double[] out = new double[classes * dim];
        System.arraycopy(y, yOff, out, 0, out.length);
        return out;
    }
}
