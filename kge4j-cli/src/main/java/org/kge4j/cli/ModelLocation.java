package org.kge4j.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code RUN_DIR|CHECKPOINT} parameter and the {@code --dataset} option of the commands that
 * use a trained model ({@code evaluate}, {@code predict}, {@code export}, {@code serve}), as a
 * picocli mixin.
 */
final class ModelLocation {

  private static final String LABEL = "RUN_DIR|CHECKPOINT";

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

  /** Loads the model; see {@link TrainedModel#load}. */
  TrainedModel load(CommandLine commandLine) {
    return TrainedModel.load(commandLine, LABEL, location, dataset);
  }
}
