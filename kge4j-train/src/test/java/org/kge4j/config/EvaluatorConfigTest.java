package org.kge4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.config.ConfigAssertions.refused;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorConfigTest {

  @Test
  void sampledEvaluationRoundTripsThroughThePipelineMapUnderPykeensNames() {
    PipelineConfig config =
        PipelineConfig.builder().model("distmult").sampledEvaluation(500).build();
    assertTrue(config.evaluator().sampled());
    assertEquals("sampled.both.realistic.inverse_harmonic_mean_rank", config.evaluator().mrrKey());
    @SuppressWarnings("unchecked")
    Map<String, Object> pipeline = (Map<String, Object>) config.toPipelineMap().get("pipeline");
    assertEquals("SampledRankBasedEvaluator", pipeline.get("evaluator"));
    assertEquals(Map.of("num_negatives", 500), pipeline.get("evaluator_kwargs"));
    assertEquals(config, PipelineConfig.fromPipelineMap(config.toPipelineMap()));
    PipelineConfig full = config.toBuilder().sampledEvaluation(0).build();
    assertFalse(full.evaluator().sampled());
    @SuppressWarnings("unchecked")
    Map<String, Object> fullPipeline = (Map<String, Object>) full.toPipelineMap().get("pipeline");
    assertFalse(fullPipeline.containsKey("evaluator"), "full ranking stays implicit");
    assertEquals("both.realistic.inverse_harmonic_mean_rank", full.evaluator().mrrKey());
  }

  @Test
  void invalidEvaluatorsNameTheKey() {
    ConfigurationException missing =
        refused(() -> EvaluatorConfig.fromKwargs("SampledRankBasedEvaluator", Map.of()));
    assertEquals("evaluator_kwargs.num_negatives", missing.key());
    ConfigurationException zero =
        refused(() -> EvaluatorConfig.fromKwargs("sampled_rank_based", Map.of("num_negatives", 0)));
    assertEquals("evaluator_kwargs.num_negatives must be >= 1, got 0", zero.getMessage());
    ConfigurationException unknown =
        refused(() -> EvaluatorConfig.fromKwargs("RankBasedEvaluator", Map.of("num_negatives", 5)));
    assertEquals(
        "evaluator_kwargs.num_negatives is not supported by rankbased; supported: none",
        unknown.getMessage());
    ConfigurationException name = refused(() -> EvaluatorConfig.fromKwargs("classifier", Map.of()));
    assertTrue(name.getMessage().contains("rankbased"), name.getMessage());
  }
}
