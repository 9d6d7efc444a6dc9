package org.kge4j.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code RUN_DIR|CHECKPOINT} parameter and the {@code --dataset} option of the commands that
 * use a trained model ({@code predict}, {@code export}, {@code serve}), as a picocli mixin.
 */
final class ModelLocation {

  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR|CHECKPOINT",
      description = "A run directory written by `kge4j train`, or its checkpoint file.")
  private Path location;

  @Option(
      names = "--dataset",
      paramLabel = "NAME|DIR",
      description =
          "The dataset the model was trained on. Default: the one recorded in the run's"
              + " results.json, else embedded.")
  private String dataset;

  /** Loads the model; see {@link TrainedModel#load}. */
  TrainedModel load(CommandLine commandLine) {
    return TrainedModel.load(commandLine, "RUN_DIR|CHECKPOINT", location, dataset);
  }
}
