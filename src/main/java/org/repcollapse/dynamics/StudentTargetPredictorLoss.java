package org.repcollapse.dynamics;

import org.repcollapse.model.StateLayout;
import org.repcollapse.model.StudentLayout;

/**
 * The head's predictor loss against EMA and/or centred stop-gradient targets ({@link TargetPredictorLoss})
 * on the linear student {@code x_i = W xi_i} (spec section 5). The EMA target network is a copy
 * {@code Wbar} of the encoder (BYOL), {@code xbar_i = Wbar xi_i}, with {@code dWbar/dt = -rho (Wbar - W)}
 * and {@code dybar_c/dt = -rho (ybar_c - y_c)}; the centre follows {@code dc/dt = -rho_c (c - m)}, m the mean
 * uncentred target. The head's drive reaches W by the chain rule {@code G_W = sum_i G_{x_i} xi_i^T}
 * ({@link StudentEmbeddingTerm} with the target blocks); the targets take no drive from the loss
 * (stop-gradient), so the copies' drives are their relaxations alone.
 *
 * <p>Since {@code Wbar} relaxes linearly, {@code xbar_i = Wbar xi_i} is exactly the EMA of {@code x_i}
 * (papers/prevention.md). Cost {@code O(N d D)} per call on top of {@link TargetPredictorLoss}'s
 * {@code O(|E| d^2)}; nothing is allocated.
 */
public final class StudentTargetPredictorLoss extends StudentEmbeddingTerm {

    /** @param map the student's map to an embedding state with the same target blocks ({@code xbar, ybar} with EMA, {@code c} with centring) */
    public StudentTargetPredictorLoss(StudentEmbedding map, TargetPredictorLoss term) {
        super(checked(map), term, true);
    }

    private static StudentEmbedding checked(StudentEmbedding map) {
        StudentLayout layout = map.student();
        StateLayout embedding = map.embedding();
        if (!layout.hasHead() || layout.hasTargets() != embedding.hasTargets()
                || layout.hasCentre() != embedding.hasCentre()) {
            throw new IllegalArgumentException("the student and embedding layouts must carry the same target blocks");
        }
        return map;
    }
}
