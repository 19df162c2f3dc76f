package org.repcollapse.cli;

import java.time.Duration;
import java.util.Map;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The progress policy of every long command: one bar on stderr, with a total fixed when it
 * starts, only when the console is a terminal, {@code CI} is unset (or empty) and {@code --no-progress}
 * was not given; otherwise nothing at all (so logs and CI output stay clean). Commands print
 * their results to stdout only after the bar is closed, so the two never interleave. The
 * system property {@code collapse.progress.terminal=true} stands in for a terminal (tests).
 */
public final class Progress {

    public static final String TERMINAL_PROPERTY = "collapse.progress.terminal";

    private Progress() {
    }

    /** Whether to draw a bar: asked for, on a terminal, and not under CI. */
    public static boolean enabled(boolean noProgress, boolean terminal, Map<String, String> env) {
        String ci = env.get("CI");
        return !noProgress && terminal && (ci == null || ci.isEmpty());
    }

    /** The decision for this process. */
    public static boolean enabled(boolean noProgress) {
        boolean terminal = System.console() != null || Boolean.getBoolean(TERMINAL_PROPERTY);
        return enabled(noProgress, terminal, System.getenv());
    }

    /** A bar of {@code total} steps on stderr (null when progress is off). */
    public static ProgressBar bar(boolean enabled, String task, long total, String unitName) {
        if (!enabled) {
            return null;
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500)
                .startsFrom(0, Duration.ZERO);
        if (unitName != null) {
            b.setUnit(unitName, 1);
        }
        return b.build();
    }
}
