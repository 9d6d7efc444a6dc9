package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.model.Model;
import org.kge4j.prediction.Predictor;
import org.kge4j.training.Checkpoint;

/**
 * One short ComplEx run on the embedded dataset, trained once per test JVM with {@code kge4j train}
 * and shared by the tests of {@code predict}, {@code export} and {@code serve}; the model and
 * predictor are loaded here through the library alone (the "Java API" side of the comparisons).
 */
final class TrainedRun {

  /** ComplEx's complex dimension in this run: rows hold {@code 2 * DIM} floats. */
  static final int DIM = 6;

  private static TrainedRun instance;

  final Path directory;
  final Dataset dataset;
  final Model model;
  final Predictor predictor;

  private TrainedRun(Path directory) {
    this.directory = directory;
    this.dataset = Datasets.load("embedded");
    this.model =
        Checkpoint.read(directory.resolve(TrainCommand.CHECKPOINT_FILE))
            .restoreModel(dataset.numEntities(), dataset.numRelations());
    this.predictor = Predictor.of(model, dataset);
  }

  /** The shared run, trained on first use. */
  static synchronized TrainedRun get() {
    if (instance == null) {
      Path directory =
          Path.of(System.getProperty("kge4j.target", "target"), "test-runs", "embedded-complex")
              .toAbsolutePath();
      Cli.Run run =
          Cli.run(
              "train",
              "--model",
              "complex",
              "--dim",
              String.valueOf(DIM),
              "--epochs",
              "5",
              "--eval-frequency",
              "0",
              "--threads",
              "2",
              "--quiet",
              "--overwrite",
              "--output",
              directory.toString());
      assertEquals(0, run.exitCode(), run::toString);
      instance = new TrainedRun(directory);
    }
    return instance;
  }
}
