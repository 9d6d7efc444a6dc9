package org.kge4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.data.TriplesFactory;
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

  /** The labels of the first training triple: a known {@code (head, relation, tail)}. */
  final String head;

  final String relation;
  final String tail;

  private TrainedRun(Path directory) {
    this.directory = directory;
    this.dataset = Datasets.load("embedded");
    this.model =
        Checkpoint.read(directory.resolve(OutputFiles.CHECKPOINT_FILE))
            .restoreModel(dataset.numEntities(), dataset.numRelations());
    this.predictor = Predictor.of(model, dataset);
    TriplesFactory training = dataset.training();
    this.head = training.entityLabel(training.head(0));
    this.relation = training.relationLabel(training.relation(0));
    this.tail = training.entityLabel(training.tail(0));
  }

  /** The model's own score of the labelled triple {@code (h, r, t)}. */
  float score(String h, String r, String t) {
    TriplesFactory ids = dataset.training();
    return model.score(ids.entityToId().get(h), ids.relationToId().get(r), ids.entityToId().get(t));
  }

  /** What {@code kge4j predict <this run> options... --format json} prints; it must succeed. */
  String predictJson(String... options) {
    List<String> args = new ArrayList<>(List.of("predict", directory.toString()));
    args.addAll(List.of(options));
    args.addAll(List.of("--format", "json"));
    return Cli.succeeds(args.toArray(String[]::new)).out();
  }

  /** The shared run, trained on first use. */
  static synchronized TrainedRun get() {
    if (instance == null) {
      Path directory =
          Path.of(System.getProperty("kge4j.target", "target"), "test-runs", "embedded-complex")
              .toAbsolutePath();
      Cli.train(
          directory,
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
          "--overwrite");
      instance = new TrainedRun(directory);
    }
    return instance;
  }
}
