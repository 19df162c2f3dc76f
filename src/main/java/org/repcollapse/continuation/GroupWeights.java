package org.repcollapse.continuation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.repcollapse.model.ClassCoupling;

/**
 * The groups of the mean-field limit (spec section 4) with real weights {@code w_S = n_S / N}: one
 * consistent group {c} per class of weight {@code (1 - phi) / K} (round-robin in the limit), and the
 * frustrated pairs of the pairing rule sharing {@code phi}: {@code adjacent} the K pairs {k, k+1 mod K}
 * (one pair {0, 1} for K = 2), {@code explicit} the listed pairs in turn, {@code random} the expected
 * weights, uniform over all K(K-1)/2 pairs. Groups of zero weight are kept (a fixed state dimension
 * over phi in [0, 1]); they exert no force. At any N with {@code phi N} frustrated samples and
 * {@code (1 - phi) N / K} consistent samples per class these are the structure's counts over N.
 */
public record GroupWeights(int classes, int[][] sets, double[] weights) {

    /** The weights at frustration fraction phi for the pairing rule ({@code pairs} for explicit). */
    public static GroupWeights of(int classes, double phi, String pairing, List<List<Integer>> pairs) {
        Map<String, int[]> frustrated = new LinkedHashMap<>();
        Map<String, Double> share = new LinkedHashMap<>();
        List<int[]> used = new ArrayList<>();
        switch (pairing) {
            case "adjacent":
                for (int k = 0; k < classes; k++) {
                    used.add(new int[] {k, (k + 1) % classes});
                }
                break;
            case "explicit":
                for (List<Integer> p : pairs) {
                    used.add(new int[] {p.get(0), p.get(1)});
                }
                break;
            default:
                for (int a = 0; a < classes; a++) {
                    for (int b = a + 1; b < classes; b++) {
                        used.add(new int[] {a, b});
                    }
                }
        }
        for (int[] p : used) {
            int[] s = {Math.min(p[0], p[1]), Math.max(p[0], p[1])};
            String key = Arrays.toString(s);
            frustrated.putIfAbsent(key, s);
            share.merge(key, 1.0 / used.size(), Double::sum);
        }
        int g = classes + frustrated.size();
        int[][] sets = new int[g][];
        double[] w = new double[g];
        for (int c = 0; c < classes; c++) {
            sets[c] = new int[] {c};
            w[c] = (1 - phi) / classes;
        }
        int k = classes;
        for (Map.Entry<String, int[]> e : frustrated.entrySet()) {
            sets[k] = e.getValue();
            w[k++] = phi * share.get(e.getKey());
        }
        return new GroupWeights(classes, sets, w);
    }

    public int groups() {
        return sets.length;
    }

    /** {@code n_c = sum_{S ni c} w_S}. */
    public double[] classDegrees() {
        double[] n = new double[classes];
        for (int g = 0; g < sets.length; g++) {
            for (int c : sets[g]) {
                n[c] += weights[g];
            }
        }
        return n;
    }

    /** The class coupling {@code A[c][c'] = sum_{S ni c, c'} w_S / |S|} and its transition spectrum. */
    public ClassCoupling coupling() {
        double[][] a = new double[classes][classes];
        for (int g = 0; g < sets.length; g++) {
            for (int c : sets[g]) {
                for (int c2 : sets[g]) {
                    a[c][c2] += weights[g] / sets[g].length;
                }
            }
        }
        return new ClassCoupling(a, classDegrees());
    }
}
