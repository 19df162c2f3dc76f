package org.repcollapse.dynamics;

/**
 * The labels of a linear flow from a given start, mode by mode:
 * {@code Y(t) = Y(inf) + sum_j exp(-lambda_j t) l_j p_j^T}, {@code lambda_j > 0} the non-zero
 * eigenvalues of the operator A, {@code l_j} (K) the label block of mode j in state coordinates,
 * {@code p_j} (d) its amplitude on each embedding coordinate. A label difference
 * {@code y_a - y_b} decays at the smallest {@code lambda_j} with {@code (l_ja - l_jb) p_j != 0}.
 *
 * @param rates     {@code lambda_j}, ascending
 * @param patterns  {@code l_j}, one K-vector per mode
 * @param amplitude {@code p_j}, one d-vector per mode
 * @param limit     {@code Y(inf)}, K x d row-major
 */
public record LabelModes(double[] rates, double[][] patterns, double[][] amplitude, double[] limit,
                         int classes, int dim) {

    /** {@code Y(t)}, K x d row-major. */
    public double[] labels(double t) {
        double[] y = limit.clone();
        for (int j = 0; j < rates.length; j++) {
            double decay = Math.exp(-rates[j] * t);
            if (decay == 0.0) {
                continue;
            }
            for (int c = 0; c < classes; c++) {
                double w = patterns[j][c] * decay;
                for (int a = 0; a < dim; a++) {
                    y[c * dim + a] += w * amplitude[j][a];
                }
            }
        }
        return y;
    }

    /** {@code (l_ja - l_jb) p_j}: the part of {@code y_a - y_b} that mode j carries (d), at t = 0. */
    public double[] difference(int j, int a, int b) {
        double[] v = new double[dim];
        double w = patterns[j][a] - patterns[j][b];
        for (int k = 0; k < dim; k++) {
            v[k] = w * amplitude[j][k];
        }
        return v;
    }

    /**
     * Collects the modes of a diagonalised operator: rows {@code labelRow..labelRow+K-1} of the
     * state are the labels, {@code c} the modal coordinates of the start ({@link SymmetrizableOperator#coordinates}).
     */
    static LabelModes of(SymmetrizableOperator op, double[] c, int labelRow, int classes, int dim) {
        int n = op.size();
        double[] limit = new double[classes * dim];
        java.util.List<Integer> moving = new java.util.ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (op.eigenvalue(j) == 0.0) {
                for (int k = 0; k < classes; k++) {
                    double w = op.mode(j, labelRow + k);
                    for (int a = 0; a < dim; a++) {
                        limit[k * dim + a] += w * c[j * dim + a];
                    }
                }
            } else {
                moving.add(j);
            }
        }
        moving.sort((p, q) -> Double.compare(op.eigenvalue(p), op.eigenvalue(q)));
        int m = moving.size();
        double[] rates = new double[m];
        double[][] patterns = new double[m][classes];
        double[][] amplitude = new double[m][dim];
        for (int q = 0; q < m; q++) {
            int j = moving.get(q);
            rates[q] = op.eigenvalue(j);
            for (int k = 0; k < classes; k++) {
                patterns[q][k] = op.mode(j, labelRow + k);
            }
            System.arraycopy(c, j * dim, amplitude[q], 0, dim);
        }
        return new LabelModes(rates, patterns, amplitude, limit, classes, dim);
    }
}
