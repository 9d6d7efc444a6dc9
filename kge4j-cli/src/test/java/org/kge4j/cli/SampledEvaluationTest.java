package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --eval-candidates}: sampled ranking, reported only under {@code sampled.*} names. */
class SampledEvaluationTest {

  @Test
  void trainAndEvaluateReportSampledMetricsUnderTheirOwnNames(@TempDir Path dir) throws Exception {
    Cli.sharedDatasets();
    Path run = dir.resolve("run");
    Cli.Run trained =
        Cli.run(
            "train",
            "--epochs",
            "2",
            "--dim",
            "8",
            "--eval-candidates",
            "50",
            "--eval-frequency",
            "1",
            "--quiet",
            "--output",
            run.toString());
    assertEquals(0, trained.exitCode(), trained::toString);
    assertTrue(
        trained.out().contains("(sampled ranking: each true entity against 50 drawn entities"),
        trained.out());
    JsonNode results = OutputFiles.json().readTree(run.resolve("results.json").toFile());
    JsonNode metrics = results.path("metrics");
    assertTrue(
        metrics.has("sampled.both.realistic.inverse_harmonic_mean_rank"), metrics.toString());
    assertEquals(50.0, metrics.path("sampled.num_candidates").asDouble());
    metrics
        .fieldNames()
        .forEachRemaining(k -> assertTrue(k.startsWith("sampled."), "full-ranking name " + k));
    JsonNode validation = results.path("training").path("validation").get(0);
    assertTrue(
        validation.has("sampled.both.realistic.inverse_harmonic_mean_rank"), validation.toString());
    JsonNode pipeline = results.path("configuration").path("pipeline");
    assertEquals("SampledRankBasedEvaluator", pipeline.path("evaluator").asText());
    assertEquals(50, pipeline.path("evaluator_kwargs").path("num_negatives").asInt());

    // evaluate ranks as the run did, or against all entities when asked
    Cli.Run sampled = Cli.run("evaluate", run.toString());
    assertEquals(0, sampled.exitCode(), sampled::toString);
    assertTrue(sampled.out().contains("(sampled ranking"), sampled.out());
    Cli.Run full = Cli.run("evaluate", run.toString(), "--eval-candidates", "0");
    assertEquals(0, full.exitCode(), full::toString);
    assertFalse(full.out().contains("sampled"), full.out());
    Cli.Run bad = Cli.run("evaluate", run.toString(), "--eval-candidates", "-3");
    assertEquals(2, bad.exitCode());
    assertTrue(
        bad.err().contains("'--eval-candidates': must be >= 0 (0 = all entities), got -3"),
        bad.err());
  }
}
