package org.repcollapse.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.repcollapse.dynamics.FlowIntegrator;
import org.repcollapse.dynamics.GridRecorder;
import org.repcollapse.dynamics.RestartableIntegrator;

/**
 * What {@code run} keeps on disk while it integrates, so that a killed run loses at most one
 * checkpoint interval and {@code run --resume DIR} finishes it with the same files an
 * uninterrupted run writes:
 * <ul>
 * <li>{@code experiment.json}: the resolved experiment (what {@code --resume} reruns);</li>
 * <li>{@code trajectory.partial.csv}: the header, then each recorded row as one complete line,
 *     written as soon as it is computed; renamed to {@code trajectory.csv} when the run ends, so a
 *     file named {@code trajectory.csv} is always whole;</li>
 * <li>{@code checkpoint.bin}: after an accepted step, at most every {@code interval} seconds of
 *     wall time, written atomically: the integrator's {@code (t, z, h)}, the recorder's position,
 *     the length of the partial file at that moment (it is cut back to it on resume), the last
 *     recorded state, an observer's rows and the evaluation count. Deleted at the end.</li>
 * </ul>
 * Only a {@link RestartableIntegrator} writes checkpoints (DOP853); the other methods stream the
 * trajectory but cannot be resumed.
 */
public final class RunJournal {

    public static final String EXPERIMENT = "experiment.json";
    public static final String PARTIAL = "trajectory.partial.csv";
    public static final String TRAJECTORY = "trajectory.csv";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String SUMMARY = "summary.json";
    /** Every file a run writes in its folder ({@code --force} deletes these and only these). */
    public static final List<String> FILES = List.of(EXPERIMENT, PARTIAL, TRAJECTORY, CHECKPOINT, SUMMARY,
            "dynamics.png", "dynamics.svg");


    /** Where a resumed run starts: the checkpoint's contents and the rows recorded before it. */
    public record Resume(double t, double step, int recorded, double[] state, double[] lastRecorded,
                         List<double[]> observerRows, long evaluations, double wallSeconds, List<double[]> rows) {
    }

    /** What the run is doing, for the checkpoint: asked for at each one. */
    public interface Progress {
        /** The grid points recorded so far. */
        int recorded();

        /** The state at the last recorded time. */
        double[] lastRecorded();

        /** The observer's rows (empty if none). */
        List<double[]> observerRows();

        /** Right-hand-side evaluations so far (counting those before a resume). */
        long evaluations();

        /** Wall seconds so far (counting those before a resume). */
        double wallSeconds();
    }

    private final Path dir;
    private final String experimentJson;
    private final double intervalSeconds;
    private final Resume resume;
    private final FileChannel partial;
    private Progress progress;
    private long lastSave;

    private RunJournal(Path dir, String experimentJson, double intervalSeconds, Resume resume, FileChannel partial) {
        this.dir = dir;
        this.experimentJson = experimentJson;
        this.intervalSeconds = intervalSeconds;
        this.resume = resume;
        this.partial = partial;
        this.lastSave = System.nanoTime();
    }

    /** Whether the folder holds anything at all (a run never writes into a non-empty folder unasked). */
    public static boolean occupied(Path dir) {
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return s.iterator().hasNext();
        } catch (IOException e) {
            return true;
        }
    }

    /** Deletes the files a run writes ({@link #FILES}), leaving anything else in the folder alone. */
    public static void clear(Path dir) throws IOException {
        for (String f : FILES) {
            Files.deleteIfExists(dir.resolve(f));
        }
    }

    /** A new run into {@code dir} (which the caller has checked or cleared): writes the experiment and the header. */
    public static RunJournal start(Path dir, Experiment e, List<String> columns, double intervalSeconds)
            throws IOException {
        Files.createDirectories(dir);
        String json = SummaryJson.toJson(e);
        AtomicFiles.writeString(dir.resolve(EXPERIMENT), json);
        Files.deleteIfExists(dir.resolve(CHECKPOINT));
        FileChannel ch = FileChannel.open(dir.resolve(PARTIAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        RunJournal j = new RunJournal(dir, json, intervalSeconds, null, ch);
        j.append(line(columns.toArray()));
        return j;
    }

    /** The experiment a run folder holds, as written at its start ({@code --resume DIR} without FILE). */
    public static Experiment experimentOf(Path dir) {
        Path file = dir.resolve(EXPERIMENT);
        if (!Files.isRegularFile(file)) {
            throw new ExperimentException("--resume " + dir + ": no run to resume there (no " + EXPERIMENT + ")");
        }
        try {
            return ExperimentLoader.resolved(new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()),
                    file.toString());
        } catch (IOException | UncheckedIOException e) {
            throw new ExperimentException("--resume " + dir + ": " + EXPERIMENT + " cannot be read");
        }
    }

    /**
     * Reopens an interrupted run of {@code e} in {@code dir}: checks that it is this experiment's and
     * unfinished, cuts the partial trajectory back to the checkpoint and reads its rows. Refused
     * (bad input, nothing changed) for a finished run, another experiment, a method that cannot
     * restart, or a damaged checkpoint.
     */
    public static RunJournal resume(Path dir, Experiment e, FlowIntegrator integrator, List<String> columns,
                                    double intervalSeconds) throws IOException {
        String where = "--resume " + dir;
        if (!Files.isDirectory(dir)) {
            throw new ExperimentException(where + ": no such folder");
        }
        String json = SummaryJson.toJson(e);
        Path exp = dir.resolve(EXPERIMENT);
        if (!Files.isRegularFile(exp)) {
            throw new ExperimentException(where + ": no run to resume there (no " + EXPERIMENT + ")");
        }
        if (!Files.readString(exp, StandardCharsets.UTF_8).equals(json)) {
            throw new ExperimentException(where + ": the folder holds a run of a different experiment ("
                    + EXPERIMENT + " differs); use another --out");
        }
        Path part = dir.resolve(PARTIAL);
        if (!Files.exists(part)) {
            throw new ExperimentException(where + ": the run there is finished (no " + PARTIAL + "); nothing to resume");
        }
        if (!(integrator instanceof RestartableIntegrator)) {
            throw new ExperimentException(where + ": integrator.method " + e.integrator().method()
                    + " cannot continue from a checkpoint (dop853 can); rerun with --force");
        }
        Path cp = dir.resolve(CHECKPOINT);
        if (!Files.exists(cp)) {
            // killed before the first checkpoint: continuing from the start is continuing from the last checkpoint
            return start(dir, e, columns, intervalSeconds);
        }
        RunCheckpoint c = RunCheckpoint.read(cp, where);
        if (!c.experimentJson().equals(json)) {
            throw new ExperimentException(where + ": " + CHECKPOINT + " belongs to a different experiment; use --force");
        }
        long size = Files.size(part);
        if (c.partialBytes() > size) {
            throw new ExperimentException(where + ": " + PARTIAL + " is shorter than its checkpoint says; use --force");
        }
        byte[] head = new byte[(int) Math.min(c.partialBytes(), Integer.MAX_VALUE - 8)];
        try (InputStream in = Files.newInputStream(part)) {
            if (in.readNBytes(head, 0, head.length) != head.length || head.length != c.partialBytes()) {
                throw new ExperimentException(where + ": " + PARTIAL + " cannot be read back; use --force");
            }
        }
        List<double[]> rows = parseRows(new String(head, StandardCharsets.UTF_8), columns, where);
        if (rows.size() != c.recorded()) {
            throw new ExperimentException(where + ": " + PARTIAL + " holds " + rows.size() + " rows, its checkpoint "
                    + c.recorded() + "; use --force");
        }
        FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE);
        ch.truncate(c.partialBytes());
        ch.position(c.partialBytes());
        Resume r = new Resume(c.t(), c.step(), c.recorded(), c.state(), c.lastRecorded(), c.observerRows(), c.evaluations(),
                c.wallSeconds(), rows);
        return new RunJournal(dir, json, intervalSeconds, r, ch);
    }

    private static List<double[]> parseRows(String text, List<String> columns, String where) {
        String[] lines = text.split("\n", -1);
        String header = line(columns.toArray());
        if (lines.length < 2 || !lines[0].equals(header) || !lines[lines.length - 1].isEmpty()) {
            throw new ExperimentException(where + ": " + PARTIAL + " does not match this run's columns; use --force");
        }
        List<double[]> rows = new ArrayList<>();
        for (int k = 1; k < lines.length - 1; k++) {
            String[] f = lines[k].split(",", -1);
            if (f.length != columns.size()) {
                throw new ExperimentException(where + ": " + PARTIAL + " line " + (k + 1) + " is damaged; use --force");
            }
            double[] row = new double[f.length];
            try {
                for (int m = 0; m < f.length; m++) {
                    row[m] = Double.parseDouble(f[m]);
                }
            } catch (NumberFormatException ex) {
                throw new ExperimentException(where + ": " + PARTIAL + " line " + (k + 1) + " is damaged; use --force");
            }
            rows.add(row);
        }
        return rows;
    }

    /** One CSV record as {@link TrajectoryCsv} writes it, without the line break. */
    static String line(Object[] values) {
        return CSVFormat.DEFAULT.format(values);
    }

    /** Where to start, or null for a run from t = 0. */
    public Resume resume() {
        return resume;
    }

    /** Tells the journal where to read the run's progress at each checkpoint. */
    public void attach(Progress p) {
        this.progress = p;
    }

    /** Appends one recorded row as a complete line, in one write. */
    public void recorded(double[] row) {
        String[] v = new String[row.length];
        for (int k = 0; k < row.length; k++) {
            v[k] = Double.isNaN(row[k]) ? "" : Double.toString(row[k]);   // as TrajectoryCsv: NaN is an empty field
        }
        append(line(v));
    }

    private void append(String text) {
        ByteBuffer bytes = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                partial.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Integrates as {@link FlowIntegrator#integrate} would, from the checkpoint if resuming, and
     * checkpoints on the way when the integrator can restart.
     */
    public double[] integrate(OrdinaryDifferentialEquation flow, double[] z0, double tEnd, FlowIntegrator integrator,
                              GridRecorder recorder) {
        if (!(integrator instanceof RestartableIntegrator ri)) {
            return integrator.integrate(flow, z0, tEnd, recorder);
        }
        RestartableIntegrator.StepListener listener = (t, z, h) -> {
            long now = System.nanoTime();
            if ((now - lastSave) * 1e-9 >= intervalSeconds) {
                save(t, z, h);
                lastSave = System.nanoTime();
            }
        };
        if (resume == null) {
            return ri.integrate(flow, z0, 0.0, Double.NaN, tEnd, recorder, listener);
        }
        recorder.resumeAt(resume.recorded());
        return ri.integrate(flow, resume.state(), resume.t(), resume.step(), tEnd, recorder, listener);
    }

    private void save(double t, double[] z, double h) {
        try {
            partial.force(false);
            long bytes = partial.position();
            RunCheckpoint c = new RunCheckpoint(experimentJson, t, h, progress.recorded(), bytes, z, progress.lastRecorded(),
                    progress.observerRows(), progress.evaluations(), progress.wallSeconds());
            AtomicFiles.write(dir.resolve(CHECKPOINT), out -> c.write(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends the run's record: the partial trajectory becomes {@code trajectory.csv} (one rename)
     * and the checkpoint is deleted. Call after everything else is written.
     */
    public void finish() throws IOException {
        partial.force(false);
        partial.close();
        AtomicFiles.moveInto(dir.resolve(PARTIAL), dir.resolve(TRAJECTORY));
        Files.deleteIfExists(dir.resolve(CHECKPOINT));
    }

    /** Closes the partial file without finishing (an error): what is on disk stays resumable. */
    public void abandon() {
        try {
            partial.close();
        } catch (IOException e) {
            // nothing more to lose
        }
    }
}
