package org.repcollapse.plot.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.repcollapse.experiment.Experiment;

/** The parameter grids of the sweep figures (smaller in quick mode) and the experiments on them. */
final class Sweeps {

    private Sweeps() {
    }

    /**
     * Frustration fractions for the K = 2 sweeps: multiples of 2/N, so that {@code N_f} and the
     * consistent count are even and the two classes stay balanced (the R3 closed form applies).
     */
    static double[] fractions(FigureContext ctx, boolean fromZero) {
        if (ctx.quick()) {
            return fromZero ? new double[] {0.0, 0.25, 0.5, 1.0} : new double[] {0.05, 0.1, 0.25, 0.5};
        }
        return fromZero ? new double[] {0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}
                : new double[] {0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 0.3, 0.5, 0.8};
    }

    static int seeds(FigureContext ctx) {
        return ctx.quick() ? 2 : 5;
    }

    /** {@code file} at each fraction, with the extra overrides. */
    static List<Experiment> overFractions(FigureContext ctx, String file, double[] phi, long seed, String... extra) {
        List<Experiment> out = new ArrayList<>();
        for (double p : phi) {
            List<String> o = new ArrayList<>(List.of(extra));
            o.add(String.format(Locale.ROOT, "frustration.fraction=%s", p));
            o.add("seed=" + seed);
            out.add(ctx.load(file, o.toArray(new String[0])));
        }
        return out;
    }
}
