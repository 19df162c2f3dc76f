package org.repcollapse.dynamics;

import java.util.List;

import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;

/** Small head problems shared by the head tests. */
public final class HeadFixtures {

    private HeadFixtures() {
    }

    public static LabelStructure twoClass(int samples, double phi) {
        return LabelStructure.generate(2, samples, phi, Pairing.ADJACENT, List.of(), null);
    }

    public static LabelStructure chain4(int samples, double phi) {
        return LabelStructure.generate(4, samples, phi, Pairing.EXPLICIT,
                List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}), null);
    }

    /**
     * A head problem with sample scale s_x = 0.5. Along a direction with no label signal the head
     * singular value p and the sample scatter sigma^2 obey d(m p^2 - c sigma^2)/dt = 0, so one of them
     * dies at the rate ~ |m p^2 - c sigma^2|; with s_x = 1 and P ~ I this is close to 0 and the run
     * creeps towards its fixed point algebraically. s_x = 0.5 keeps the approach exponential.
     */
    public static EmbeddingSystem head(LabelStructure s, int d, boolean sg, long seed) {
        return head(s, d, sg, seed, 0.5);
    }

    public static EmbeddingSystem head(LabelStructure s, int d, boolean sg, long seed, double sx) {
        return new EmbeddingSystem(s, d, true, sg, new EmbeddingSystem.Parameters(1, 1, 1, sx, 1, 0.1),
                new RandomStreams(seed));
    }

    /** Integrates to tEnd with DOP853 at rtol 1e-10, atol 1e-12. */
    public static double[] run(FlowSystem sys, double tEnd) {
        return IntegratorMethod.DOP853.create(1e-10, 1e-12, tEnd, 0)
                .integrate(sys.ode(), sys.initialState(), tEnd, new GridRecorder(new double[0], (t, z) -> { }, 1e100));
    }
}
