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
 * {@code x_i}; the sg rule applies unchanged.
 *
 * <p>With {@code C = F^T F} and the basis {@code E = [F; M]} ({@link InputStatistics}): one product
 * {@code [W F^T, W M^T] = W E^T}, then {@code S_xx = (W F^T)(W F^T)^T} and
 * {@code G_W = [B W F^T, -(A Y)^T] E}, each element of G_W one fma chain over the rows of E
 * ({@link BasisProducts}, {@link ProductKernel}). Cost per call {@code 2 d D (min(N, D) + K) + 2 d^2 min(N, D) + O(d^3)};
 * no allocation.
 */
public final class StudentPredictorLoss extends StudentStatisticsTerm {

    private final ProductKernel kernel;
    private final double keep;
    /** {@code (W F^T)^T}, r x d. */
    private final double[] projT;
    /** {@code [B W F^T, -(A Y)^T]}, d x stride. */
    private final double[] bProj;
    private final double[] b;
    private final double[] a;
    private final double[] s;

    /** @param stopGradient s = 1 when true, s = 0 otherwise */
    public StudentPredictorLoss(StudentLayout layout, InputStatistics stats, boolean stopGradient) {
        this(layout, stats, stopGradient, ProductKernel.selected());
    }

    StudentPredictorLoss(StudentLayout layout, InputStatistics stats, boolean stopGradient, ProductKernel kernel) {
        super(layout, stats, kernel);
        if (!layout.hasHead()) {
            throw new IllegalArgumentException("the predictor loss needs a head in the state");
        }
        this.kernel = kernel;
        this.keep = stopGradient ? 0.0 : 1.0;
        int d = layout.dim();
        projT = new double[r * d];
        bProj = new double[d * stride];
        b = new double[d * d];
        a = new double[d * d];
        s = new double[d * d];
    }

    public boolean stopGradient() {
        return keep == 0.0;
    }

    /** {@code (W M_c)_i}, from {@link #project}. */
    private double wm(int c, int i) {
        return proj[i * stride + r + c];
    }

    /** {@code S_xx = W C W^T = (W F^T)(W F^T)^T} into s (exactly symmetric: fma is commutative in its factors). */
    private void secondMoment(int d) {
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < r; k++) {
                projT[k * d + i] = proj[i * stride + k];
            }
        }
        kernel.multiply(proj, 0, stride, projT, 0, d, s, 0, d, d, r, d, false);
    }

    @Override
    public double value(double[] z) {
        int d = layout.dim();
        int p = layout.p();
        project(z);
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
                    pw += z[p + i * d + k] * wm(c, k);
                }
                double y = z[yc + i];
                sum += 0.5 * n * (y * y + py * py) - y * pw - py * wm(c, i);
            }
        }
        return sum;
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        int d = layout.dim();
        int w0 = layout.w();
        int p = layout.p();
        int kk = layout.classes();
        project(z);
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
        // G_W += [B W F^T, -(A Y)^T] [F; M]: one fma chain per element over the rows of E
        kernel.multiply(b, 0, d, proj, 0, stride, bProj, 0, stride, d, d, r, false);
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += a[i * d + k] * z[yc + k];
                }
                bProj[i * stride + r + c] = -v;
            }
        }
        products.addExpansion(bProj, stride, d, g, w0);
        // G_y = n_c B y_c - A W M_c
        for (int c = 0; c < kk; c++) {
            int yc = layout.y(c);
            int n = stats.degree(c);
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += n * b[i * d + k] * z[yc + k] - a[i * d + k] * wm(c, k);
                }
                g[yc + i] += v;
            }
        }
        // G_P = P (S_xx + S_yy) - S_wy - S_wy^T, with S_wy[i][j] = sum_c (W M_c)_i y_c[j] (into b)
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
                    b[i * d + j] += wm(c, i) * z[yc + j];
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
