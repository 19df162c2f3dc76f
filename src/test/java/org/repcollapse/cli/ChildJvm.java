package org.repcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the command line in a separate JVM (to kill it with SIGKILL, or to give it a umask),
 * through {@code /bin/sh -c 'umask U; exec java ...'}: the process is the JVM itself after the exec.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Path logs, String umask, List<String> args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + "; exec \"$@\"", "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Drepcollapse.threads=1", "-cp", classpath, Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(logs.resolve("child.out").toFile())
                .redirectError(logs.resolve("child.err").toFile());
        pb.environment().put("CI", "true");
        return pb.start();
    }
}
