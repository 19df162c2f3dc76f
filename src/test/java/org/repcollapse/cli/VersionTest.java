package org.repcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code --version} prints "collapse" and the pom's version (stamped into the jar by the build), on every command. */
class VersionTest {

    @Test
    void versionIsThePomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>collapse-solver</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "project version in pom.xml");
        String expected = "collapse " + m.group(1);
        for (String[] args : new String[][] {{"--version"}, {"run", "--version"}, {"sweep", "--version"}}) {
            CliHarness.Result r = CliHarness.run(args);
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals(expected, r.out().strip().lines().findFirst().orElse(""), String.join(" ", args));
            assertTrue(r.out().contains("sample kernel: "), "the kernel this JVM runs");
        }
    }
}
