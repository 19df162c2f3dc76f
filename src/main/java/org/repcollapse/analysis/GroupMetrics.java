package org.repcollapse.analysis;

import java.util.List;

import org.repcollapse.dynamics.SampleKernel;
import org.repcollapse.model.GroupStatistics;

/**
 * The columns of {@link Metrics} computed from group statistics alone (spec section 4), for
 * the mean-field solver that has no individual samples. Exact from means and scatters:
 * label distances, head spectrum, {@code mismatch = 1/2 sum_S |S| (n_S |P m_S - ybar_S|^2 + tr(P C_S P^T))},
 * and the covariance {@code C = (sum_S C_S + sum_S n_S (m_S - mu)(m_S - mu)^T) / N} with its
 * spectrum, variances and effective rank. Per-sample quantities (accuracy, alignment,
 * uniformity) need the samples themselves and are NaN here.
 */
public final class GroupMetrics {

    private final int dim;
    private final SampleKernel kernel = SampleKernel.selected();

    public GroupMetrics(int dim) {
        this.dim = dim;
    }

    public List<String> columns() {
        return Metrics.columns(dim);
    }

    public double[] evaluate(double t, double loss, GroupStatistics s) {
        int d = dim;
        double[] row = new double[Metrics.COV_EIG_1 + d];
        row[Metrics.T] = t;
        row[Metrics.LOSS] = loss;
        row[Metrics.ACCURACY] = Double.NaN;
        LabelGeometry geometry = new LabelGeometry(s.labels(), s.structure().classes(), d);
        row[Metrics.MIN_LABEL_DISTANCE] = geometry.min();
        row[Metrics.MEAN_LABEL_DISTANCE] = geometry.mean();
        row[Metrics.MISMATCH] = mismatch(s);
        row[Metrics.ALIGNMENT] = Double.NaN;
        row[Metrics.UNIFORMITY] = Double.NaN;
        Metrics.headColumns(row, s.head(), 0, d);
        Metrics.spectrumColumns(row, new EmbeddingSpectrum(covariance(s)));
        return row;
    }

    /** The covariance of all samples, {@code X_c^T X_c / N}, from means and scatters. */
    public static double[][] covariance(GroupStatistics s) {
        int d = s.dim();
        double n = s.samples();
        double[] mu = new double[d];
        for (int g = 0; g < s.groups(); g++) {
            for (int k = 0; k < d; k++) {
                mu[k] += s.structure().groupSize(g) * s.means()[g * d + k] / n;
            }
        }
        double[][] c = new double[d][d];
        for (int g = 0; g < s.groups(); g++) {
            double ng = s.structure().groupSize(g);
            for (int a = 0; a < d; a++) {
                double da = s.means()[g * d + a] - mu[a];
                for (int b = 0; b < d; b++) {
                    double db = s.means()[g * d + b] - mu[b];
                    c[a][b] += (s.scatter()[g * d * d + a * d + b] + ng * da * db) / n;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double m = 0.5 * (c[a][b] + c[b][a]);
                c[a][b] = m;
                c[b][a] = m;
            }
        }
        return c;
    }

    private double mismatch(GroupStatistics s) {
        int d = dim;
        double[] pc = new double[d * d];
        double sum = 0;
        double[] pm = new double[d];
        for (int g = 0; g < s.groups(); g++) {
            int[] labels = s.structure().groups().get(g);
            int l = labels.length;
            double ng = s.structure().groupSize(g);
            for (int a = 0; a < d; a++) {
                double v = 0;
                for (int b = 0; b < d; b++) {
                    v += p(s, a, b) * s.means()[g * d + b];
                }
                for (int c : labels) {
                    v -= s.labels()[c * d + a] / l;
                }
                pm[a] = v;
            }
            double r2 = 0;
            for (double v : pm) {
                r2 += v * v;
            }
            // tr(P C P^T) = sum_{a,b} (P C)_ab P_ab, (P C) by the kernel
            double tr = 0;
            if (s.hasHead()) {
                kernel.multiply(s.head(), 0, d, d, s.scatter(), g * d * d, d, pc, 0);
                for (int k = 0; k < d * d; k++) {
                    tr += pc[k] * s.head()[k];
                }
            } else {
                for (int k = 0; k < d; k++) {
                    tr += s.scatter()[g * d * d + k * d + k];
                }
            }
            sum += l * (ng * r2 + tr);
        }
        return 0.5 * sum;
    }

    private static double p(GroupStatistics s, int a, int b) {
        return s.hasHead() ? s.head()[a * s.dim() + b] : (a == b ? 1.0 : 0.0);
    }
}
