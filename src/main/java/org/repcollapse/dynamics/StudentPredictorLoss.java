package org.repcollapse.dynamics;

import java.util.Arrays;

import org.repcollapse.model.InputStatistics;
import org.repcollapse.model.StudentLayout;

/**
 * The predictor loss of spec section 3 on a linear student {@code x_i = W xi_i} (spec section 5),
 * from the input statistics. With {@code B = P^T P + (1-s) I} and {@code A = P^T + (1-s) P}:
 * {@code G_W = B W C - sum_c (A y_c) M_c^T}, {@code G_{y_c} = n_c B y_c - A W M_c},
 * {@code G_P = P (W C W^T + sum_c n_c y_c y_c^T) - sum_c [y_c (W M_c)^T + (W M_c) y_c^T]}.
 *
 * <p>That is {@code G_W = sum_E g_ic xi_i^T} with {@code g_ic} the (stop-gradient) drive of
 * {@code x_i}; the sg rule applies unchanged. Cost per call {@code O(d D min(N, D) + d^2 D + K d D)}.
 */
public final class StudentPredictorLoss implements LossTerm {

    private final StudentLayout layout;
    private final InputStatistics stats;
    private final double keep;
    private final double[] xf;
    private final double[] wc;
    private final double[] scratch;
    private final double[] wm;
    private final double[] ay;
    private final double[] b;
    private final double[] a;
    private final double[] s;

    /** @param stopGradient s = 1 when true, s = 0 otherwise */
    public StudentPredictorLoss(StudentLayout layout, InputStatistics stats, boolean stopGradient) {
        if (!layout.hasHead()) {
            throw new IllegalArgumentException("the predictor loss needs a head in the state");
        }
        this.layout = layout;
        this.stats = stats;
        this.keep = stopGradient ? 0.0 : 1.0;
        int d = layout.dim();
        xf = new double[d * stats.rank()];
        wc = new double[d * stats.inputDim()];
        scratch = new double[d * stats.inputDim()];
        wm = new double[layout.classes() * d];
        ay = new double[layout.classes() * d];
        b = new double[d * d];
        a = new double[d * d];
        s = new double[d * d];
    }

    public boolean stopGradient() {
        return keep == 0.0;
    }

    /** {@code S_xx = W C W^T = xf xf^T} into s. */
    private void secondMoment(int d) {
        int r = stats.rank();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = 0;
                for (int k = 0; k < r; k++) {
                    v += xf[i * r + k] * xf[j * r + k];
                }
                s[i * d + j] = v;
                s[j * d + i] = v;
            }
        }
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        int p = layout.p();
        stats.project(z, layout.w(), d, xf);
        stats.classEmbeddingSums(z, layout.w(), d, wm);
        secondMoment(d);
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += 0.5 * s[i * d + i];
            for (int j = 0; j < d; j++) {
                double pp = 0;
                for (int k = 0; k < d; k++) {
                    pp += z[p + i * d + k] * s[k * d + j];
                }
                sum += 0.5 * pp * z[p + i * d + j];
            }
        }
        for (int c = 0; c < layout.classes(); c++) {
            int yc = layout.y(c);
            int n = stats.degree(c);
            for (int i = 0; i < d; i++) {
                double py = 0;
                double pw = 0;
                for (int k = 0; k < d; k++) {
                    py += z[p + i * d + k] * z[yc + k];
                    pw += z[p + i * d + k] * wm[c * d + k];
                }
                double y = z[yc + i];
                sum += 0.5 * n * (y * y + py * py) - y * pw - py * wm[c * d + i];
            }
        }
        return sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        int dd = stats.inputDim();
        int w0 = layout.w();
        int p = layout.p();
        int kk = layout.classes();
        stats.project(z, w0, d, xf);
        stats.expand(xf, d, wc);
        stats.classEmbeddingSums(z, w0, d, wm);
        secondMoment(d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += z[p + k * d + i] * z[p + k * d + j];
                }
                b[i * d + j] = v + (i == j ? keep : 0.0);
                a[i * d + j] = z[p + j * d + i] + keep * z[p + i * d + j];
            }
        }
        // G_W += B (W C)
        for (int i = 0; i < d; i++) {
            int gr = w0 + i * dd;
            for (int k = 0; k < d; k++) {
                double bik = b[i * d + k];
                int wr = k * dd;
                for (int col = 0; col < dd; col++) {
                    g[gr + col] += bik * wc[wr + col];
                }
            }
        }
        // G_W -= sum_c (A y_c) M_c^T
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += a[i * d + k] * z[yc + k];
                }
                ay[c * d + i] = v;
            }
        }
        stats.labelInputs(ay, 0, d, scratch);
        for (int k = 0; k < d * dd; k++) {
            g[w0 + k] -= scratch[k];
        }
        // G_y = n_c B y_c - A W M_c
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            int n = stats.degree(c);
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += n * b[i * d + k] * z[yc + k] - a[i * d + k] * wm[c * d + k];
                }
                g[yc + i] += v;
            }
        }
        // G_P = P (S_xx + S_yy) - S_wy - S_wy^T, with S_wy[i][j] = sum_c (W M_c)_i y_c[j]
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            int n = stats.degree(c);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    s[i * d + j] += n * z[yc + i] * z[yc + j];
                }
            }
        }
        Arrays.fill(b, 0.0);
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    b[i * d + j] += wm[c * d + i] * z[yc + j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += z[p + i * d + k] * s[k * d + j];
                }
                g[p + i * d + j] += v - b[i * d + j] - b[j * d + i];
            }
        }
    }
}
