package org.repcollapse.plot.paper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import me.tongfei.progressbar.ProgressBar;
import org.repcollapse.dynamics.FlowSystem;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.NumericalFailure;
import org.repcollapse.experiment.Experiment;
import org.repcollapse.experiment.ExperimentLoader;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.Model;
import org.repcollapse.experiment.Models;
import org.repcollapse.experiment.Systems;

/**
 * What a figure draws with: experiment files from the models directory (with the quick-mode
 * reductions applied), runs on a fixed-size thread pool (each run is seeded by its own
 * experiment, so the numbers do not depend on the number of threads; a run asked for twice is
 * integrated once), the progress bar (one step per figure, a total fixed at the start; its
 * message counts the current figure's runs), and the checks each figure records.
 */
public final class FigureContext implements AutoCloseable {

    /** Reductions of the quick (CI smoke) mode, applied before a figure's own overrides. */
    public static final List<String> QUICK = List.of("samples=40", "record.points=60");

    private final Path models;
    private final boolean quick;
    private final ExecutorService pool;
    private final ProgressBar progress;
    private final Map<Experiment, Future<Run>> runs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Double>> measurements = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private String current = "";

    private int submitted;
    private int finished;

    private final List<String> settings;

    /**
     * @param settings {@code --set key=value} applied to every experiment after the quick reductions and
     *                 before each figure's own overrides (a key a figure sweeps keeps the figure's values)
     * @param progress the command's bar, one step per figure (null: no progress shown)
     */
    public FigureContext(Path models, boolean quick, List<String> settings, int threads, ProgressBar progress) {
        this.models = models;
        this.settings = List.copyOf(settings);
        this.quick = quick;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "figure-run");
            t.setDaemon(true);
            return t;
        });
        this.progress = progress;
    }

    public boolean quick() {
        return quick;
    }

    public Path models() {
        return models;
    }

    /** Whether {@code models/file} exists. */
    public boolean has(String file) {
        return Files.isRegularFile(models.resolve(file));
    }

    /** Loads {@code models/file} with the quick reductions (in quick mode), the --set values, then {@code overrides}. */
    public Experiment load(String file, String... overrides) {
        List<String> all = new ArrayList<>(quick ? QUICK : List.of());
        all.addAll(settings);
        all.addAll(Arrays.asList(overrides));
        return ExperimentLoader.load(models.resolve(file), all);
    }

    /** The run of one experiment (integrated once, however often it is asked for). */
    public Run run(Experiment e) {
        return runAll(List.of(e)).get(0);
    }

    /** The runs of several experiments, in parallel on the pool, returned in the order asked. */
    public List<Run> runAll(List<Experiment> experiments) {
        List<Future<Run>> futures = new ArrayList<>();
        for (Experiment e : experiments) {
            futures.add(runs.computeIfAbsent(e, k -> {
                grow(1);
                return pool.submit(() -> {
                    Model model = Models.build(k);
                    Run r = new Run(k, model.system(), ExperimentRunner.run(k, model));
                    step();
                    return r;
                });
            }));
        }
        List<Run> out = new ArrayList<>();
        for (Future<Run> f : futures) {
            Run r = get(f);
            if (!r.result().complete()) {
                note(r.experiment().name() + ": " + r.result().failure().getMessage()
                        + "; drawn with the trajectory up to then");
            }
            out.add(r);
        }
        return out;
    }

    /** The full state at each recorded time of one run (integrated again; kept out of the cache). */
    public StateHistory states(Experiment e) {
        grow(1);
        Future<StateHistory> f = pool.submit(() -> {
            FlowSystem system = Systems.build(e);
            List<Double> t = new ArrayList<>();
            List<double[]> z = new ArrayList<>();
            GridRecorder recorder = new GridRecorder(ExperimentRunner.grid(e), (time, state) -> {
                t.add(time);
                z.add(state.clone());
            }, ExperimentRunner.BLOW_UP);
            try {
                (ExperimentRunner.integrator(e, system)).integrate(system.ode(), system.initialState(), e.integrator().tEnd(), recorder);
            } catch (NumericalFailure failure) {
                note(e.name() + ": " + failure.getMessage() + "; drawn up to then");
            }
            step();
            return StateHistory.of(system, t, z);
        });
        return get(f);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }

    private synchronized void grow(int n) {
        submitted += n;
        message();
    }

    private synchronized void step() {
        finished++;
        message();
    }

    private void message() {
        if (progress != null) {
            progress.setExtraMessage(current + ": " + finished + "/" + submitted + " runs");
        }
    }

    /** The current figure is drawn: one step of the bar. */
    public synchronized void done() {
        if (progress != null) {
            progress.step();
        }
    }

    /** Starts recording checks and notes for the named figure. */
    public synchronized void begin(String figure) {
        current = figure;
        submitted = 0;
        finished = 0;
        message();
        measurements.put(figure, new LinkedHashMap<>());
        notes.put(figure, new ArrayList<>());
    }

    /** Records a number the figure shows (a check, e.g. a relative error against theory). */
    public synchronized void measure(String key, double value) {
        measurements.computeIfAbsent(current, k -> new LinkedHashMap<>()).put(key, value);
    }

    /** Records a remark about the figure (a failed run, a skipped point). */
    public synchronized void note(String text) {
        notes.computeIfAbsent(current, k -> new ArrayList<>()).add(text);
    }

    public synchronized Map<String, Double> measurements(String figure) {
        return new LinkedHashMap<>(measurements.getOrDefault(figure, Map.of()));
    }

    public synchronized List<String> notes(String figure) {
        return new ArrayList<>(notes.getOrDefault(figure, List.of()));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
