package org.kge4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kge4j.config.DatasetConfig;
import org.kge4j.data.Dataset;
import org.kge4j.model.Model;
import org.kge4j.training.Checkpoint;
import picocli.CommandLine;

/**
 * A trained model loaded for use by {@code evaluate}, {@code predict}, {@code export} and {@code
 * serve}: the checkpoint, the dataset it was trained on and the restored model.
 *
 * <p>The dataset is the one the checkpoint's configuration names ({@code dataset} and {@code
 * dataset_kwargs}: a graph file is read and split as the run did, and refused if it changed); a
 * {@code --dataset} value only says where that data is now ({@link DatasetConfig#at}).
 *
 * @param checkpointFile the checkpoint that was read
 * @param checkpoint its content
 * @param datasetSource the dataset name, directory or file that was loaded
 * @param dataset the dataset, whose id maps label the model's rows
 * @param model the restored model
 */
record TrainedModel(
    Path checkpointFile,
    Checkpoint checkpoint,
    String datasetSource,
    Dataset dataset,
    Model model) {

  /** How the commands' usage names the location of a trained model. */
  static final String LABEL = "RUN_DIR|CHECKPOINT";

  /**
   * Loads the model of {@code location}, a run directory (its {@value OutputFiles#CHECKPOINT_FILE}
   * is read) or a checkpoint file. A missing or unreadable checkpoint, an unknown dataset, a
   * changed graph file or a dataset of another size are usage errors (exit code 2) naming {@value
   * #LABEL} or {@code --dataset}.
   *
   * @param datasetOption the {@code --dataset} value, or null
   */
  static TrainedModel load(CommandLine commandLine, Path location, String datasetOption) {
    Path file =
        Files.isDirectory(location) ? location.resolve(OutputFiles.CHECKPOINT_FILE) : location;
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(
          commandLine,
          "Invalid value for positional parameter "
              + LABEL
              + ": no such file: "
              + file.toAbsolutePath());
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.read(file);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          commandLine,
          "Invalid value for positional parameter " + LABEL + ": " + e.getMessage(),
          e);
    }
    OptionChecks checks = new OptionChecks(commandLine);
    DatasetConfig recorded = checkpoint.config().dataset();
    String source = datasetOption != null ? RunInfo.location(datasetOption) : recorded.name();
    Dataset data = RunInfo.load(checks, "--dataset", recorded.at(source)).dataset();
    try {
      Model model = checkpoint.restoreModel(data.numEntities(), data.numRelations());
      return new TrainedModel(file, checkpoint, source, data, model);
    } catch (IllegalArgumentException e) {
      throw checks.invalid("--dataset", "dataset '" + source + "' does not fit: " + e.getMessage());
    }
  }
}
