package org.repcollapse.dynamics;

import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The finite-difference checks the flow tests share (tests only): central differences of a drive
 * along a direction and of a loss along each coordinate, and the error/scale pairs their
 * assertions read. Each test states its own step and tolerance.
 */
final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** {@code (G(z + h v) - G(z - h v)) / (2 h)} for the drive G, added by {@code addDrive} into zeros. */
    static double[] directional(BiConsumer<double[], double[]> addDrive, double[] z, double[] v, double h) {
        double[] zp = z.clone();
        double[] zm = z.clone();
        for (int k = 0; k < z.length; k++) {
            zp[k] += h * v[k];
            zm[k] -= h * v[k];
        }
        double[] gp = new double[z.length];
        double[] gm = new double[z.length];
        addDrive.accept(zp, gp);
        addDrive.accept(zm, gm);
        double[] d = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            d[k] = (gp[k] - gm[k]) / (2 * h);
        }
        return d;
    }

    /** {@code {max |approx - exact|, max |exact|}}. */
    static double[] errorAndScale(double[] approx, double[] exact) {
        double err = 0;
        double scale = 0;
        for (int k = 0; k < exact.length; k++) {
            err = Math.max(err, Math.abs(approx[k] - exact[k]));
            scale = Math.max(scale, Math.abs(exact[k]));
        }
        return new double[] {err, scale};
    }

    /** {@code {max |a - f|, max |a|}} over two square matrices (a analytic, f differences). */
    static double[] errorAndScale(double[][] a, double[][] f) {
        double err = 0;
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a.length; c++) {
                err = Math.max(err, Math.abs(a[r][c] - f[r][c]));
                max = Math.max(max, Math.abs(a[r][c]));
            }
        }
        return new double[] {err, max};
    }

    /**
     * A gradient flow without stop-gradient is {@code dz/dt = -R grad L}: {@code {max_k |-R_k dL/dz_k - g_k|,
     * max |g_k|}} with dL/dz_k by central differences of step h (z is restored).
     */
    static double[] gradientFlowError(double[] z, double[] g, double[] rate, ToDoubleFunction<double[]> loss,
                                      double h) {
        double err = 0;
        double scale = 0;
        for (int k = 0; k < z.length; k++) {
            double zk = z[k];
            z[k] = zk + h;
            double fp = loss.applyAsDouble(z);
            z[k] = zk - h;
            double fm = loss.applyAsDouble(z);
            z[k] = zk;
            err = Math.max(err, Math.abs(-rate[k] * (fp - fm) / (2 * h) - g[k]));
            scale = Math.max(scale, Math.abs(g[k]));
        }
        return new double[] {err, scale};
    }
}
