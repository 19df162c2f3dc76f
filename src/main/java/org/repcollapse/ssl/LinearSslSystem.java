package org.repcollapse.ssl;

import org.repcollapse.dynamics.InPlaceOde;
import org.repcollapse.dynamics.LossFlow;

/**
 * The gradient flow of linear non-contrastive SSL (BYOL / SimSiam; Tian, Chen and Ganguli 2021,
 * Eqs. 4-6) on the loss {@code J = 1/2 E |W_p W x_1 - sg(W_a x_2)|^2}, two augmentations of one
 * input, {@code X = E[x x^T]}, {@code X' = sigma^2 I}:
 *
 * <pre>
 *   R       = -W_p W (X + X') + W_a X                       (d x D)
 *   dW_p/dt = alpha_p R W^T - eta W_p
 *   dW/dt   = W_p^T R - eta W
 *   dW_a/dt = beta (W - W_a)          (beta = 0, SimSiam: W_a = W, no third block)
 * </pre>
 *
 * With DirectPred ({@link DirectPredictor}) W_p is set from W and only W (and W_a) move. State layout
 * {@link LinearSslLayout}; X is diagonal in the input basis, so products with X scale columns.
 * Cost {@code 3 d^2 D} per right-hand side; the two d x D work arrays are allocated once, and a learned
 * predictor's right-hand side allocates nothing (DirectPred's eigen-decomposition of F does, in Hipparchus).
 */
public final class LinearSslSystem extends LossFlow implements InPlaceOde {

    private final LinearSslParameters parameters;
    private final LinearSslLayout layout;
    private final int d;
    private final int inputDim;
    /** {@code lambda_b}, the diagonal of X. */
    private final double[] x;
    /** {@code lambda_b + sigma^2}, the diagonal of X + X'. */
    private final double[] xx;
    private final double[] a;
    private final double[] r;
    private final double[] wp;
    private final DirectPredictor direct;

    public LinearSslSystem(LinearSslParameters p) {
        this(p, LinearSslLayout.of(p));
    }

    private LinearSslSystem(LinearSslParameters p, LinearSslLayout layout) {
        super(layout.dimension());
        this.parameters = p;
        this.layout = layout;
        this.d = p.dim();
        this.inputDim = p.inputDim();
        this.x = p.spectrum();
        this.xx = new double[inputDim];
        for (int b = 0; b < inputDim; b++) {
            xx[b] = x[b] + p.augmentationNoise();
        }
        this.a = new double[d * inputDim];
        this.r = new double[d * inputDim];
        this.wp = new double[d * d];
        this.direct = p.directPred() ? new DirectPredictor(p) : null;
    }

    public LinearSslParameters parameters() {
        return parameters;
    }

    public LinearSslLayout layout() {
        return layout;
    }

    @Override
    public double[] computeDerivatives(double t, double[] z) {
        double[] out = new double[z.length];
        computeDerivatives(t, z, out);
        return out;
    }

    @Override
    public void computeDerivatives(double t, double[] z, double[] out) {
        countEvaluation();
        double eta = parameters.weightDecay();
        int w = layout.online();
        int ta = layout.targetOffset();
        double[] p = predictor(z);
        int po = layout.predictor() ? layout.predictorOffset() : 0;
        residual(z, p, po);
        if (layout.predictor()) {
            double alpha = parameters.predictorRate();
            // dW_p = alpha_p R W^T - eta W_p
            for (int i = 0; i < d; i++) {
                int ri = i * inputDim;
                for (int c = 0; c < d; c++) {
                    int wc = w + c * inputDim;
                    double sum = 0;
                    for (int b = 0; b < inputDim; b++) {
                        sum += r[ri + b] * z[wc + b];
                    }
                    out[po + i * d + c] = alpha * sum - eta * z[po + i * d + c];
                }
            }
        }
        // dW = W_p^T R - eta W
        for (int c = 0; c < d; c++) {
            int oc = w + c * inputDim;
            for (int b = 0; b < inputDim; b++) {
                out[oc + b] = -eta * z[oc + b];
            }
            for (int i = 0; i < d; i++) {
                double pic = p[po + i * d + c];
                int ri = i * inputDim;
                for (int b = 0; b < inputDim; b++) {
                    out[oc + b] += pic * r[ri + b];
                }
            }
        }
        if (layout.target()) {
            double beta = parameters.emaRate();
            int n = d * inputDim;
            for (int k = 0; k < n; k++) {
                out[ta + k] = beta * (z[w + k] - z[ta + k]);
            }
        }
    }

    /** The array holding {@code W_p} (z itself, or the DirectPred buffer at offset 0). */
    private double[] predictor(double[] z) {
        if (layout.predictor()) {
            return z;
        }
        direct.predictor(z, layout.online(), wp);
        return wp;
    }

    /** {@code A = W_p W} and {@code R = -A (X + X') + W_a X} into the work arrays. */
    private void residual(double[] z, double[] p, int po) {
        int w = layout.online();
        int ta = layout.targetOffset();
        java.util.Arrays.fill(a, 0.0);
        for (int i = 0; i < d; i++) {
            int ai = i * inputDim;
            for (int c = 0; c < d; c++) {
                double pic = p[po + i * d + c];
                int wc = w + c * inputDim;
                for (int b = 0; b < inputDim; b++) {
                    a[ai + b] += pic * z[wc + b];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            int ai = i * inputDim;
            for (int b = 0; b < inputDim; b++) {
                r[ai + b] = -a[ai + b] * xx[b] + z[ta + ai + b] * x[b];
            }
        }
    }

    /**
     * The loss {@code J = 1/2 [tr(A (X+X') A^T) - 2 tr(A X W_a^T) + tr(W_a (X+X') W_a^T)]},
     * {@code A = W_p W} (the expectation over two independent augmentations).
     */
    @Override
    public double loss(double[] z) {
        double[] p = predictor(z);
        int po = layout.predictor() ? layout.predictorOffset() : 0;
        residual(z, p, po);
        int ta = layout.targetOffset();
        double sum = 0;
        for (int i = 0; i < d; i++) {
            int ai = i * inputDim;
            for (int b = 0; b < inputDim; b++) {
                double av = a[ai + b];
                double wa = z[ta + ai + b];
                sum += av * av * xx[b] - 2 * av * wa * x[b] + wa * wa * xx[b];
            }
        }
        return 0.5 * sum;
    }

    /** {@code W_p} at z, row-major d x d (a copy). */
    public double[] predictorMatrix(double[] z) {
        double[] p = predictor(z);
        int po = layout.predictor() ? layout.predictorOffset() : 0;
        double[] out = new double[d * d];
        System.arraycopy(p, po, out, 0, d * d);
        return out;
    }
}
