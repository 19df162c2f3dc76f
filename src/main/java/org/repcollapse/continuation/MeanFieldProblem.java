package org.repcollapse.continuation;

import java.util.List;

import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.model.InitialState;
import org.repcollapse.model.RandomStreams;

/**
 * The fixed points of the group-mean flow ({@link GroupMeanFlow}) of an embedding experiment as a
 * function of one continuous key: {@code frustration.fraction} (the group weights, in [0, 1]) or a
 * rate {@code rates.samples}, {@code rates.labels}, {@code rates.head} (> 0; the rates scale the
 * blocks of the field, so they move the spectrum and not the fixed points).
 */
public final class MeanFieldProblem implements ContinuationProblem {

    /** The keys that can be continued. */
    public static final List<String> KEYS = List.of("frustration.fraction", "rates.samples", "rates.labels",
            "rates.head");

    private final Experiment experiment;
    private final String key;
    private GroupMeanFlow cached;
    private double cachedAt = Double.NaN;

    public MeanFieldProblem(Experiment experiment, String key) {
        if (!KEYS.contains(key)) {
            throw ExperimentException.of("--param", key, "cannot be continued (continuous keys: "
                    + String.join(", ", KEYS) + ")");
        }
        if (experiment.isTeacherStudent()) {
            throw ExperimentException.of("model", experiment.model(), "continue supports the embedding model only");
        }
        if (key.equals("rates.head") && !experiment.hasHead()) {
            throw ExperimentException.of("--param", key, "needs head: linear");
        }
        this.experiment = experiment;
        this.key = key;
    }

    public String key() {
        return key;
    }

    public Experiment experiment() {
        return experiment;
    }

    /** The experiment's own value of the key. */
    public double value() {
        switch (key) {
            case "frustration.fraction":
                return experiment.frustration().fraction();
            case "rates.samples":
                return experiment.rates().samples();
            case "rates.labels":
                return experiment.rates().labels();
            default:
                return experiment.rates().head();
        }
    }

    /** The flow at parameter value lambda (the experiment's other keys unchanged). */
    public GroupMeanFlow flow(double lambda) {
        if (cached == null || Double.compare(lambda, cachedAt) != 0) {
            Experiment.Rates r = experiment.rates();
            double phi = key.equals("frustration.fraction") ? lambda : experiment.frustration().fraction();
            GroupWeights w = GroupWeights.of(experiment.classes(), phi, experiment.frustration().pairing(),
                    experiment.frustration().pairs());
            cached = new GroupMeanFlow(w, experiment.dim(), experiment.hasHead(), experiment.stopGradient(),
                    key.equals("rates.samples") ? lambda : r.samples(), key.equals("rates.labels") ? lambda : r.labels(),
                    key.equals("rates.head") ? lambda : r.head());
            cachedAt = lambda;
        }
        return cached;
    }

    @Override
    public int dimension() {
        return flow(value()).dimension();
    }

    @Override
    public void residual(double[] z, double lambda, double[] out) {
        flow(lambda).residual(z, out);
    }

    @Override
    public double[][] jacobian(double[] z, double lambda) {
        return flow(lambda).jacobian(z);
    }

    /** phi in [0, 1] with every class carrying weight; rates positive. */
    @Override
    public boolean admissible(double lambda) {
        if (key.equals("frustration.fraction")) {
            if (!(lambda >= 0 && lambda <= 1)) {
                return false;
            }
            for (double n : GroupWeights.of(experiment.classes(), lambda, experiment.frustration().pairing(),
                    experiment.frustration().pairs()).classDegrees()) {
                if (!(n > 0)) {
                    return false;
                }
            }
            return true;
        }
        return lambda > 0;
    }

    /**
     * The seeded mean-field start at lambda (spec section 4): {@code m_S ~ N(0, s_x^2 / n_S)} with
     * {@code n_S = max(1, w_S N)}, labels and head as in the full model, integrated by Hipparchus'
     * DOP853 at the experiment's tolerances to {@code integrator.tEnd}.
     */
    public double[] integratedStart(double lambda) {
        GroupMeanFlow f = flow(lambda);
        int d = f.dim();
        RandomStreams streams = new RandomStreams(experiment.seed());
        double[] z = new double[f.dimension()];
        double[] unit = new double[d];
        var rng = streams.stream(RandomStreams.Purpose.SAMPLES);
        for (int g = 0; g < f.groups().groups(); g++) {
            double ns = Math.max(1.0, f.groups().weights()[g] * experiment.samples());
            InitialState.fill(unit, 0, d, experiment.init().samples() / Math.sqrt(ns), rng);
            System.arraycopy(unit, 0, z, f.m(g), d);
        }
        InitialState.fill(z, f.y(0), experiment.classes() * d, experiment.init().labels(),
                streams.stream(RandomStreams.Purpose.LABEL_EMBEDDINGS));
        if (f.hasHead()) {
            InitialState.fill(z, f.p(), d * d, experiment.init().head(), streams.stream(RandomStreams.Purpose.HEAD));
            for (int a = 0; a < d; a++) {
                z[f.p() + a * d + a] += 1.0;
            }
        }
        double tEnd = experiment.integrator().tEnd();
        DormandPrince853Integrator dop = new DormandPrince853Integrator(1.0e-12, tEnd,
                experiment.integrator().atol(), experiment.integrator().rtol());
        return dop.integrate(new ExpandableODE(f), new ODEState(0.0, z), tEnd).getPrimaryState();
    }
}
