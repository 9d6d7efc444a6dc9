package org.kge4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kge4j} command: a parent for {@code train}, {@code evaluate}, {@code hpo}, {@code
 * predict}, {@code export}, {@code serve} and {@code datasets}. Run without a subcommand it prints
 * its usage.
 *
 * <p>Exit codes follow picocli: 0 success, 1 a failure while running, 2 an invalid command line
 * (unknown option, value out of range), with a message that names the option, the value received
 * and what is allowed.
 */
@Command(
    name = "kge4j",
    mixinStandardHelpOptions = true,
    versionProvider = Kge4jCommand.VersionProvider.class,
    description =
        "Train and evaluate knowledge-graph-embedding models with PyKEEN's DoubleMarginLoss.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      HpoCommand.class,
      PredictCommand.class,
      ExportCommand.class,
      ServeCommand.class,
      DatasetsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Kge4jCommand implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /**
   * A command line for {@code kge4j} with case-insensitive choice values ({@code --model DistMult}
   * works) and the standard exception handlers.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Kge4jCommand());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(Kge4jCommand::usageError);
    commandLine.setExecutionExceptionHandler(Kge4jCommand::failure);
    return commandLine;
  }

  /**
   * Prints a bad command line's message and a pointer to the help, instead of picocli's full usage
   * text that would bury the message; exit code 2.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("kge4j: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Reports a failure while running (an unreadable file, a failed download, a diverging training)
   * as one line, exit code 1; {@code KGE4J_DEBUG=1} adds the stack trace.
   */
  private static int failure(
      Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    err.println("kge4j " + command.getCommandName() + ": error: " + e.getMessage());
    if (System.getenv("KGE4J_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports kge4j's version with the Java runtime it runs on. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Versions versions = Versions.current();
      return new String[] {
        "kge4j " + versions.kge4j(),
        "Java " + versions.java() + " (" + versions.javaVm() + "), " + versions.os()
      };
    }
  }
}
