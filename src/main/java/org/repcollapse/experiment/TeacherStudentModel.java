package org.repcollapse.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hipparchus.exception.MathIllegalStateException;
import org.repcollapse.dynamics.IntegratorMethod;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.theory.ExactSlowRate;
import org.repcollapse.theory.TeacherStudentRegime;

/**
 * The linear teacher-student model (spec section 5, {@link TeacherStudentSystem}): a linear student
 * {@code x_i = W xi_i} of teacher inputs trained with the labels (and optional head) as the
 * embedding model. Theory: the R9 regime ({@link TeacherStudentRegime}) and, without a head, the
 * exact slow rate of the row-space operator.
 */
public final class TeacherStudentModel extends LabelModel {

    private final TeacherStudentSystem ts;

    /** The experiment's model with its seeded teacher, labels and student ({@link Systems#teacherStudent}). */
    public TeacherStudentModel(Experiment e) {
        this(e, Systems.teacherStudent(e));
    }

    /** The model of a teacher-student flow built from this experiment. */
    public TeacherStudentModel(Experiment e, TeacherStudentSystem ts) {
        super(e, ts);
        this.ts = ts;
    }

    /** The R9 regime of this instance. */
    public TeacherStudentRegime regime() {
        return TeacherStudentRegime.of(ts, experiment().hasHead(), experiment().stopGradient());
    }

    @Override
    protected Map<String, Object> prediction() {
        return regime().report();
    }

    /** {@code teacher_student}: the R9 regime report with the exact slow rate. */
    @Override
    public Map<String, Object> theoryReport() {
        Map<String, Object> report = prediction();
        ExactSlowRate exact = exactSlowRate();
        if (exact != null) {
            exact.putInto(report);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("teacher_student", SummaryJson.sanitize(report));
        return out;
    }

    /** {@code inputDim}, {@code frustrationMode}, the N x D inputs {@code xi} and the true classes {@code trueclass}. */
    @Override
    public Map<String, Object> instanceData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputDim", ts.layout().inputDim());
        m.put("frustrationMode", experiment().frustration().mode());
        m.put("xi", ts.teacher().inputs());
        m.put("trueclass", ts.labels().trueClass());
        return m;
    }

    /** The R5 head report is the embedding model's; the teacher-student report is its regime. */
    @Override
    public Map<String, Object> headReport(double[] z) {
        return null;
    }

    /**
     * The row-space operator's modes; null with a head, when the input rank exceeds
     * {@link TeacherStudentRegime#MAX_OPERATOR_DIM} and the run is not exact, or when a decomposition fails.
     */
    @Override
    public ExactSlowRate exactSlowRate() {
        Experiment e = experiment();
        boolean exact = IntegratorMethod.parse(e.integrator().method()) == IntegratorMethod.EXACT;
        if (e.hasHead() || ts.linearFlow() == null
                || (!exact && ts.statistics().rank() > TeacherStudentRegime.MAX_OPERATOR_DIM)) {
            return null;
        }
        try {
            return new ExactSlowRate(ts.linearFlow().labelModes(ts.initialState()), ExperimentRunner.grid(e));
        } catch (MathIllegalStateException ex) {
            return null; // a theory that cannot be computed must not cost the run: reported as unknown
        }
    }

    @Override
    public TeacherStudentSystem linearFixedPointSystem() {
        return ts.linearFlow() != null ? ts : null;
    }
}
