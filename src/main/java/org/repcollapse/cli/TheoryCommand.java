package org.repcollapse.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.SummaryJson;
import org.repcollapse.experiment.Systems;
import org.repcollapse.model.LabelStructure;
import org.repcollapse.dynamics.TeacherStudentSystem;
import org.repcollapse.theory.ExactSlowRate;
import org.repcollapse.theory.TeacherStudentRegime;
import org.repcollapse.theory.TheoryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code theory FILE}: the closed-form predictions for an experiment, as JSON on stdout. */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "Print the closed-form predictions for an experiment (JSON, or CSV with --format csv): components and predicted"
                + " clusters, T spectrum, slow and fast rates, the K = 2 closed form; for the teacher-student"
                + " model its R9 regime, effective frustration and exact slow rate.")
public final class TheoryCommand implements Callable<Integer> {

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--format", paramLabel = "json|csv",
            description = "json (default; null for NaN) or csv (quantity,value; empty for NaN).")
    String format = "json";

    @Override
    public Integer call() {
        OutputFormat f = OutputFormat.of(format, false);
        Experiment e = experiment.load();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", e.name());
        if (e.isTeacherStudent()) {
            TeacherStudentSystem ts = Systems.teacherStudent(e);
            Map<String, Object> report = TeacherStudentRegime.of(ts, e.hasHead(), e.stopGradient()).report();
            ExactSlowRate exact = Systems.exactSlowRate(e, ts);
            if (exact != null) {
                exact.putInto(report);
            }
            out.put("teacher_student", SummaryJson.sanitize(report));
            System.out.print(f.render(out));
            return ExitCodes.OK;
        }
        LabelStructure s = Systems.structure(e);
        Map<String, Object> report = TheoryReport.embedding(s, e.rates().samples(), Systems.theoryGamma(e, s));
        ExactSlowRate exact = Systems.exactSlowRate(e, Systems.build(e));
        if (exact != null) {
            exact.putInto(report);
        }
        out.put("embedding_only", SummaryJson.sanitize(report));
        if (e.hasHead()) {
            out.put("head", SummaryJson.sanitize(org.repcollapse.experiment.HeadReport.prediction(e, s)));
        }
        System.out.print(f.render(out));
        return ExitCodes.OK;
    }
}
