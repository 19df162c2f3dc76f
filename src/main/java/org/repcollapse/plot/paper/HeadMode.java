package org.repcollapse.plot.paper;

import org.repcollapse.model.Embeddings;

/**
 * The head eigenvalue carried by a label mode v (R5): at a stop-gradient fixed point
 * {@code P^2 v = tau_k v}, while P itself swaps v with the matching sample-mean direction
 * (its eigenvalues on that plane are {@code +-sqrt(tau_k)}), so the mode's eigenvalue is read
 * from P^2: {@code p(v) = sqrt(v^T P^2 v / v^T v)} (sign kept when the quotient is negative).
 */
final class HeadMode {

    private HeadMode() {
    }

    static double eigenvalue(Embeddings e, double[] v) {
        int d = e.dim();
        double[] pv = new double[d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                pv[a] += e.p(a, b) * v[b];
            }
        }
        double num = 0;
        double den = 0;
        for (int a = 0; a < d; a++) {
            double ppv = 0;
            for (int b = 0; b < d; b++) {
                ppv += e.p(a, b) * pv[b];
            }
            num += v[a] * ppv;
            den += v[a] * v[a];
        }
        double q = num / den;
        return Math.signum(q) * Math.sqrt(Math.abs(q));
    }
}
