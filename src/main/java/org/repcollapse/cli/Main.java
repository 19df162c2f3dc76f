package org.repcollapse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.repcollapse.experiment.ExperimentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code collapse} command: one executable, one subcommand per task (spec section 8). */
@Command(name = "collapse", mixinStandardHelpOptions = true, version = "collapse 0.1.0",
        description = "Reference solver for the minimal model of representation collapse.",
        subcommands = {RunCommand.class, TheoryCommand.class, FiguresCommand.class, FixedPointsCommand.class,
                       CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand (run, theory, figures, ...)");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof ExperimentException) {
                line.getErr().println("error: " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof IOException || ex instanceof UncheckedIOException) {
                line.getErr().println("error: cannot write output: " + ex.getMessage());
                return ExitCodes.IO;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
