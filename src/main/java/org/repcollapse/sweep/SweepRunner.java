package org.repcollapse.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.repcollapse.experiment.ExperimentException;
import org.repcollapse.experiment.ExperimentRunner;
import org.repcollapse.experiment.RunResult;

/**
 * Runs the missing rows of a sweep on a pool of threads (each run is single-threaded and
 * deterministic, so the rows do not depend on the pool) and keeps {@code DIR/sweep.csv}
 * resumable: {@code DIR/sweep.json} pins the definition (a rerun with another definition is
 * refused), rows already present are skipped, each new row is appended whole as it finishes
 * ({@link SweepCsv.Appender}), and the finished file is rewritten sorted. A lock file keeps two
 * processes out of the same directory.
 */
public final class SweepRunner {

    /** Hears about progress (called from worker threads). */
    public interface Listener {
        void started(long total, long alreadyDone);

        void finished(RunKey key, RunResult result);
    }

    /** What a call did: runs of this shard, rows found already, rows computed, failed rows in the file. */
    public record Outcome(long total, long present, long computed, long failed, Path csv) {
    }

    /** The lock file, present only while a sweep runs in the directory (a killed sweep leaves it, harmlessly). */
    public static final String LOCK = ".sweep.lock";

    private SweepRunner() {
    }

    /** Bad input (another sweep in the directory) is refused before anything is written. */
    public static void checkDirectory(SweepPlan plan, Path dir) {
        Path def = dir.resolve(SweepPlan.DEFINITION);
        if (Files.exists(def)) {
            String diff = SweepPlan.difference(SweepPlan.readDefinition(def), plan.definition(), false);
            if (diff != null) {
                throw new ExperimentException(dir + " holds a different sweep (its " + diff
                        + " differs from this one's); use another --out");
            }
        } else if (Files.exists(dir.resolve(SweepCsv.FILE))) {
            throw new ExperimentException(dir.resolve(SweepCsv.FILE) + " exists without " + SweepPlan.DEFINITION
                    + "; use another --out");
        }
    }

    public static Outcome run(SweepPlan plan, Path dir, int threads, Listener listener) throws IOException {
        checkDirectory(plan, dir);
        Files.createDirectories(dir);
        Path lockPath = dir.resolve(LOCK);
        try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile, dir)) {
            try {
                Path def = dir.resolve(SweepPlan.DEFINITION);
                if (!Files.exists(def)) {
                    SweepPlan.writeDefinition(def, plan.definition());
                }
                return runLocked(plan, dir.resolve(SweepCsv.FILE), threads, listener);
            } finally {
                Files.deleteIfExists(lockPath);     // removed while still held: no empty lock file left behind
            }
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new ExperimentException(dir + " is in use by another running sweep");
        }
        return lock;
    }

    private static Outcome runLocked(SweepPlan plan, Path csv, int threads, Listener listener) throws IOException {
        String header = plan.header();
        int columns = plan.columns().size();
        java.util.Set<RunKey> mine = new java.util.HashSet<>();
        plan.runs().forEach(r -> mine.add(r.key()));
        SweepCsv.Contents existing = SweepCsv.read(csv, header, columns, mine::contains);
        if (!existing.clean()) {
            SweepCsv.writeSorted(csv, header, existing.rows());     // drops a partial or foreign line
        }
        SortedMap<RunKey, String> rows = new ConcurrentSkipListMap<>(existing.rows());
        List<SweepPlan.Run> todo = plan.runs().stream().filter(r -> !rows.containsKey(r.key())).toList();
        if (listener != null) {
            listener.started(plan.runs().size(), rows.size());
        }
        if (!todo.isEmpty()) {
            try (SweepCsv.Appender out = new SweepCsv.Appender(csv)) {
                execute(todo, Math.min(threads, todo.size()), run -> {
                    RunResult result = ExperimentRunner.run(run.experiment());
                    String line = SweepCsv.line(SweepRow.values(run.key(), run.values(), result));
                    out.append(line);
                    rows.put(run.key(), line);
                    if (listener != null) {
                        listener.finished(run.key(), result);
                    }
                });
            }
        }
        SweepCsv.writeSorted(csv, header, rows);
        int status = plan.columns().indexOf("status");
        long failed = rows.values().stream().filter(l -> "failed".equals(SweepCsv.field(l, status))).count();
        return new Outcome(plan.runs().size(), existing.rows().size(), todo.size(), failed, csv);
    }

    /** A task that may write. */
    @FunctionalInterface
    private interface Task {
        void run(SweepPlan.Run run) throws IOException;
    }

    private static void execute(List<SweepPlan.Run> todo, int threads, Task task) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepPlan.Run run : todo) {
                futures.add(pool.submit(() -> {
                    task.run(run);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("sweep interrupted", e);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
