package org.kge4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What the {@code kge4j} subcommands that check their options ({@code train}, {@code hpo} and the
 * {@link TrainedModelCommand}s) share: their usage settings, the command line they run in, and a
 * {@link #call()} that gives the command its option checks and output and returns exit code 0 once
 * the command's {@link #run} has finished. A failure is an exception, which {@link
 * Kge4jCommand#commandLine()}'s handlers turn into exit code 1 or 2.
 *
 * <p>The usage settings apply to every such command (picocli applies a superclass's {@code Command}
 * attributes that the subclass does not set): options in the order they are declared, with {@code
 * --help}, {@code --version} and their default values.
 */
@Command(sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true)
abstract class Kge4jSubcommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command, flushes its output and returns exit code 0. */
  @Override
  public final Integer call() {
    PrintWriter out = commandLine().getOut();
    run(new OptionChecks(commandLine()), out);
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  /**
   * The command's work: it checks its options with {@code checks} before it reads or writes
   * anything, so that a bad option is reported at once, and prints its results to {@code out}
   * (progress, where it shows any, goes to the command line's error stream).
   */
  abstract void run(OptionChecks checks, PrintWriter out);

  /** The command line this command runs in, for its output and its usage errors. */
  final CommandLine commandLine() {
    return spec.commandLine();
  }

  /** Whether {@code option} was given on the command line (as opposed to left at its default). */
  final boolean given(String option) {
    return commandLine().getParseResult().hasMatchedOption(option);
  }
}
