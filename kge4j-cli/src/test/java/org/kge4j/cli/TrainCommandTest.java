package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;

/**
 * {@code kge4j train} end to end, in-process: short runs on the embedded dataset and on nations.
 */
class TrainCommandTest {

  private static final String MRR = "both.realistic.inverse_harmonic_mean_rank";
  private static final Dataset EMBEDDED = Datasets.embedded();
  private static final int ENTITIES = EMBEDDED.numEntities();

  @TempDir static Path runs;

  /** One short embedded run shared by the tests that only read its outputs. */
  private static Path embeddedRun;

  private static Cli.Run embeddedResult;

  @BeforeAll
  static void trainOnTheEmbeddedDataset() {
    Cli.sharedDatasets();
    embeddedRun = runs.resolve("embedded");
    embeddedResult =
        Cli.run(
            "train",
            "--epochs",
            "3",
            "--dim",
            "16",
            "--eval-frequency",
            "1",
            "--threads",
            "2",
            "--output",
            embeddedRun.toString());
  }

  @Test
  void embeddedRunSucceedsAndPrintsAMetricsTable() {
    assertEquals(0, embeddedResult.exitCode(), embeddedResult::toString);
    String out = embeddedResult.out();
    assertTrue(out.contains(EMBEDDED.summary()), out);
    assertTrue(
        out.contains(
            "test metrics (embedded, "
                + EMBEDDED.testing().numTriples()
                + " triples, filtered, realistic ranks):"),
        out);
    assertTrue(
        out.lines().anyMatch(l -> l.matches("\\s+MRR\\s+0\\.\\d{4}\\s+0\\.\\d{4}\\s+0\\.\\d{4}")),
        out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+Hits@10(\\s+[01]\\.\\d{4}){3}")), out);
    // Without a terminal the progress bar prints whole lines, the last one at 100 %.
    assertTrue(
        embeddedResult.err().contains("epoch 3/3 [########################] 100%"),
        embeddedResult.err());
  }

  @Test
  void resultsJsonHoldsMetricsConfigurationDatasetTimingsAndVersions() throws IOException {
    JsonNode results = Cli.results(embeddedRun);
    JsonNode metrics = results.get("metrics");
    assertAll(
        () -> assertEquals("completed", results.get("status").asText()),
        () -> assertInRange(metrics.get(MRR).asDouble(), 1.0 / ENTITIES, 1),
        () -> assertInRange(metrics.get("both.realistic.hits_at_10").asDouble(), 0, 1),
        () -> assertInRange(metrics.get("tail.pessimistic.hits_at_1").asDouble(), 0, 1),
        () ->
            assertInRange(
                metrics.get("both.realistic.arithmetic_mean_rank").asDouble(), 1, ENTITIES),
        () ->
            assertEquals(
                2 * EMBEDDED.testing().numTriples(), metrics.get("both.realistic.count").asInt()),
        () -> assertEquals(ENTITIES, results.at("/dataset/num_entities").asInt()),
        () -> assertEquals(EMBEDDED.numRelations(), results.at("/dataset/num_relations").asInt()),
        () ->
            assertEquals(
                EMBEDDED.training().numTriples(),
                results.at("/dataset/training/num_triples").asInt()),
        () ->
            assertEquals(
                EMBEDDED.testing().numTriples(),
                results.at("/dataset/testing/num_triples").asInt()),
        () -> assertEquals("ComplEx", results.at("/configuration/pipeline/model").asText()),
        () ->
            assertEquals(
                16, results.at("/configuration/pipeline/model_kwargs/embedding_dim").asInt()),
        () ->
            assertEquals(
                3, results.at("/configuration/pipeline/training_kwargs/num_epochs").asInt()),
        () -> assertEquals("sLCWA", results.at("/configuration/pipeline/training_loop").asText()),
        () ->
            assertEquals(
                "ComplEx (sLCWA, dim 16) on embedded",
                results.at("/configuration/metadata/title").asText()),
        () ->
            assertEquals(
                results.at("/versions/kge4j").asText(),
                results.at("/configuration/metadata/kge4j_version").asText()),
        () -> assertEquals(1.0, results.at("/loss/positive_margin").asDouble()),
        () -> assertEquals(0.0, results.at("/loss/negative_margin").asDouble()),
        () -> assertEquals("mean", results.at("/loss/reduction").asText()),
        () -> assertEquals(2, results.at("/runtime/num_threads").asInt()),
        () ->
            assertTrue(
                results.at("/configuration/pipeline/num_threads").isMissingNode(),
                "the thread count is not configuration"),
        () -> assertTrue(results.at("/timings/training_seconds").asDouble() > 0),
        () -> assertTrue(results.at("/timings/triples_per_second").asDouble() > 0),
        () -> assertEquals(3, results.at("/training/epochs_completed").asInt()),
        () -> assertEquals(3, results.at("/training/validation").size()),
        () ->
            assertTrue(
                results.at("/versions/kge4j").asText().matches("\\d+\\.\\d+\\.\\d+.*"),
                results.at("/versions/kge4j").asText()),
        () ->
            assertEquals(System.getProperty("java.version"), results.at("/versions/java").asText()),
        () ->
            assertTrue(
                results.at("/versions/os").asText().startsWith(System.getProperty("os.name"))));
  }

  @Test
  void lossesTsvHasOneRowPerEpochWithTheValidationMrr() throws IOException {
    List<String> lines = Files.readAllLines(embeddedRun.resolve("losses.tsv"));
    assertEquals(OutputFiles.LOSSES_HEADER, lines.get(0));
    assertEquals(4, lines.size(), lines::toString);
    JsonNode results = Cli.results(embeddedRun);
    for (int epoch = 1; epoch <= 3; epoch++) {
      String[] fields = lines.get(epoch).split("\t", -1);
      assertEquals(String.valueOf(epoch), fields[0]);
      assertEquals(
          results.at("/training/losses/" + (epoch - 1)).asDouble(),
          Double.parseDouble(fields[1]),
          1e-8);
      assertInRange(Double.parseDouble(fields[2]), 0, 1);
    }
  }

  @Test
  void plotDecodesAtTheDocumentedSizeAndACheckpointIsWritten() throws IOException {
    BufferedImage plot = ImageIO.read(embeddedRun.resolve("losses.png").toFile());
    assertEquals(Charts.WIDTH, plot.getWidth());
    assertEquals(Charts.HEIGHT, plot.getHeight());
    assertTrue(
        Files.size(embeddedRun.resolve(OutputFiles.CHECKPOINT_FILE)) > (long) ENTITIES * 16 * 2 * 4,
        "ComplEx stores two floats per dimension");
  }

  @Test
  void trainsOnNationsFromTheSharedDatasets() throws IOException {
    Path datasets = Cli.sharedDatasets();
    Path run = runs.resolve("nations");
    Cli.Run result =
        Cli.train(
            run,
            "--dataset",
            "nations",
            "--model",
            "distmult",
            "--activation",
            "relu",
            "--epochs",
            "2",
            "--dim",
            "16",
            "--batch-size",
            "128",
            "--negatives",
            "4",
            "--filter-negatives",
            "--threads",
            "2");
    assertEquals("", result.err(), "--quiet draws no progress bar");
    JsonNode results = Cli.results(run);
    Path train = datasets.resolve("nations/train.txt");
    assertEquals(distinctEntities(train), results.at("/dataset/num_entities").asInt());
    assertEquals(14, results.at("/dataset/num_entities").asInt());
    assertEquals(
        Files.readAllLines(train).size(), results.at("/dataset/training/num_triples").asInt());
    assertEquals("nations", results.at("/dataset/name").asText());
    assertTrue(results.at("/configuration/pipeline/negative_sampler_kwargs/filtered").asBoolean());
    assertEquals("ReLU", results.at("/loss/margin_activation").asText());
    assertInRange(results.get("metrics").get(MRR).asDouble(), 1.0 / 14, 1);
    assertEquals(3, Files.readAllLines(run.resolve("losses.tsv")).size());

    // evaluate finds the run's dataset in its checkpoint's configuration.
    Cli.Run evaluated =
        Cli.succeeds("evaluate", run.resolve(OutputFiles.CHECKPOINT_FILE).toString());
    assertTrue(evaluated.out().startsWith("test metrics (nations, DistMult, "), evaluated.out());
  }

  @Test
  void aDatasetDirectoryIsRecordedAbsolutely() throws IOException {
    Path nations = Cli.sharedDatasets().resolve("nations");
    Path relative = Path.of("").toAbsolutePath().relativize(nations);
    Path run = runs.resolve("directory");
    Cli.train(
        run,
        "--dataset",
        relative.toString(),
        "--model",
        "distmult",
        "--epochs",
        "1",
        "--dim",
        "8");
    JsonNode dataset = Cli.results(run).get("dataset");
    assertEquals(nations.toString(), dataset.get("source").asText());
    assertEquals(
        "nations", dataset.get("name").asText(), "a directory's dataset is named after it");
  }

  @Test
  void refusesToWriteIntoAnExistingRunWithoutOverwrite() throws IOException {
    Path run = runs.resolve("existing");
    Files.createDirectories(run);
    Files.writeString(run.resolve("results.json"), "{\"keep\": true}");
    Cli.Run refused =
        Cli.usageError("train", "--epochs", "1", "--dim", "8", "--output", run.toString());
    assertTrue(
        refused
            .err()
            .contains(
                "Invalid value for option '--output': directory "
                    + run.toAbsolutePath()
                    + " already exists and is not empty; pass --overwrite"),
        refused.err());
    assertEquals(
        "{\"keep\": true}",
        Files.readString(run.resolve("results.json")),
        "the old run is untouched");

    Cli.train(run, "--epochs", "1", "--dim", "8", "--overwrite");
    assertTrue(
        Files.readString(run.resolve("results.json")).contains("\"status\" : \"completed\""));
  }

  @Test
  void aDivergingRunFailsWithEpochAndBatchAndRecordsTheFailure() throws IOException {
    Path run = runs.resolve("diverging");
    Cli.Run result =
        Cli.run(
            "train",
            "--model",
            "distmult",
            "--optimizer",
            "sgd",
            "--lr",
            "1e30",
            "--epochs",
            "2",
            "--dim",
            "8",
            "--quiet",
            "--output",
            run.toString());
    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result
            .err()
            .matches("(?s)kge4j train: error: non-finite loss in epoch 1, batch \\d+ of \\d+: .*"),
        result::toString);
    JsonNode results = Cli.results(run);
    assertEquals("failed", results.get("status").asText());
    assertTrue(
        results
            .get("error")
            .asText()
            .startsWith("NonFiniteLossException: non-finite loss in epoch 1"),
        results.get("error").asText());
  }

  @Test
  void anEmptyOutputDirectoryNeedsNoOverwrite() throws IOException {
    Path run = Files.createDirectories(runs.resolve("empty"));
    Cli.train(run, "--epochs", "1", "--dim", "8");
    assertTrue(Files.exists(run.resolve("results.json")));
  }

  @Test
  void distanceLimitsConfigureTheBootEaForm() throws IOException {
    Path run = runs.resolve("transe");
    Cli.train(
        run,
        "--model",
        "transe",
        "--distance-limits",
        "0.5,2",
        "--balance",
        "0.25",
        "--epochs",
        "1",
        "--dim",
        "8");
    JsonNode loss = Cli.results(run).at("/loss");
    assertEquals("distance_limits", loss.get("form").asText());
    // λ = -γ1, λ̄ = γ2, reduction sum, weights balance and 1 - balance (μ1 = 3).
    assertEquals(-0.5, loss.get("positive_margin").asDouble(), 1e-7);
    assertEquals(2.0, loss.get("negative_margin").asDouble(), 1e-7);
    assertEquals("sum", loss.get("reduction").asText());
    assertEquals(0.25, loss.get("positive_weight").asDouble(), 1e-7);
    assertEquals(0.75, loss.get("negative_weight").asDouble(), 1e-7);
  }

  @Test
  void theDefaultOutputIsAFreshTimestampedDirectory() throws IOException {
    Path root = runs.resolve("fresh");
    Instant now = Instant.parse("2026-11-28T16:05:09Z");
    Path first = TrainCommand.freshRunDirectory(root, "my data", "complex", now);
    assertTrue(
        first.getFileName().toString().matches("\\d{8}-\\d{6}-my_data-complex"), first.toString());
    Files.createDirectories(first);
    Path second = TrainCommand.freshRunDirectory(root, "my data", "complex", now);
    assertEquals(first.getFileName() + "-2", second.getFileName().toString());
  }

  @Test
  void samplingOptionsWithLcwaAreNotedAsIgnored() throws IOException {
    Path run = runs.resolve("lcwa");
    Cli.Run result =
        Cli.train(run, "--loop", "lcwa", "--negatives", "8", "--epochs", "1", "--dim", "8");
    assertEquals(
        "kge4j: note: --negatives only applies to --loop slcwa; lcwa scores every entity",
        result.err().strip());
    JsonNode results = Cli.results(run);
    assertEquals("LCWA", results.at("/configuration/pipeline/training_loop").asText());
    assertTrue(results.at("/configuration/pipeline/negative_sampler").isMissingNode());
  }

  @Test
  void plotTitlesSpellModelsAndLoopsAsPapersDo() {
    assertEquals(
        "ComplEx (LCWA, dim 8) on embedded",
        TrainCommand.plotTitle(
            PipelineConfig.builder().model("complex").trainingLoop("lcwa").embeddingDim(8).build(),
            EMBEDDED));
    assertEquals(
        "TransE (sLCWA, dim 16) on embedded",
        TrainCommand.plotTitle(
            PipelineConfig.builder().model("transe").embeddingDim(16).build(), EMBEDDED));
  }

  private static int distinctEntities(Path train) throws IOException {
    Set<String> entities = new HashSet<>();
    for (String line : Files.readAllLines(train)) {
      String[] fields = line.split("\t");
      entities.add(fields[0]);
      entities.add(fields[2]);
    }
    return entities.size();
  }

  private static void assertInRange(double value, double min, double max) {
    assertFalse(Double.isNaN(value), "NaN");
    assertTrue(value >= min && value <= max, value + " not in [" + min + ", " + max + "]");
  }
}
