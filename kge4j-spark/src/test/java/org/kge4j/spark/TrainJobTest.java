package org.kge4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.model.Model;
import org.kge4j.training.Checkpoint;

/** The spark-submit job end to end in local mode. */
class TrainJobTest {

  /** Runs the job on the shared session from {@code input} into {@code output}; the exit code. */
  private static int run(Path input, Path output, String... options) {
    List<String> args =
        new ArrayList<>(List.of("--input", input.toString(), "--output", output.toString()));
    args.addAll(List.of(options));
    return TrainJob.run(SparkTests.spark(), args.toArray(String[]::new));
  }

  private static JsonNode results(Path output) throws IOException {
    return RunStorage.json().readTree(output.resolve("results.json").toFile());
  }

  @Test
  void writesResultsAndACheckpointThatSingleMachineKge4jEvaluatesAlike(@TempDir Path dir)
      throws IOException {
    Path nations = SparkTests.datasetDirectory("nations");
    Path out = dir.resolve("run");
    int code =
        run(
            nations,
            out,
            "--partitions",
            "2",
            "--model",
            "complex",
            "--dim",
            "8",
            "--epochs",
            "3",
            "--batch-size",
            "128",
            "--negatives",
            "4",
            "--lr",
            "0.05",
            "--activation",
            "softplus",
            "--balance",
            "0.2",
            "--block-size",
            "5",
            "--initializer",
            "xavier_normal",
            "--relation-initializer",
            "uniform");
    assertEquals(0, code);
    JsonNode results = results(out);
    assertEquals("completed", results.path("status").asText());
    assertEquals(
        nations.toAbsolutePath().normalize().toString(),
        Path.of(results.path("dataset").path("source").asText()).normalize().toString());
    assertEquals(2, results.path("distributed").path("num_partitions").asInt());
    JsonNode pipeline = results.path("configuration").path("pipeline");
    assertEquals(nations.toString(), pipeline.path("dataset").asText());
    assertEquals(8, pipeline.path("model_kwargs").path("embedding_dim").asInt());
    assertEquals(0.05, pipeline.path("optimizer_kwargs").path("lr").asDouble(), 0.0);
    // --initializer sets both tables, --relation-initializer replaces the relations' one
    assertEquals(
        "xavier_normal", pipeline.path("model_kwargs").path("entity_initializer").asText());
    assertEquals("uniform", pipeline.path("model_kwargs").path("relation_initializer").asText());
    assertEquals("Softplus", results.path("loss").path("margin_activation").asText());
    assertEquals(3, results.path("training").path("losses").size());
    Dataset data = SparkTests.dataset("nations");
    assertEquals(data.numEntities(), results.path("dataset").path("num_entities").asInt());
    assertEquals(
        data.testing().numTriples(),
        results.path("dataset").path("testing").path("num_triples").asInt());

    // the exported checkpoint is a single-machine model with exactly the reported metrics
    Checkpoint checkpoint = Checkpoint.read(out.resolve("checkpoint.kge4j"));
    assertEquals(3, checkpoint.epochsCompleted());
    Model model = checkpoint.restoreModel(data.numEntities(), data.numRelations());
    MetricResults single = new RankBasedEvaluator().evaluateTesting(model, data);
    JsonNode metrics = results.path("metrics");
    for (var e : single.metrics().entrySet()) {
      assertEquals(e.getValue(), metrics.path(e.getKey()).asDouble(), 0.0, e.getKey());
    }
    assertEquals(
        data.numEntities(),
        SparkTests.spark().read().parquet(out.resolve("entities").toString()).count());
    List<String> losses = Files.readAllLines(out.resolve("losses.tsv"));
    assertEquals(List.of("epoch", "loss"), List.of(losses.get(0).split("\t")));
    assertEquals(4, losses.size());
  }

  @Test
  void splitsOffValidationAndTestingAndCountsInvalidRows(@TempDir Path dir) throws IOException {
    Path triples = dir.resolve("triples.tsv");
    StringBuilder text = new StringBuilder();
    for (String line :
        Files.readAllLines(SparkTests.datasetDirectory("umls").resolve("train.txt"))) {
      text.append(line).append('\n');
    }
    text.append("only\ttwo\n").append("a\t\tb\n").append("\n").append("x\ty\tz\tw\n");
    Files.writeString(triples, text.toString());
    Path out = dir.resolve("run");
    int code =
        run(
            triples,
            out,
            "--split",
            "0.8,0.1,0.1",
            "--model",
            "distmult",
            "--dim",
            "8",
            "--epochs",
            "1",
            "--no-checkpoint");
    assertEquals(0, code);
    JsonNode dataset = results(out).path("dataset");
    assertTrue(dataset.path("split_off").asBoolean());
    JsonNode training = dataset.path("training");
    assertEquals(3, training.path("num_invalid_rows").asInt(), training.toString());
    assertEquals(
        List.of("only\ttwo", "a\t\tb", "x\ty\tz\tw").size(),
        training.path("invalid_examples").size());
    // PyKEEN's guarantee: nothing of validation or testing is unknown to training
    assertEquals(0, dataset.path("validation").path("num_dropped_triples").asInt());
    assertEquals(0, dataset.path("testing").path("num_dropped_triples").asInt());
    long all =
        dataset.path("training").path("num_triples").asLong()
            + dataset.path("validation").path("num_triples").asLong()
            + dataset.path("testing").path("num_triples").asLong();
    assertEquals(SparkTests.dataset("umls").training().numTriples(), all);
    assertTrue(dataset.path("testing").path("num_triples").asLong() > 300);
  }

  @Test
  void badOptionsExitWithCode2AndNameTheOption(@TempDir Path dir) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, run(dir, dir.resolve("o"), "--partitions", "0"));
      assertEquals(2, run(dir, dir.resolve("o"), "--validation", "v.tsv"));
    } finally {
      System.setErr(err);
    }
    String messages = captured.toString(StandardCharsets.UTF_8);
    assertTrue(
        messages.contains(
            "Invalid value for option '--partitions': must be an integer >= 1, got 0"),
        messages);
    assertTrue(
        messages.contains("Options '--validation' and '--test' go together: give both or neither"),
        messages);
  }
}
