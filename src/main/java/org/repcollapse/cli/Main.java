package org.repcollapse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.repcollapse.experiment.ExperimentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code collapse} command: one executable, one subcommand per task (spec section 8). */
@Command(name = "collapse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reference solver for the minimal model of representation collapse.",
        subcommands = {RunCommand.class, TheoryCommand.class, FiguresCommand.class, FixedPointsCommand.class,
                       SweepCommand.class, MergeCommand.class, PlotCommand.class, BasinsCommand.class, ContinueCommand.class,
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
        // every subcommand's --version prints the version too (picocli would print an empty line)
        cl.getSubcommands().values().forEach(sc -> sc.getCommandSpec().versionProvider(new VersionProvider()));
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof ExperimentException) {
                line.getErr().println("error: " + ex.getMessage().replaceAll("\\p{Cntrl}+", " "));
                line.getErr().flush();
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

    /** A command-line usage error: one short line and exit status 2 (no usage dump). */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        String message = ex.getMessage() == null ? "invalid arguments" : ex.getMessage().replaceAll("\\s+", " ").trim();
        line.getErr().println("error: " + message + " (see: " + line.getCommandSpec().qualifiedName() + " --help)");
        line.getErr().flush();
        return ExitCodes.BAD_INPUT;
    }

    public static void main(String[] args) {
        switch (VectorModuleRelaunch.decide()) {
            case RELAUNCH:
                int status = VectorModuleRelaunch.relaunch(args);
                if (status >= 0) {
                    System.exit(status);
                }
                break;
            case RUN_SCALAR_WITH_NOTE:
                System.err.println("note: the Java runtime has no " + VectorModuleRelaunch.MODULE
                        + " module here; running the scalar kernel (same numbers, slower)");
                VectorModuleRelaunch.followParent();
                break;
            default:
                VectorModuleRelaunch.followParent();
                break;
        }
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
