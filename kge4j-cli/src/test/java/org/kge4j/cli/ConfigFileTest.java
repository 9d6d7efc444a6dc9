package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.PipelineConfig;
import org.kge4j.model.Initializer;
import org.kge4j.training.Checkpoint;

/**
 * {@code kge4j train --config}: a run's {@code pipeline_config.json} re-runs it, options given on
 * the command line override the file, and the JSON form round-trips.
 */
class ConfigFileTest {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  @TempDir static Path runs;

  private static Path original;
  private static String originalConfig;
  private static String originalCheckpoint;

  @BeforeAll
  static void trainTheOriginalRun() {
    Cli.sharedDatasets();
    original = runs.resolve("original");
    originalConfig = original.resolve(OutputFiles.PIPELINE_CONFIG_JSON).toString();
    originalCheckpoint = original.resolve(OutputFiles.CHECKPOINT_FILE).toString();
    Cli.train(
        original,
        "--model",
        "distmult",
        "--dim",
        "12",
        "--epochs",
        "3",
        "--eval-frequency",
        "1",
        "--negatives",
        "4",
        "--lr",
        "0.05",
        "--initializer",
        "xavier_normal",
        "--seed",
        "11",
        "--threads",
        "2");
  }

  private static Map<String, Object> readMap(Path file) throws IOException {
    return OutputFiles.json().readValue(file.toFile(), MAP);
  }

  @Test
  void aRunsPipelineConfigReRunsItWithTheSameValidationMrr() throws IOException {
    JsonNode second =
        Cli.retrain(original.resolve(OutputFiles.PIPELINE_CONFIG_JSON), runs.resolve("again"));
    JsonNode first = Cli.results(original);
    assertEquals(3, first.at("/training/validation").size());
    assertEquals(first.at("/training/validation"), second.at("/training/validation"));
    assertEquals(first.at("/training/losses"), second.at("/training/losses"));
    assertEquals(first.get("metrics"), second.get("metrics"));
    assertEquals(first.at("/configuration/pipeline"), second.at("/configuration/pipeline"));
    assertEquals(1, second.at("/runtime/num_threads").asInt(), "--threads is a runtime option");
  }

  @Test
  void theWrittenJsonIsTheCheckpointsConfigurationAndRoundTrips() throws IOException {
    Map<String, Object> written = readMap(original.resolve(OutputFiles.PIPELINE_CONFIG_JSON));
    PipelineConfig fromJson = PipelineConfig.fromPipelineMap(written);
    PipelineConfig stored = Checkpoint.read(original.resolve(OutputFiles.CHECKPOINT_FILE)).config();
    assertEquals(stored, fromJson);
    assertEquals("DistMult", fromJson.model().name());
    assertEquals(Initializer.XAVIER_NORMAL, fromJson.model().relationInitializer());
    assertEquals(0.05, fromJson.optimizer().lr());
    assertEquals(11L, fromJson.randomSeed());
    // config -> map -> JSON -> map -> config
    String json = OutputFiles.json().writeValueAsString(stored.toPipelineMap());
    assertEquals(stored, PipelineConfig.fromPipelineMap(OutputFiles.json().readValue(json, MAP)));
    assertEquals(
        "DistMult (sLCWA, dim 12) on embedded", ((Map<?, ?>) written.get("metadata")).get("title"));
  }

  @Test
  void optionsGivenOnTheCommandLineOverrideTheFile() throws IOException {
    Path file =
        Files.writeString(
            runs.resolve("small.json"),
            """
            {"metadata": {"title": "hand-written"},
             "pipeline": {
               "dataset": "embedded",
               "model": "DistMult", "model_kwargs": {"embedding_dim": 12},
               "loss_kwargs": {"positive_margin": 2.0, "negative_margin": 0.5},
               "optimizer": "Adam", "optimizer_kwargs": {"lr": 0.02},
               "training_loop": "sLCWA",
               "training_kwargs": {"num_epochs": 2, "batch_size": 512},
               "negative_sampler": "bernoulli", "negative_sampler_kwargs": {"num_negs_per_pos": 4},
               "stopper": "early", "stopper_kwargs": {"frequency": 1, "patience": 3},
               "random_seed": 3}}
            """);
    Path run = runs.resolve("overridden");
    Cli.train(
        run,
        "--config",
        file.toString(),
        "--dataset",
        "nations",
        "--epochs",
        "1",
        "--negatives",
        "2",
        "--offset",
        "1",
        "--positive-margin",
        "1.5",
        "--threads",
        "1");
    JsonNode pipeline = Cli.results(run).at("/configuration/pipeline");
    // given on the command line
    assertEquals("nations", pipeline.get("dataset").asText());
    assertEquals(1, pipeline.at("/training_kwargs/num_epochs").asInt());
    assertEquals(2, pipeline.at("/negative_sampler_kwargs/num_negs_per_pos").asInt());
    assertEquals(1.5, pipeline.at("/loss_kwargs/positive_margin").asDouble());
    assertEquals(1.0, pipeline.at("/loss_kwargs/offset").asDouble());
    assertTrue(
        pipeline.at("/loss_kwargs/negative_margin").isMissingNode(),
        "the file's margins are replaced as one unit");
    // from the file, although the options have other defaults (complex, dim 64, lr 0.1, seed 42)
    assertEquals("DistMult", pipeline.get("model").asText());
    assertEquals(12, pipeline.at("/model_kwargs/embedding_dim").asInt());
    assertEquals(0.02, pipeline.at("/optimizer_kwargs/lr").asDouble());
    assertEquals(512, pipeline.at("/training_kwargs/batch_size").asInt());
    assertEquals("bernoulli", pipeline.get("negative_sampler").asText());
    assertEquals("early", pipeline.get("stopper").asText());
    assertEquals(3, pipeline.at("/stopper_kwargs/patience").asInt());
    assertEquals(3, pipeline.get("random_seed").asInt());
    assertEquals(1, Cli.results(run).at("/runtime/num_threads").asInt());
    assertEquals("nations", Cli.results(run).at("/dataset/name").asText());
  }

  @Test
  void aBadFileIsReportedOnConfigWithTheKey() throws IOException {
    Path file = runs.resolve("bad.json");
    Files.writeString(
        file, "{\"pipeline\": {\"model\": \"DistMult\", \"result_tracker\": \"wandb\"}}");
    assertConfigRefused(
        file, file + ": pipeline.result_tracker is not supported by kge4j; supported: dataset,");

    Files.writeString(
        file,
        "{\"pipeline\": {\"model\": \"DistMult\", \"model_kwargs\": {\"embedding_dim\": 0}}}");
    assertConfigRefused(file, file + ": model_kwargs.embedding_dim must be >= 1, got 0");

    Files.writeString(file, "{\"pipeline\": ");
    assertConfigRefused(file, file + " is not valid JSON");

    Files.writeString(file, "null");
    assertConfigRefused(file, file + " is empty");

    Path missing = runs.resolve("none.json");
    assertConfigRefused(missing, "no such file: " + missing.toAbsolutePath());
  }

  /**
   * {@code train --config file} ends as a usage error, {@code Invalid value for option '--config':
   * <what>...}, before anything is written.
   */
  private static void assertConfigRefused(Path file, String what) {
    Path output = runs.resolve("bad");
    Cli.Run run =
        Cli.usageError("train", "--config", file.toString(), "--output", output.toString());
    assertTrue(
        run.err().startsWith("kge4j: Invalid value for option '--config': " + what), run::toString);
    assertFalse(Files.exists(output), "nothing is written for an invalid configuration");
  }

  @Test
  void anOverridingOptionIsBlamedForItsOwnBadValue() throws IOException {
    Path output = runs.resolve("blamed");
    Cli.Run run =
        Cli.usageError(
            "train",
            "--config",
            originalConfig,
            "--distance-limits",
            "1,2",
            "--output",
            output.toString());
    assertTrue(
        run.err()
            .startsWith(
                "kge4j: Invalid value for option '--distance-limits':"
                    + " loss_kwargs.positive_distance_limit: the distance-limit form is for the"
                    + " distance models TransE and RotatE (scores <= 0), got DistMult"),
        run::toString);
  }

  @Test
  void aResumedRunTakesNoConfigFile() {
    Cli.Run run =
        Cli.usageError("train", "--resume", originalCheckpoint, "--config", originalConfig);
    assertTrue(
        run.err()
            .startsWith(
                "kge4j: Invalid value for option '--config': cannot be combined with --resume"),
        run::toString);
  }
}
