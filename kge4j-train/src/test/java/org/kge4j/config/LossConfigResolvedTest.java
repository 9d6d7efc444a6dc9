package org.kge4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link LossConfig#resolved()}, the {@code loss} section of {@code results.json}, from
 * LossConfig's documented defaults.
 */
class LossConfigResolvedTest {

  @Test
  void pykeensDefaultsResolveToTheMarginForm() {
    // none given: λ = 1.0, λ̄ = 0.0; balance 0.5 gives equal weights; ReLU; mean
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("name", "DoubleMarginLoss");
    expected.put("form", "margins");
    expected.put("positive_margin", 1.0);
    expected.put("negative_margin", 0.0);
    expected.put("positive_weight", 0.5);
    expected.put("negative_weight", 0.5);
    expected.put("margin_activation", "ReLU");
    expected.put("reduction", "mean");
    Map<String, Object> resolved =
        PipelineConfig.builder().model("DistMult").build().loss().resolved();
    assertEquals(expected, resolved);
    assertEquals(expected.keySet().stream().toList(), resolved.keySet().stream().toList());
  }

  @Test
  void distanceLimitsResolveToTheBootEaForm() {
    // λ = −γ1, λ̄ = γ2, weights b and 1 − b, ReLU and sum
    Map<String, Object> resolved =
        PipelineConfig.builder()
            .model("TransE")
            .distanceLimits(1, 6)
            .positiveNegativeBalance(0.25)
            .build()
            .loss()
            .resolved();
    assertEquals("distance_limits", resolved.get("form"));
    assertEquals(-1.0, (double) resolved.get("positive_margin"), 1e-12);
    assertEquals(6.0, (double) resolved.get("negative_margin"), 1e-12);
    assertEquals(0.25, (double) resolved.get("positive_weight"), 1e-12);
    assertEquals(0.75, (double) resolved.get("negative_weight"), 1e-12);
    assertEquals("ReLU", resolved.get("margin_activation"));
    assertEquals("sum", resolved.get("reduction"));
  }
}
