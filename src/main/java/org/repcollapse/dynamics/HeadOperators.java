package org.repcollapse.dynamics;

/**
 * The two d x d operators through which the head enters the sample and label drives (spec
 * section 3): {@code B = P^T P + (1-s) I} (a point's pull toward its own prediction) and
 * {@code A = P^T + (1-s) P} (the pull toward the other side's embedding).
 */
final class HeadOperators {

    private HeadOperators() {
    }

    /**
     * For the head stored row-major in {@code z} from offset p (all d x d row-major): {@code P^T} into
     * pT, {@code B = P^T P + (1-s) I} into b (a chain of fma in k order by the {@link SampleKernel},
     * exactly symmetric) and {@code A^T = P + (1-s) P^T} into aT.
     *
     * @param keep {@code 1 - s}: 0 with stop-gradient, 1 without
     */
    static void fillTransposed(SampleKernel kernel, double[] z, int p, int d, double keep, double[] pT, double[] b,
            double[] aT) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                pT[j * d + i] = z[p + i * d + j];
                aT[i * d + j] = z[p + i * d + j] + keep * z[p + j * d + i];
            }
        }
        kernel.multiply(pT, 0, d, d, z, p, d, b, 0);
        for (int i = 0; i < d; i++) {
            b[i * d + i] += keep;
        }
    }
}
