package org.repcollapse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives plain {@code java -jar target/collapse.jar} the Vector API kernel of {@code ./collapse}: a JVM
 * started without {@code --add-modules jdk.incubator.vector} runs this jar again in a child JVM with
 * the same JVM options, the module added and {@code -Drepcollapse.relaunched=true}; standard input and
 * output are the child's, its standard error is passed through without the JVM's one-line incubator
 * warning, and the exit status is the child's. Opt out with {@code -Drepcollapse.relaunch=false} (or
 * ask for the scalar kernel with {@code -Drepcollapse.simd=false}, which never relaunches). When the
 * module cannot be had (a runtime without it, or a child that still lacks it), one line on stderr says
 * that the scalar kernel runs: no launch path falls back to it unknowingly.
 */
final class VectorModuleRelaunch {

    static final String MODULE = "jdk.incubator.vector";
    static final String WARNING = "WARNING: Using incubator modules: " + MODULE;

    private VectorModuleRelaunch() {
    }

    /** What to do at start-up: run here, or relaunch with the module. */
    enum Decision { RUN, RELAUNCH, RUN_SCALAR_WITH_NOTE }

    /** The rule, from the facts it depends on. */
    static Decision decide(boolean modulePresent, boolean moduleInRuntime, String simd, String relaunch,
                           String relaunched) {
        if (modulePresent || "false".equals(simd) || "false".equals(relaunch)) {
            return Decision.RUN;
        }
        if (!moduleInRuntime || "true".equals(relaunched)) {
            return Decision.RUN_SCALAR_WITH_NOTE;
        }
        return Decision.RELAUNCH;
    }

    static Decision decide() {
        return decide(ModuleLayer.boot().findModule(MODULE).isPresent(),
                ModuleFinder.ofSystem().find(MODULE).isPresent(), System.getProperty("repcollapse.simd"),
                System.getProperty("repcollapse.relaunch"), System.getProperty("repcollapse.relaunched"));
    }

    /**
     * The child's command line: this JVM's executable and options (with {@code -XX:+UseParallelGC} when
     * they choose no collector, as {@code ./collapse}), the module, the class-data archive of
     * {@code ./collapse} ({@code collapse.jsa} next to the jar, see {@link #archive}), this class path
     * (a single jar by its real path, the path the archive was made with) and main class.
     */
    static List<String> command(List<String> jvmOptions, String[] args, List<String> archive) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            cmd.add("-XX:+UseParallelGC");
        }
        cmd.addAll(archive);
        cmd.add("--add-modules");
        cmd.add(MODULE);
        cmd.add("-Drepcollapse.relaunched=true");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * In a relaunched child: a daemon thread that ends this JVM (status 137) once the parent JVM is
     * gone, so that killing the parent (even with SIGKILL) does not leave the child running. Checked
     * every 100 ms; the handle tells a reused pid from the parent.
     */
    static void followParent() {
        if (!"true".equals(System.getProperty("repcollapse.relaunched"))) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> {
            Thread t = new Thread(() -> {
                while (parent.isAlive()) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                Runtime.getRuntime().halt(137);
            }, "collapse-follow-parent");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The class path, a single jar by its real path. */
    static String classPath() {
        String cp = System.getProperty("java.class.path");
        if (!cp.contains(java.io.File.pathSeparator) && cp.endsWith(".jar")) {
            try {
                return Path.of(cp).toRealPath().toString();
            } catch (IOException | RuntimeException ignored) {
                return cp;
            }
        }
        return cp;
    }

    /**
     * Class-data-sharing options: use {@code collapse.jsa} next to the jar when it is newer than the jar;
     * else, for {@code run}, write one at exit to {@code tmp} (renamed by {@link #relaunch}); nothing when
     * the property {@code repcollapse.cds} is {@code false}. The JVM ignores an archive that does not
     * match the jar; its log lines are switched off.
     */
    static List<String> archive(String[] args, Path tmp) {
        String cp = classPath();
        if ("false".equals(System.getProperty("repcollapse.cds")) || !cp.endsWith(".jar") || cp.contains(java.io.File.pathSeparator)) {
            return List.of();
        }
        Path jar = Path.of(cp);
        Path jsa = jsa(jar);
        try {
            if (java.nio.file.Files.isRegularFile(jsa) && java.nio.file.Files.getLastModifiedTime(jsa).compareTo(
                    java.nio.file.Files.getLastModifiedTime(jar)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
        } catch (IOException | RuntimeException ignored) {
            return List.of();
        }
        if (tmp != null && args.length > 0 && "run".equals(args[0]) && java.nio.file.Files.isWritable(jsa.getParent())) {
            return List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        return List.of();
    }

    static Path jsa(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /** Runs the child and returns its exit status (-1 when it could not be started). */
    static int relaunch(String[] args) {
        List<String> options = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        String cp = classPath();
        Path tmp = cp.endsWith(".jar") ? Path.of(cp + "." + ProcessHandle.current().pid() + ".jsa.tmp") : null;
        List<String> cds = archive(args, tmp);
        ProcessBuilder pb = new ProcessBuilder(command(options, args, cds));
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            System.err.println("note: could not relaunch with " + MODULE + " (" + e.getMessage()
                    + "); running the scalar kernel (same numbers, slower)");
            return -1;
        }
        Thread stop = new Thread(child::destroy, "collapse-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Thread err = new Thread(() -> copyDroppingWarning(child, System.err), "collapse-relaunch-stderr");
        err.setDaemon(true);
        err.start();
        int status;
        while (true) {
            try {
                status = child.waitFor();
                err.join();
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        if (cds.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="))) {
            try {
                if (java.nio.file.Files.size(tmp) > 0) {
                    java.nio.file.Files.move(tmp, jsa(Path.of(cp)), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException | RuntimeException ignored) {
                // no archive this time
            } finally {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing to clean
                }
            }
        }
        return status;
    }

    /** Passes the child's stderr through, line by line, without the incubator warning line. */
    private static void copyDroppingWarning(Process child, PrintStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            boolean dropped = false;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!dropped && line.equals(WARNING)) {
                    dropped = true;
                    continue;
                }
                out.println(line);
                out.flush();
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }
}
