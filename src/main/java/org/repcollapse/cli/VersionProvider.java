package org.repcollapse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/**
 * {@code --version}: the project version from the pom, put into {@code version.properties} by the
 * build, and the sample kernel this JVM runs (vector or scalar).
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The version the build stamped, or "unknown" when run from unfiltered sources. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.contains("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"collapse " + version(),
            "sample kernel: " + org.repcollapse.dynamics.SampleKernel.selected().name()};
    }
}
