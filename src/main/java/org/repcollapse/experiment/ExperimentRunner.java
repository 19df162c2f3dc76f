package org.repcollapse.experiment;

import java.util.Map;

import org.repcollapse.dynamics.FlowIntegrator;
import org.repcollapse.analysis.Trajectory;
import org.repcollapse.dynamics.ExactIntegrator;
import org.repcollapse.dynamics.LinearFlow;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.IntegratorMethod;
import org.repcollapse.dynamics.NumericalFailure;
import org.repcollapse.dynamics.Ros34pw2Integrator;
import org.repcollapse.dynamics.TimeGrid;

/** Integrates an experiment, recording the metrics on its grid, and analyses the result. */
public final class ExperimentRunner {

    /**
     * Largest state entry before a run counts as diverged: far above what a dissipative flow
     * started at scales up to {@code 1e6} (the validator's limit) reaches, far below where the
     * metrics overflow (an eigensolver squares squared entries: 1e100 already failed there).
     */
    public static final double BLOW_UP = 1.0e30;

    private ExperimentRunner() {
    }

    public static double[] grid(Experiment e) {
        Experiment.Record r = e.record();
        double tEnd = e.integrator().tEnd();
        return "log".equals(r.spacing()) ? TimeGrid.log(r.tStart(), tEnd, r.points())
                : TimeGrid.linear(r.tStart(), tEnd, r.points());
    }

    /**
     * The integrator the experiment names, for this system: {@code exact} is the system's own exact
     * solution ({@link ExactIntegrator}; the validator allows it only for flows without a head).
     */
    public static FlowIntegrator integrator(Experiment e, FlowSystem system) {
        Experiment.Integrator in = e.integrator();
        IntegratorMethod method = IntegratorMethod.parse(in.method());
        if (method == IntegratorMethod.EXACT) {
            LinearFlow linear = system.linearFlow();
            if (linear == null) {
                throw ExperimentException.of("integrator.method", in.method(), "needs a linear flow (head: none)");
            }
            return new ExactIntegrator(linear);
        }
        if (method == IntegratorMethod.ROS34PW2 || method == IntegratorMethod.RODAS4) {
            org.repcollapse.dynamics.ShiftedSystem solve = Ros34pw2Integrator.solverOf(system.ode());
            if (solve == null) {
                throw ExperimentException.of("integrator.method", in.method(), "this flow (solver " + system.solver()
                        + ") has no structured implicit solve: use auto or dop853");
            }
            if (method == IntegratorMethod.RODAS4 && !solve.exact()) {
                throw ExperimentException.of("integrator.method", in.method(), "this flow's implicit solve (solver "
                        + system.solver() + ") approximates the Jacobian, which rodas4 (not a W-method) cannot take:"
                        + " use ros34pw2 or auto");
            }
        }
        FlowIntegrator integrator = method.create(in.rtol(), in.atol(), in.tEnd(), in.step());
        if (integrator instanceof org.repcollapse.dynamics.AutoIntegrator auto) {
            auto.withLinearFlow(system::linearFlow);
        }
        return integrator;
    }

    public static RunResult run(Experiment e) {
        return run(e, Models.build(e));
    }

    public static RunResult run(Experiment e, Model model) {
        return run(e, model, null);
    }

    /** As {@link #run(Experiment, Model)}, also handing each recorded state to {@code extra} (may be null). */
    public static RunResult run(Experiment e, Model model, org.repcollapse.dynamics.StateObserver extra) {
        return run(e, model, extra, null);
    }

    /**
     * As {@link #run(Experiment, Model, org.repcollapse.dynamics.StateObserver)}, streaming each
     * recorded row to {@code journal} (may be null) and checkpointing through it; when the journal
     * resumes, the run continues from its checkpoint and ends exactly as if never interrupted.
     */
    public static RunResult run(Experiment e, Model model, org.repcollapse.dynamics.StateObserver extra,
                                RunJournal journal) {
        long start = System.nanoTime();
        FlowSystem system = model.system();
        Trajectory trajectory = new Trajectory(model.columns());
        double[] z0 = system.initialState();
        double[] initial = model.row(0.0, z0);
        double[][] last = {z0.clone()};
        RunJournal.Resume resume = journal == null ? null : journal.resume();
        long evaluationsBefore = 0;
        double wallBefore = 0;
        double resumedFrom = Double.NaN;
        if (resume != null) {
            if (resume.state().length != z0.length || resume.lastRecorded().length != z0.length) {
                throw new ExperimentException("--resume: the checkpoint's state has " + resume.state().length
                        + " numbers, this experiment's " + z0.length + "; use --force");
            }
            resume.rows().forEach(trajectory::add);
            last[0] = resume.lastRecorded().clone();
            if (extra instanceof org.repcollapse.dynamics.RecordingObserver ro) {
                ro.rows().addAll(resume.observerRows());
            }
            // the restart evaluates f(t, z) once more: the uninterrupted run had it as its last stage
            evaluationsBefore = Math.max(0, resume.evaluations() - 1);
            wallBefore = resume.wallSeconds();
            resumedFrom = resume.t();
        }
        GridRecorder recorder = new GridRecorder(grid(e), (t, z) -> {
            double[] r = model.row(t, z);
            trajectory.add(r);
            last[0] = z.clone();
            if (extra != null) {
                extra.observe(t, z);
            }
            if (journal != null) {
                journal.recorded(r);
            }
        }, BLOW_UP);
        NumericalFailure failure = null;
        FlowIntegrator integrator = integrator(e, system);
        try {
            if (journal == null) {
                integrator.integrate(system.ode(), z0, e.integrator().tEnd(), recorder);
            } else {
                long evBefore = evaluationsBefore;
                double wBefore = wallBefore;
                journal.attach(new RunJournal.Progress() {
                    public int recorded() {
                        return recorder.recorded();
                    }

                    public double[] lastRecorded() {
                        return last[0];
                    }

                    public java.util.List<double[]> observerRows() {
                        return extra instanceof org.repcollapse.dynamics.RecordingObserver ro ? ro.rows()
                                : java.util.List.of();
                    }

                    public long evaluations() {
                        long ev = system.evaluations();
                        return ev < 0 ? ev : evBefore + ev;
                    }

                    public double wallSeconds() {
                        return wBefore + (System.nanoTime() - start) * 1e-9;
                    }
                });
                journal.integrate(system.ode(), z0, e.integrator().tEnd(), integrator, recorder);
            }
        } catch (NumericalFailure f) {
            failure = f;
        } catch (Ros34pw2Integrator.NoStructuredSolve noSolve) {
            // refused before any step: nothing recorded, nothing written
            throw ExperimentException.of("integrator.method", e.integrator().method(),
                    noSolve.getMessage() + " (solver " + system.solver() + "): use auto or dop853");
        }
        double[] finalState = last[0];
        Model.Outcome outcome = model.outcome(trajectory, initial, finalState);
        Map<String, Object> theory = model.theory(finalState);
        long evaluations = system.evaluations() < 0 ? system.evaluations() : evaluationsBefore + system.evaluations();
        return new RunResult(e, system.solver(), trajectory, initial, finalState, failure, outcome.verdict(),
                outcome.fastRate(), outcome.slowRate(), theory,
                evaluations, wallBefore + (System.nanoTime() - start) * 1e-9, resumed(integrator.report(), resumedFrom));
    }

    /** After a resume the integrator's phases and step counts cover [resumed_from, tEnd]; summary.json says so. */
    private static org.repcollapse.dynamics.IntegrationReport resumed(org.repcollapse.dynamics.IntegrationReport r,
                                                                      double from) {
        if (r == null || Double.isNaN(from)) {
            return r;
        }
        Map<String, Object> extra = new java.util.LinkedHashMap<>(r.extra());
        extra.put("resumed_from", from);
        return new org.repcollapse.dynamics.IntegrationReport(r.method(), r.phases(), r.switchTime(), r.reason(),
                r.stiffDetectedAt(), extra);
    }
}
