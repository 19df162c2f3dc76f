package org.repcollapse.model;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The teacher of spec section 5: class prototypes {@code mu_c ~ kappa N(0, I_D / D)} and
 * inputs {@code xi_i = mu_{t_i} + sigma z_i / sqrt(D)}, {@code z_i ~ N(0, I_D)}, drawn from the
 * TEACHER and INPUTS streams. Prototypes are K x D and inputs N x D, row-major.
 */
public record Teacher(int inputDim, double kappa, double sigma, double[] prototypes, double[] inputs) {

    public static Teacher generate(int classes, int inputDim, double kappa, double sigma, int[] trueClass,
                                   RandomStreams streams) {
        int n = trueClass.length;
        double[] mu = new double[classes * inputDim];
        InitialState.fill(mu, 0, mu.length, kappa / Math.sqrt(inputDim), streams.stream(RandomStreams.Purpose.TEACHER));
        double[] xi = new double[n * inputDim];
        ZigguratSampler.NormalizedGaussian g =
                ZigguratSampler.NormalizedGaussian.of(streams.stream(RandomStreams.Purpose.INPUTS));
        double noise = sigma / Math.sqrt(inputDim);
        for (int i = 0; i < n; i++) {
            int c = trueClass[i];
            for (int b = 0; b < inputDim; b++) {
                xi[i * inputDim + b] = mu[c * inputDim + b] + noise * g.sample();
            }
        }
        return new Teacher(inputDim, kappa, sigma, mu, xi);
    }

    public int samples() {
        return inputs.length / inputDim;
    }

    /** {@code E |xi_i|^2 = kappa^2 + sigma^2}. */
    public double meanSquaredNorm() {
        return kappa * kappa + sigma * sigma;
    }
}
