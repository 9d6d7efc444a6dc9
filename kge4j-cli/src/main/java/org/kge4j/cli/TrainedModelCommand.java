package org.kge4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands that use a trained model ({@code evaluate}, {@code predict}, {@code export},
 * {@code serve}) share: the {@code RUN_DIR|CHECKPOINT} parameter, the {@code --dataset} option, and
 * a {@link #call()} that gives the command its option checks and output and returns exit code 0
 * once the command's {@link #run} has finished.
 *
 * <p>picocli reads the annotated fields of this class before those of the subclass, so every such
 * command lists {@code --dataset} first. The usage settings below apply to every such command
 * (picocli applies a superclass's {@code @Command} attributes that the subclass does not set).
 */
@Command(sortOptions = false, mixinStandardHelpOptions = true, showDefaultValues = true)
abstract class TrainedModelCommand implements Callable<Integer> {

  private static final String LABEL = "RUN_DIR|CHECKPOINT";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = LABEL,
      description = "A run directory written by `kge4j train`, or its checkpoint file.")
  private Path location;

  @Option(
      names = "--dataset",
      paramLabel = "NAME|DIR|FILE",
      description =
          "Where the dataset the model was trained on is now (a graph file is read and split as"
              + " the checkpoint's configuration recorded, and must be unchanged). Default: the"
              + " one recorded in the checkpoint's configuration.")
  private String dataset;

  /** Runs the command, flushes its output and returns exit code 0. */
  @Override
  public final Integer call() {
    PrintWriter out = commandLine().getOut();
    run(new OptionChecks(commandLine()), out);
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  /**
   * The command's work: it checks its own options with {@code checks} before it calls {@link
   * #loadModel()}, so that a bad option is reported without reading a checkpoint, and prints to
   * {@code out}.
   */
  abstract void run(OptionChecks checks, PrintWriter out);

  /**
   * Loads the model that {@code RUN_DIR|CHECKPOINT} and {@code --dataset} name; see {@link
   * TrainedModel#load}.
   */
  final TrainedModel loadModel() {
    return TrainedModel.load(commandLine(), LABEL, location, dataset);
  }

  /** The command line this command runs in, for its output and its usage errors. */
  final CommandLine commandLine() {
    return spec.commandLine();
  }
}
