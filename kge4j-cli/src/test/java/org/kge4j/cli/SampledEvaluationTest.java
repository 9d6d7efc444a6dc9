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
        Cli.train(
            run, "--epochs", "2", "--dim", "8", "--eval-candidates", "50", "--eval-frequency", "1");
    assertTrue(
        trained.out().contains("(sampled ranking: each true entity against 50 drawn entities"),
        trained.out());
    JsonNode results = Cli.results(run);
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
    Cli.Run sampled = Cli.succeeds("evaluate", run.toString());
    assertTrue(sampled.out().contains("(sampled ranking"), sampled.out());
    Cli.Run full = Cli.succeeds("evaluate", run.toString(), "--eval-candidates", "0");
    assertFalse(full.out().contains("sampled"), full.out());
    Cli.Run bad = Cli.usageError("evaluate", run.toString(), "--eval-candidates", "-3");
    assertTrue(
        bad.err().contains("'--eval-candidates': must be >= 0 (0 = all entities), got -3"),
        bad.err());
  }
}
