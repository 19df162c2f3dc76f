package org.repcollapse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one of the Python baselines in {@code bench/} (numpy/scipy on the same instance) and reads
 * its {@code RESULT} line. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed from its environment
 * (they slow a current numpy; see the env notes), so BLAS runs its best kernel.
 */
final class PythonBaseline {

    private PythonBaseline() {
    }

    /** A process builder for {@code python3 script args...} (the interpreter from $PYTHON if set). */
    static ProcessBuilder builder(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(System.getenv().getOrDefault("PYTHON", "python3"), script));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("OPENBLAS_CORETYPE");
        env.remove("OPENBLAS_L2_SIZE");
        return pb;
    }

    /**
     * Runs it; the first {@code count} numbers after {@code RESULT} on its output, or null (after
     * printing why, prefixed by {@code label}) when it fails or prints no such line.
     */
    static double[] result(ProcessBuilder pb, String label, int count) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l);
            }
        }
        if (p.waitFor() != 0) {
            System.out.println(label + " failed: " + String.join(" | ", lines));
            return null;
        }
        for (String l : lines) {
            if (l.startsWith("RESULT")) {
                String[] f = l.trim().split("\\s+");
                double[] v = new double[count];
                for (int k = 1; k <= count; k++) {
                    v[k - 1] = Double.parseDouble(f[k]);
                }
                return v;
            }
        }
        System.out.println(label + " printed no RESULT line: " + String.join(" | ", lines));
        return null;
    }
}
