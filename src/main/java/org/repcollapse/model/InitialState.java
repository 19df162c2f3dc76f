package org.repcollapse.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The seeded initial condition: {@code x_i ~ N(0, s_x^2 I)}, {@code y_c ~ N(0, s_y^2 I)},
 * {@code P = I + s_P * noise} with standard normal noise entries.
 */
public final class InitialState {

    private InitialState() {
    }

    public static double[] sample(StateLayout layout, double sx, double sy, double sp, RandomStreams streams) {
        double[] z = new double[layout.dimension()];
        int d = layout.dim();
        fill(z, layout.x(0), layout.samples() * d, sx, streams.stream(RandomStreams.Purpose.SAMPLES));
        fill(z, layout.y(0), layout.classes() * d, sy, streams.stream(RandomStreams.Purpose.LABEL_EMBEDDINGS));
        if (layout.hasHead()) {
            int p = layout.p();
            fill(z, p, d * d, sp, streams.stream(RandomStreams.Purpose.HEAD));
            for (int a = 0; a < d; a++) {
                z[p + a * d + a] += 1.0;
            }
        }
        if (layout.hasTargets()) {
            // the EMA targets start on the live embeddings
            System.arraycopy(z, layout.x(0), z, layout.xTarget(0), (layout.samples() + layout.classes()) * d);
        }
        // the centre c starts at 0 (DINO's initial centre)
        return z;
    }

    /** Fills {@code z[from .. from+count-1]} with N(0, scale^2) draws. */
    public static void fill(double[] z, int from, int count, double scale, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int k = 0; k < count; k++) {
            z[from + k] = scale * g.sample();
        }
    }
}
