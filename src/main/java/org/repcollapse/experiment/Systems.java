package org.repcollapse.experiment;

import java.util.ArrayList;
import java.util.List;

import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.EmbeddingSystem;
import org.repcollapse.dynamics.HeadLoss;
import org.repcollapse.dynamics.LabelScaling;
import org.repcollapse.dynamics.Prevention;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.model.FrustrationMode;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.model.Pairing;
import org.repcollapse.model.RandomStreams;
import org.repcollapse.model.StudentLabels;
import org.repcollapse.model.Teacher;
import org.repcollapse.theory.TeacherStudentRegime;

/** The pieces of an experiment's models: label structures, parameters, the teacher-student instance, solver choice. */
public final class Systems {

    private Systems() {
    }

    public static LabelStructure structure(Experiment e) {
        if (e.isTeacherStudent()) {
            return studentLabels(e).training();
        }
        Experiment.Frustration f = e.frustration();
        try {
            return LabelStructure.generate(e.classes(), e.samples(), f.fraction(), pairing(f), pairs(f),
                    new RandomStreams(e.seed()).stream(RandomStreams.Purpose.LABELS));
        } catch (IllegalArgumentException ex) {
            throw ExperimentException.of("samples", e.samples(), ex.getMessage());
        }
    }

    /** The frustrated pairs of {@code frustration.pairs} as {@code {a, b}}. */
    private static List<int[]> pairs(Experiment.Frustration f) {
        List<int[]> pairs = new ArrayList<>();
        for (List<Integer> p : f.pairs()) {
            pairs.add(new int[] {p.get(0), p.get(1)});
        }
        return pairs;
    }

    private static Pairing pairing(Experiment.Frustration f) {
        return Pairing.valueOf(f.pairing().toUpperCase(java.util.Locale.ROOT));
    }

    public static EmbeddingSystem.Parameters parameters(Experiment e) {
        return new EmbeddingSystem.Parameters(e.rates().samples(), e.rates().labels(), e.rates().head(),
                e.init().samples(), e.init().labels(), e.init().head(),
                LabelScaling.parse(e.rates().labelScaling()));
    }

    /**
     * The {@code gamma} the closed forms (written with {@code gamma/n_c}) take for this experiment on
     * {@code structure}: {@code rates.labels}, or {@code gamma n} with {@code labelScaling: none} on classes of
     * equal degree n ({@link EmbeddingSystem.Parameters#degreeGamma}); unequal degrees are refused (exit 2):
     * no degree-scaled flow equals that one, and the theory is written for those.
     */
    public static double theoryGamma(Experiment e, LabelStructure structure) {
        double g = parameters(e).degreeGamma(structure);
        if (Double.isNaN(g)) {
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (int c = 0; c < structure.classes(); c++) {
                lo = Math.min(lo, structure.classDegree(c));
                hi = Math.max(hi, structure.classDegree(c));
            }
            throw ExperimentException.of("rates.labelScaling", e.rates().labelScaling(), "needs classes of equal"
                    + " degree n_c (here from " + lo + " to " + hi + "): the theory is written for gamma/n_c");
        }
        return g;
    }

    /** The prevention terms and head-loss form of the experiment (the terms themselves are built by the model's system). */
    public static Prevention prevention(Experiment e) {
        Experiment.Prevention p = e.prevention();
        return new Prevention(HeadLoss.parse(e.headLoss()), p.contrastive().weight(), p.contrastive().temperature(),
                p.variance().weight(), p.variance().target(), p.variance().epsilon(), p.variance().width(),
                p.covariance().weight(), p.ema().rate(), p.centering().rate(),
                p.reconstruction().weight());
    }

    /** The labels of a teacher-student experiment: true classes, training and evaluation label sets. */
    public static StudentLabels studentLabels(Experiment e) {
        Experiment.Frustration f = e.frustration();
        try {
            return StudentLabels.generate(e.classes(), e.samples(), f.fraction(), pairing(f), pairs(f),
                    FrustrationMode.parse(f.mode()), new RandomStreams(e.seed()).stream(RandomStreams.Purpose.LABELS));
        } catch (IllegalArgumentException ex) {
            throw ExperimentException.of("samples", e.samples(), ex.getMessage());
        }
    }

    /** The linear teacher-student model of spec section 5. */
    public static TeacherStudentSystem teacherStudent(Experiment e) {
        StudentLabels labels = studentLabels(e);
        RandomStreams streams = new RandomStreams(e.seed());
        Experiment.Teacher t = e.teacher();
        Teacher teacher = Teacher.generate(e.classes(), t.inputDim(), t.prototypeScale(), t.noise(), labels.trueClass(),
                streams);
        theoryGamma(e, labels.training());
        return new TeacherStudentSystem(labels, teacher, e.dim(), e.hasHead(), e.stopGradient(), parameters(e),
                prevention(e), streams);
    }

    /** The R9 regime of a teacher-student experiment (the data are generated as for a run). */
    public static TeacherStudentRegime teacherStudentRegime(Experiment e) {
        return TeacherStudentRegime.of(teacherStudent(e), e.hasHead(), e.stopGradient());
    }

    /** The seeded flow of the experiment's model ({@link Models#build}). */
    public static FlowSystem build(Experiment e) {
        return Models.build(e).system();
    }

    /**
     * Multiply-adds of one right-hand-side evaluation, to leading order: full
     * {@code N d (2d with a head)}, reduced {@code (G+K) d (d with a head) + L d^3 (3 L d^3 with a
     * head)}, L the number of propagator levels (1, or 2 with a head).
     */
    public static double rhsCost(Experiment e, LabelStructure structure, String solver) {
        double d = e.dim();
        if ("full".equals(solver)) {
            return (double) structure.samples() * d * (e.hasHead() ? 2 * d : 1);
        }
        double rows = structure.groups().size() + structure.classes();
        double levels = e.hasHead() ? 2 : 1;
        return rows * d * (e.hasHead() ? d : 1) + levels * d * d * d * (e.hasHead() ? 3 : 1);
    }

    /**
     * The solver to use: {@code auto} resolves to {@code reduced} for the embedding model when the
     * reduced right-hand side (about {@code (G+K) d (d if head) + L d^3}) costs less than the full
     * one (about {@code N d (2d if head)}), otherwise to {@code full}. Both give the same metrics.
     */
    public static String solver(Experiment e, LabelStructure structure) {
        String s = e.solver() == null ? "full" : e.solver();
        if (!"auto".equals(s)) {
            return s;
        }
        if (e.isTeacherStudent() || e.hasPrevention()) {
            return "full";
        }
        double reduced = rhsCost(e, structure, "reduced");
        double full = rhsCost(e, structure, "full");
        return reduced < full ? "reduced" : "full";
    }
}
