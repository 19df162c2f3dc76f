package org.repcollapse.model;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The labels of the linear teacher-student model (spec section 5): the true class {@code t_i}
 * of each input and the label sets the student is trained on.
 *
 * <p>As in {@link LabelStructure#generate}, inputs {@code 0 .. N-N_f-1} are consistent with
 * true class {@code i mod K}; the k-th frustrated input takes the k-th ordered pair
 * {@code (a, b)} of the pairing rule and has true class a. With {@code duplicate} it is
 * trained on both labels {a, b}; with {@code flip} on the single wrong label b.
 *
 * <p>{@link #training()} holds the training edges. {@link #evaluation()} is what accuracy is
 * measured on: it equals the training structure for {@code duplicate}; for {@code flip} a
 * flipped input is listed with {a, b}, so the metrics (which score consistent samples only)
 * score the unflipped inputs against their true class and leave the flipped ones out.
 */
public record StudentLabels(LabelStructure training, LabelStructure evaluation, int[] trueClass,
                            FrustrationMode mode) {

    public static StudentLabels generate(int classes, int samples, double phi, Pairing pairing, List<int[]> pairs,
                                         FrustrationMode mode, UniformRandomProvider rng) {
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes");
        }
        int nf = LabelStructure.frustratedCount(phi, samples);
        int consistent = samples - nf;
        int[][] train = new int[samples][];
        int[][] eval = new int[samples][];
        int[] truth = new int[samples];
        for (int i = 0; i < consistent; i++) {
            truth[i] = i % classes;
            train[i] = new int[] {truth[i]};
            eval[i] = train[i];
        }
        for (int k = 0; k < nf; k++) {
            int[] p = pairing.pair(k, classes, pairs, rng);
            if (p[0] == p[1]) {
                throw new IllegalArgumentException("pair [" + p[0] + "," + p[1] + "] must name two distinct classes");
            }
            int i = consistent + k;
            truth[i] = p[0];
            eval[i] = p.clone();
            train[i] = mode == FrustrationMode.FLIP ? new int[] {p[1]} : p.clone();
        }
        LabelStructure training = LabelStructure.of(classes, train);
        LabelStructure evaluation = mode == FrustrationMode.FLIP ? LabelStructure.of(classes, eval) : training;
        return new StudentLabels(training, evaluation, truth, mode);
    }

    /** Number of frustrated (duplicated or flipped) inputs. */
    public int frustrated() {
        return evaluation.frustrated();
    }
}
