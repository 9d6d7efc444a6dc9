package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.TrainingFixtures.crashAfterTwoEpochs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Datasets;
import org.kge4j.training.Checkpoint;
import org.kge4j.training.Pipeline;

/** {@code kge4j evaluate} and {@code kge4j train --resume} against a finished short run. */
class EvaluateAndResumeTest {

  private static final String MRR = "both.realistic.inverse_harmonic_mean_rank";

  @TempDir static Path dir;

  private static Path complete;
  private static JsonNode completeResults;

  /** The finished run's checkpoint file, as {@code evaluate} takes it. */
  private static String completeCheckpoint;

  @BeforeAll
  static void trainFourEpochs() throws Exception {
    complete = dir.resolve("complete");
    Cli.train(
        complete,
        "--model",
        "distmult",
        "--epochs",
        "4",
        "--dim",
        "12",
        "--negatives",
        "4",
        "--eval-frequency",
        "2",
        "--threads",
        "2");
    completeResults = Cli.results(complete);
    completeCheckpoint = complete.resolve(OutputFiles.CHECKPOINT_FILE).toString();
  }

  @Test
  void evaluateReproducesTheTestMetricsOfTheRun() throws Exception {
    Path metrics = dir.resolve("metrics.json");
    Cli.Run run = Cli.succeeds("evaluate", completeCheckpoint, "--output", metrics.toString());
    assertTrue(run.out().startsWith("test metrics (embedded, DistMult, "), run.out());
    JsonNode written = Cli.json(metrics);
    for (String key :
        List.of(MRR, "both.realistic.hits_at_10", "head.optimistic.arithmetic_mean_rank")) {
      assertEquals(
          completeResults.get("metrics").get(key).asDouble(),
          written.get("metrics").get(key).asDouble(),
          0.0,
          key);
    }
    assertEquals(4, written.get("epochs_completed").asInt());

    Cli.Run again = Cli.usageError("evaluate", completeCheckpoint, "--output", metrics.toString());
    assertTrue(again.err().contains("already exists; pass --overwrite"), again::toString);
  }

  @Test
  void evaluateOnTheValidationSplitMatchesTheLastValidation() {
    Cli.Run run = Cli.succeeds("evaluate", completeCheckpoint, "--split", "valid");
    double lastValidation = completeResults.at("/training/validation/1/" + MRR).asDouble();
    String mrrRow =
        run.out().lines().filter(l -> l.trim().startsWith("MRR")).findFirst().orElseThrow();
    String[] cells = mrrRow.trim().split("\\s+");
    assertEquals(lastValidation, Double.parseDouble(cells[3]), 5e-5, mrrRow);
  }

  @Test
  void evaluateWithTheWrongDatasetSaysSo() {
    Cli.sharedDatasets();
    Cli.Run run = Cli.usageError("evaluate", completeCheckpoint, "--dataset", "nations");
    assertTrue(
        run.err()
                .contains(
                    "dataset 'nations' does not fit: the checkpoint's entity table is 271 x 12, but 14 entities and 55 relations need 14 x 12")
            && run.err().contains("use the dataset the model was trained on"),
        run::toString);
  }

  @Test
  void aMissingRunIsAUsageErrorNamingTheParameter() {
    Path none = dir.resolve("none");
    Cli.Run run = Cli.usageError("evaluate", none.toString());
    assertEquals(
        "kge4j: Invalid value for positional parameter RUN_DIR|CHECKPOINT: no such file: "
            + none.toAbsolutePath(),
        run.err().lines().findFirst().orElseThrow(),
        run::toString);
  }

  @Test
  void resumingAnInterruptedRunGivesTheUninterruptedResult() throws Exception {
    // Interrupt the same configuration after epoch 2, as a crash would, leaving its checkpoint.
    Checkpoint finished = Checkpoint.read(complete.resolve(OutputFiles.CHECKPOINT_FILE));
    Path interrupted = Files.createDirectories(dir.resolve("interrupted"));
    Path checkpoint = interrupted.resolve(OutputFiles.CHECKPOINT_FILE);
    crashAfterTwoEpochs(Pipeline.builder(finished.config(), Datasets.embedded()), checkpoint);

    // The original ran with 2 threads; the thread count may change without changing results.
    Cli.Run resumed = Cli.succeeds("train", "--resume", checkpoint.toString(), "--threads", "1");
    // Only the two missing epochs are trained: the progress lines start at epoch 3.
    assertTrue(resumed.err().startsWith("epoch 3/4 ["), resumed::toString);
    assertFalse(
        resumed.err().contains("epoch 1/4") || resumed.err().contains("epoch 2/4"),
        resumed::toString);
    assertTrue(resumed.out().contains("output: " + interrupted.toAbsolutePath()), resumed.out());
    JsonNode results = Cli.results(interrupted);
    assertEquals(
        completeResults.get("metrics").get(MRR).asDouble(),
        results.get("metrics").get(MRR).asDouble(),
        0.0);
    assertEquals(completeResults.at("/training/losses"), results.at("/training/losses"));
    assertEquals(
        5, Files.readAllLines(interrupted.resolve("losses.tsv")).size(), "all 4 epochs are listed");
    assertEquals(1, results.at("/runtime/num_threads").asInt());
  }
}
