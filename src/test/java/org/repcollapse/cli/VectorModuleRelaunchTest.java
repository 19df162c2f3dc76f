package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.repcollapse.cli.VectorModuleRelaunch.Decision;

/**
 * Plain {@code java -jar} (a JVM without {@code --add-modules jdk.incubator.vector}) ends up on the
 * vector kernel: the relaunch rule, and a child JVM started without the module that reports the
 * kernel it runs ({@code --version}), with and without the opt-out.
 */
class VectorModuleRelaunchTest {

    @Test
    void relaunchesOnlyWhenTheModuleIsMissingAndObtainable() {
        assertEquals(Decision.RUN, VectorModuleRelaunch.decide(true, true, null, null, null));
        assertEquals(Decision.RELAUNCH, VectorModuleRelaunch.decide(false, true, null, null, null));
        assertEquals(Decision.RUN, VectorModuleRelaunch.decide(false, true, null, "false", null), "opt-out");
        assertEquals(Decision.RUN, VectorModuleRelaunch.decide(false, true, "false", null, null), "scalar asked for");
        assertEquals(Decision.RUN_SCALAR_WITH_NOTE, VectorModuleRelaunch.decide(false, false, null, null, null),
                "no module in the runtime: scalar, said on stderr");
        assertEquals(Decision.RUN_SCALAR_WITH_NOTE, VectorModuleRelaunch.decide(false, true, null, null, "true"),
                "a relaunched child never relaunches again");
    }

    private record Out(int status, String stdout, String stderr) {
    }

    /** {@code java [options] -cp <test class path> org.repcollapse.cli.Main args}, without the module. */
    private static Out java(List<String> options, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Out(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void aJvmWithoutTheModuleRunsTheVectorKernel() throws Exception {
        Out o = java(List.of(), "--version");
        assertEquals(0, o.status(), o.stderr());
        assertTrue(o.stdout().contains("sample kernel: vector"), o.stdout());
        assertFalse(o.stderr().contains("incubator"), "the incubator warning is dropped: " + o.stderr());
    }

    @Test
    void theOptOutKeepsTheScalarKernelAndTheExitStatusPassesThrough() throws Exception {
        Out o = java(List.of("-Drepcollapse.relaunch=false"), "--version");
        assertEquals(0, o.status(), o.stderr());
        assertTrue(o.stdout().contains("sample kernel: scalar"), o.stdout());
        Out bad = java(List.of(), "run", "/nonexistent/model.yaml");
        assertEquals(ExitCodes.BAD_INPUT, bad.status(), "the child's exit status: " + bad.stderr());
        assertEquals(1, bad.stderr().strip().lines().count(), "one line: " + bad.stderr());
    }
}
