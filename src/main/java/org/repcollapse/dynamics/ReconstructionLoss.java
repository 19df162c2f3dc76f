package org.repcollapse.dynamics;

import org.repcollapse.model.SmallMatrices;
import org.repcollapse.model.StudentLayout;

/**
 * Reconstruction of the teacher inputs by a linear decoder V (MAE-style, {@code prevention.reconstruction},
 * teacher-student model only): {@code L = (w/2) sum_i |V x_i - xi_i|^2}, {@code x_i = W xi_i}, summed over
 * the samples like the alignment term. With {@code R = V X - Xi^T} (D x N) and {@code X = W Xi^T}:
 * {@code G_V = w R X^T}, {@code G_W = w V^T R Xi}. Cost {@code O(N d D)} per call into buffers allocated
 * once (derivation in {@code papers/prevention.md}).
 */
public final class ReconstructionLoss implements LinearisedLossTerm {

    private final StudentLayout layout;
    private final double[] inputs;
    private final int samples;
    private final double weight;
    /** {@code X^T} rows {@code x_i} (N x d), the residuals {@code R^T} rows {@code r_i} (N x D), and their directions. */
    private final double[] x;
    private final double[] r;
    private final double[] dx;
    private final double[] dr;
    private final double[] vtr;

    /** @param inputs the N x D inputs {@code xi_i}, row-major */
    public ReconstructionLoss(StudentLayout layout, double[] inputs, double weight) {
        if (!layout.hasDecoder()) {
            throw new IllegalArgumentException("reconstruction needs the decoder V in the state");
        }
        this.layout = layout;
        this.inputs = inputs;
        this.samples = inputs.length / layout.inputDim();
        this.weight = weight;
        int d = layout.dim();
        int dd = layout.inputDim();
        x = new double[samples * d];
        r = new double[samples * dd];
        dx = new double[samples * d];
        dr = new double[samples * dd];
        vtr = new double[d];
    }

    /** {@code out_i = M xi_i} for the encoder (or its direction) at {@code mz}. */
    private void encode(double[] mz, double[] out) {
        SmallMatrices.multiplyTransposed(inputs, 0, samples, layout.inputDim(), mz, layout.w(), layout.dim(), out, 0);
    }

    /** {@code r_i = V x_i - xi_i}. */
    private void residuals(double[] z) {
        int d = layout.dim();
        int dd = layout.inputDim();
        int v = layout.v();
        encode(z, x);
        for (int i = 0; i < samples; i++) {
            for (int b = 0; b < dd; b++) {
                r[i * dd + b] = SmallMatrices.dot(z, v + b * d, x, i * d, d) - inputs[i * dd + b];
            }
        }
    }

    @Override
    public double value(double[] z) {
        residuals(z);
        return 0.5 * weight * SmallMatrices.dot(r, r);
    }

    /**
     * {@code G_V += w sum_i r_i x_i^T}, {@code G_W += w sum_i (V^T r_i) xi_i^T}, for residuals and codes given
     * and the decoder V (or its direction) read from {@code vz}.
     */
    private void addProducts(double[] vz, double[] res, double[] code, double[] g) {
        int d = layout.dim();
        int dd = layout.inputDim();
        int v = layout.v();
        int w = layout.w();
        for (int i = 0; i < samples; i++) {
            for (int b = 0; b < dd; b++) {
                double rb = weight * res[i * dd + b];
                for (int a = 0; a < d; a++) {
                    g[v + b * d + a] += rb * code[i * d + a];
                }
            }
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < dd; b++) {
                    s += vz[v + b * d + a] * res[i * dd + b];
                }
                vtr[a] = weight * s;
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < dd; b++) {
                    g[w + a * dd + b] += vtr[a] * inputs[i * dd + b];
                }
            }
        }
    }

    @Override
    public void addDrive(double[] z, double[] g) {
        residuals(z);
        addProducts(z, r, x, g);
    }

    /**
     * {@code dR = dV X + V dX}, {@code dX = dW Xi^T}: {@code dG_V = w (dR X^T + R dX^T)},
     * {@code dG_W = w (dV^T R + V^T dR) Xi}.
     */
    @Override
    public void addDriveDerivative(double[] z, double[] v, double[] out) {
        int d = layout.dim();
        int dd = layout.inputDim();
        int vo = layout.v();
        residuals(z);
        encode(v, dx);
        for (int i = 0; i < samples; i++) {
            for (int b = 0; b < dd; b++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    s += v[vo + b * d + a] * x[i * d + a] + z[vo + b * d + a] * dx[i * d + a];
                }
                dr[i * dd + b] = s;
            }
        }
        // w (dR X^T) and w V^T dR Xi, as the drive with R -> dR
        addProducts(z, dr, x, out);
        // w R dX^T into V, and w dV^T R Xi into W
        addProducts(v, r, dx, out);
    }
}
