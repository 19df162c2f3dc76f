package org.repcollapse.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Who carries which labels (spec section 1): label sets {@code S_i}, edges
 * {@code E = {(i,c) : c in S_i}}, class degrees {@code n_c}, the class coupling
 * {@code A[c][c'] = sum_{i : c,c' in S_i} 1/|S_i|} and the frustration graph.
 *
 * <p>The number of frustrated samples is {@code N_f = round(phi * N)} (halves round up).
 * Samples {@code 0 .. N-N_f-1} are consistent, class {@code i mod K} (round-robin);
 * samples {@code N-N_f .. N-1} are frustrated, the k-th one with the k-th pair of the
 * pairing rule.
 */
public final class LabelStructure {

    private final int classes;
    private final int samples;
    private final int frustrated;
    private final int[] labelStart;
    private final int[] labels;
    private final int[] edgeSample;
    private final int[] edgeClass;
    private final int[] classDegree;
    private final FrustrationGraph frustrationGraph;
    private final List<int[]> groupLabels;
    private final int[] groupOf;
    private final int[] groupSize;

    private LabelStructure(int classes, int[][] labelSets) {
        this.classes = classes;
        this.samples = labelSets.length;
        labelStart = new int[samples + 1];
        for (int i = 0; i < samples; i++) {
            labelStart[i + 1] = labelStart[i] + labelSets[i].length;
        }
        labels = new int[labelStart[samples]];
        edgeSample = new int[labels.length];
        edgeClass = labels;
        classDegree = new int[classes];
        List<int[]> pairs = new ArrayList<>();
        Map<Object, Integer> groupIndex = new LinkedHashMap<>();
        List<int[]> groups = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        groupOf = new int[samples];
        int nf = 0;
        for (int i = 0; i < samples; i++) {
            int[] s = labelSets[i].clone();
            Arrays.sort(s);
            for (int j = 0; j < s.length; j++) {
                if (s[j] < 0 || s[j] >= classes) {
                    throw new IllegalArgumentException("label " + s[j] + " outside 0.." + (classes - 1));
                }
                if (j > 0 && s[j] == s[j - 1]) {
                    throw new IllegalArgumentException("sample " + i + " carries class " + s[j] + " twice");
                }
                labels[labelStart[i] + j] = s[j];
                edgeSample[labelStart[i] + j] = i;
                classDegree[s[j]]++;
            }
            if (s.length > 1) {
                nf++;
                for (int a = 0; a < s.length; a++) {
                    for (int b = a + 1; b < s.length; b++) {
                        pairs.add(new int[] {s[a], s[b]});
                    }
                }
            }
            Object key = groupKey(s);
            Integer g = groupIndex.get(key);
            if (g == null) {
                g = groups.size();
                groupIndex.put(key, g);
                groups.add(s);
                sizes.add(0);
            }
            groupOf[i] = g;
            sizes.set(g, sizes.get(g) + 1);
        }
        for (int c = 0; c < classes; c++) {
            if (classDegree[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no samples (need more samples than classes)");
            }
        }
        frustrated = nf;
        frustrationGraph = new FrustrationGraph(classes, pairs);
        groupLabels = Collections.unmodifiableList(groups);
        groupSize = sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The key of a label set in the group index: one long for up to three labels below 2^20 (no
     * string per sample: the index is built for every sample, 10^6 of them in large runs).
     */
    private static Object groupKey(int[] s) {
        if (s.length <= 3) {
            long key = s.length;
            boolean small = true;
            for (int j = 0; j < s.length; j++) {
                small &= s[j] < (1 << 20);
                key |= (long) s[j] << (2 + 20 * j);
            }
            if (small) {
                return key;
            }
        }
        return Arrays.toString(s);
    }

    /** A structure from explicit label sets, one per sample. */
    public static LabelStructure of(int classes, int[][] labelSets) {
        return new LabelStructure(classes, labelSets);
    }

    /** The number of frustrated samples for a fraction phi of N: round half up. */
    public static int frustratedCount(double phi, int samples) {
        return (int) Math.floor(phi * samples + 0.5);
    }

    /** {@link #frustratedCount} for {@link #generate}, which needs two classes at least. */
    private static int generatedFrustrated(int classes, double phi, int samples) {
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes");
        }
        return frustratedCount(phi, samples);
    }

    /** Frustrated pair k of the pairing; an IllegalArgumentException when it names one class twice. */
    private static int[] distinctPair(Pairing pairing, int k, int classes, List<int[]> pairs, UniformRandomProvider rng) {
        int[] p = pairing.pair(k, classes, pairs, rng);
        if (p[0] == p[1]) {
            throw new IllegalArgumentException("pair [" + p[0] + "," + p[1] + "] must name two distinct classes");
        }
        return p;
    }

    /**
     * Generates the label sets of spec section 1.
     *
     * @param pairs explicit pairs (used in turn) for {@link Pairing#EXPLICIT}; ignored otherwise
     * @param rng   the label stream, used by {@link Pairing#RANDOM} only
     */
    public static LabelStructure generate(int classes, int samples, double phi, Pairing pairing,
                                          List<int[]> pairs, UniformRandomProvider rng) {
        int nf = generatedFrustrated(classes, phi, samples);
        int consistent = samples - nf;
        int[][] sets = new int[samples][];
        for (int i = 0; i < consistent; i++) {
            sets[i] = new int[] {i % classes};
        }
        for (int k = 0; k < nf; k++) {
            int[] p = distinctPair(pairing, k, classes, pairs, rng);
            sets[consistent + k] = new int[] {p[0], p[1]};
        }
        return new LabelStructure(classes, sets);
    }

    /**
     * The class coupling of {@link #generate} without forming the N label sets: A and n follow from
     * the round-robin counts of the consistent samples and the pairs of the frustrated ones (the same
     * values: sums of integers and halves are exact), in O(K^2 + N_f) instead of O(N).
     */
    public static ClassCoupling generatedCoupling(int classes, int samples, double phi, Pairing pairing,
                                                  List<int[]> pairs, UniformRandomProvider rng) {
        int nf = generatedFrustrated(classes, phi, samples);
        int consistent = samples - nf;
        double[][] a = new double[classes][classes];
        double[] n = new double[classes];
        for (int c = 0; c < classes; c++) {
            int count = consistent / classes + (c < consistent % classes ? 1 : 0);
            a[c][c] += count;
            n[c] += count;
        }
        for (int k = 0; k < nf; k++) {
            int[] p = distinctPair(pairing, k, classes, pairs, rng);
            int x = p[0];
            int y = p[1];
            a[x][x] += 0.5;
            a[y][y] += 0.5;
            a[x][y] += 0.5;
            a[y][x] += 0.5;
            n[x]++;
            n[y]++;
        }
        for (int c = 0; c < classes; c++) {
            if (n[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no samples (need more samples than classes)");
            }
        }
        return new ClassCoupling(a, n);
    }

    public int classes() {
        return classes;
    }

    public int samples() {
        return samples;
    }

    /** {@code N_f}: samples with more than one label. */
    public int frustrated() {
        return frustrated;
    }

    public int edgeCount() {
        return labels.length;
    }

    /** First edge of sample i; its edges are {@code labelStart(i) .. labelStart(i+1)-1}. */
    public int labelStart(int i) {
        return labelStart[i];
    }

    public int labelCount(int i) {
        return labelStart[i + 1] - labelStart[i];
    }

    /** The class of edge e (edges are ordered by sample). */
    public int edgeClass(int e) {
        return edgeClass[e];
    }

    public int edgeSample(int e) {
        return edgeSample[e];
    }

    /** The flat edge-class array (read only by convention; hot loops index it directly). */
    public int[] edgeClasses() {
        return edgeClass;
    }

    /** Sample-major offsets into {@link #edgeClasses()}, length N+1. */
    public int[] labelOffsets() {
        return labelStart;
    }

    /** {@code n_c}. */
    public int classDegree(int c) {
        return classDegree[c];
    }

    public int[] labelSet(int i) {
        return Arrays.copyOfRange(labels, labelStart[i], labelStart[i + 1]);
    }

    public boolean isFrustrated(int i) {
        return labelCount(i) > 1;
    }

    public FrustrationGraph frustrationGraph() {
        return frustrationGraph;
    }

    /** Distinct label sets ("groups", spec section 4), in order of first appearance. */
    public List<int[]> groups() {
        return groupLabels;
    }

    public int groupOf(int i) {
        return groupOf[i];
    }

    /** {@code n_S}: samples in group g. */
    public int groupSize(int g) {
        return groupSize[g];
    }

    /** {@code A[c][c'] = sum over samples i with c,c' in S_i of 1/|S_i|}. */
    public double[][] coupling() {
        double[][] a = new double[classes][classes];
        for (int g = 0; g < groupLabels.size(); g++) {
            int[] s = groupLabels.get(g);
            double w = groupSize[g] / (double) s.length;
            for (int c : s) {
                for (int c2 : s) {
                    a[c][c2] += w;
                }
            }
        }
        return a;
    }

    /** {@code T = diag(n)^-1 A}, row-stochastic. */
    public double[][] transition() {
        double[][] t = coupling();
        for (int c = 0; c < classes; c++) {
            for (int c2 = 0; c2 < classes; c2++) {
                t[c][c2] /= classDegree[c];
            }
        }
        return t;
    }
}
