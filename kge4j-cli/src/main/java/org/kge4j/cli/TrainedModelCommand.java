package org.kge4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands that use a trained model ({@code evaluate}, {@code predict}, {@code export},
 * {@code serve}) share: the {@code RUN_DIR|CHECKPOINT} parameter and the {@code --dataset} option,
 * and the loading of the model they name. The command's {@link #run} checks its own options before
 * it calls {@link #loadModel()}, so that a bad option is reported without reading a checkpoint.
 *
 * <p>picocli reads the annotated fields of this class before those of the subclass, so every such
 * command lists {@code --dataset} first.
 */
abstract class TrainedModelCommand extends Kge4jSubcommand {

  @Parameters(
      index = "0",
      paramLabel = TrainedModel.LABEL,
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

  /**
   * Loads the model that {@code RUN_DIR|CHECKPOINT} and {@code --dataset} name; see {@link
   * TrainedModel#load}.
   */
  final TrainedModel loadModel() {
    return TrainedModel.load(commandLine(), location, dataset);
  }
}
