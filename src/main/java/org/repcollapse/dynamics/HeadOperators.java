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
     * Writes B and A (row-major d x d) for the head stored row-major in {@code z} from offset p.
     *
     * @param keep {@code 1 - s}: 0 with stop-gradient, 1 without
     */
    static void fill(double[] z, int p, int d, double keep, double[] b, double[] a) {
        // B_ij = sum_k P_ki P_kj, summed in k order; rows of P innermost (contiguous: 1.5x faster at d = 32)
        java.util.Arrays.fill(b, 0, d * d, 0.0);
        for (int k = 0; k < d; k++) {
            int pk = p + k * d;
            for (int i = 0; i < d; i++) {
                double pki = z[pk + i];
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    b[row + j] += pki * z[pk + j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                b[i * d + j] += i == j ? keep : 0.0;
                a[i * d + j] = z[p + j * d + i] + keep * z[p + i * d + j];
            }
        }
    }

    /**
     * The same operators for the full-N head drive, by the {@link SampleKernel}: {@code P^T} into pT,
     * {@code B = P^T P + (1-s) I} into b (a chain of fma in k order: equal to {@link #fill}'s B to
     * rounding, and exactly symmetric), {@code A^T = P + (1-s) P^T} into aT.
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
