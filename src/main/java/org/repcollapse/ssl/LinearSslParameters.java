package org.repcollapse.ssl;

import java.util.Arrays;

/**
 * The parameters of the linear non-contrastive SSL model (Tian, Chen and Ganguli 2021): online
 * network {@code W} (d x D), predictor {@code W_p} (d x d), target {@code W_a} (d x D).
 *
 * <ul>
 * <li>{@code spectrum}: the eigenvalues {@code lambda_b} of the data covariance, {@code X = diag(lambda)}
 * in the input basis (D of them; all 1 is {@code X = I});</li>
 * <li>{@code augmentationNoise}: {@code sigma^2} of the isotropic augmentation covariance
 * {@code X' = sigma^2 I} (not {@code sigma^2 X}: the paper's isotropic case; the two agree at {@code X = I});</li>
 * <li>{@code weightDecay} {@code eta}, {@code predictorRate} {@code alpha_p}, {@code emaRate} {@code beta}
 * (0: SimSiam, the target is the online network under stop-gradient);</li>
 * <li>{@code directPred}: the predictor is not learned but set from {@code F = W X W^T}
 * ({@link DirectPredictor}), with floor {@code epsilon}.</li>
 * </ul>
 */
public record LinearSslParameters(int dim, int inputDim, double augmentationNoise, double weightDecay,
                                  double predictorRate, double emaRate, double[] spectrum, boolean directPred,
                                  double epsilon) {

    public LinearSslParameters {
        if (dim < 1 || inputDim < dim) {
            throw new IllegalArgumentException("need 1 <= d <= D, got d = " + dim + ", D = " + inputDim);
        }
        if (spectrum == null || spectrum.length == 0) {
            spectrum = new double[inputDim];
            Arrays.fill(spectrum, 1.0);
        } else {
            spectrum = spectrum.clone();
        }
        if (spectrum.length != inputDim) {
            throw new IllegalArgumentException("spectrum has " + spectrum.length + " values, D = " + inputDim);
        }
    }

    /** SimSiam, learned predictor, {@code X = I}. */
    public static LinearSslParameters simSiam(int d, int inputDim, double sigma2, double eta, double alphaP) {
        return new LinearSslParameters(d, inputDim, sigma2, eta, alphaP, 0.0, null, false, 0.0);
    }

    public LinearSslParameters withEma(double beta) {
        return new LinearSslParameters(dim, inputDim, augmentationNoise, weightDecay, predictorRate, beta, spectrum,
                directPred, epsilon);
    }

    public LinearSslParameters withDirectPred(double eps) {
        return new LinearSslParameters(dim, inputDim, augmentationNoise, weightDecay, predictorRate, emaRate, spectrum,
                true, eps);
    }

    public LinearSslParameters withSpectrum(double[] lambda) {
        return new LinearSslParameters(dim, inputDim, augmentationNoise, weightDecay, predictorRate, emaRate, lambda,
                directPred, epsilon);
    }

    /** Whether the target network is a state variable ({@code beta > 0}, BYOL's EMA). */
    public boolean hasTarget() {
        return emaRate > 0;
    }

    /** Whether {@code W_p} is a state variable (learned, not DirectPred). */
    public boolean learnsPredictor() {
        return !directPred;
    }

    /** Whether {@code X = I}: the condition of the eigen-mode reduction ({@link ModeFlow}). */
    public boolean isotropic() {
        for (double l : spectrum) {
            if (l != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** {@code k = 1 + sigma^2}: {@code X + X'} at {@code X = I}. */
    public double k() {
        return 1.0 + augmentationNoise;
    }

    @Override
    public double[] spectrum() {
        return spectrum.clone();
    }

    double lambda(int b) {
        return spectrum[b];
    }
}
