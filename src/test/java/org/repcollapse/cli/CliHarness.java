package org.repcollapse.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/** Runs the command line in-process, capturing its exit status, stdout and stderr. */
final class CliHarness {

    /** What one invocation produced. */
    record Result(int status, String out, String err) {
    }

    private CliHarness() {
    }

    /** Serialised: the commands print to System.out, which is swapped for the call. */
    static synchronized Result run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int status;
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(out, true));
            status = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(status, out + sysOut.toString(StandardCharsets.UTF_8),
                err + sysErr.toString(StandardCharsets.UTF_8));
    }
}
