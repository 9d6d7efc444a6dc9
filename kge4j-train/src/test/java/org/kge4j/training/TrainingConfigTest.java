package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.Reduction;
import org.kge4j.loss.UnsupportedLabelSmoothingException;

class TrainingConfigTest {

  @Test
  void defaultsArePyKeenLossDefaults() {
    TrainingConfig config = TrainingConfig.builder().build();
    DoubleMarginLoss loss = config.loss();
    assertEquals(1.0, loss.positiveMargin());
    assertEquals(0.0, loss.negativeMargin());
    assertEquals(0.5, loss.positiveWeight());
    assertEquals(MarginActivation.RELU, loss.marginActivation());
    assertEquals(Reduction.MEAN, loss.reduction());
    assertEquals(LoopKind.SLCWA, config.loop());
    assertEquals("distmult", config.model());
    assertEquals("adam", config.optimizer());
  }

  @Test
  void distanceLimitsGiveTheBootEaLoss() {
    TrainingConfig config =
        TrainingConfig.builder()
            .model("TransE")
            .distanceLimits(0.5, 2.0)
            .positiveNegativeBalance(0.25)
            .build();
    DoubleMarginLoss loss = config.loss();
    // λ = -γ1, λ̄ = γ2, balance 1/(1 + μ1) with μ1 = (1 - 0.25)/0.25 = 3
    assertEquals(-0.5, loss.positiveMargin());
    assertEquals(2.0, loss.negativeMargin());
    assertEquals(0.25, loss.positiveWeight(), 1e-12);
    assertEquals(Reduction.SUM, loss.reduction());
    assertEquals("transe", config.model());
  }

  @Test
  void marginsAndDistanceLimitsExcludeEachOther() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.builder().distanceLimits(0.5, 2.0).positiveMargin(1.0).build());
    assertTrue(e.getMessage().startsWith("give either distance limits or margins"), e.getMessage());
    IllegalArgumentException half =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.builder().distanceLimits(0.5, null).build());
    assertEquals(
        "distance limits need both gamma1 and gamma2, got 0.5 and null", half.getMessage());
    IllegalArgumentException mean =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.builder().distanceLimits(0.5, 2.0).reduction("mean").build());
    assertEquals("distance limits use the sum reduction, got mean", mean.getMessage());
  }

  @Test
  void invalidOptionsNameTheValueAndTheAllowedRange() {
    assertMessage(
        "model must be one of [transe, distmult, complex, rotate], got transr",
        TrainingConfig.builder().model("transr"));
    assertMessage("dim must be >= 1, got 0", TrainingConfig.builder().dim(0));
    assertMessage("batch size must be >= 1, got -3", TrainingConfig.builder().batchSize(-3));
    assertMessage(
        "learning rate must be finite and > 0, got NaN",
        TrainingConfig.builder().learningRate(Double.NaN));
    assertMessage("scoring norm must be 1 or 2, got 3", TrainingConfig.builder().scoringNorm(3));
    assertMessage(
        "early stopping (patience 2) needs a validation frequency >= 1, got 0",
        TrainingConfig.builder().earlyStoppingPatience(2));
    assertMessage(
        "label smoothing must be in [0, 1), got 1.0",
        TrainingConfig.builder().loop("lcwa").labelSmoothing(1.0));
    IllegalArgumentException loop =
        assertThrows(IllegalArgumentException.class, () -> LoopKind.of("owa"));
    assertEquals("training loop must be slcwa or lcwa, got owa", loop.getMessage());
  }

  @Test
  void lossOptionsAreValidatedByTheLoss() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.builder().positiveNegativeBalance(1.0).build());
    assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
  }

  @Test
  void labelSmoothingIsAnLcwaOption() {
    assertThrows(
        UnsupportedLabelSmoothingException.class,
        () -> TrainingConfig.builder().labelSmoothing(0.1).build());
    assertEquals(
        0.1, TrainingConfig.builder().loop("lcwa").labelSmoothing(0.1).build().labelSmoothing());
  }

  @Test
  void mapRoundTripsThroughStrings() {
    TrainingConfig config =
        TrainingConfig.builder()
            .model("rotate")
            .dim(12)
            .loop("lcwa")
            .positiveMargin(2.0)
            .offset(0.5)
            .marginActivation("softplus")
            .labelSmoothing(0.05)
            .regularizerWeight(0.3)
            .validationFrequency(5)
            .earlyStoppingPatience(3)
            .seed(-9)
            .numThreads(1)
            .build();
    Map<String, String> strings = new LinkedHashMap<>();
    config.toMap().forEach((k, v) -> strings.put(k, String.valueOf(v)));
    assertEquals(config, TrainingConfig.fromStrings(strings));
    assertEquals("lcwa", config.toMap().get("training_loop"));
    strings.remove("lr");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromStrings(strings));
    assertEquals("configuration lacks the key lr", e.getMessage());
  }

  private static void assertMessage(String expected, TrainingConfig.Builder builder) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertEquals(expected, e.getMessage());
  }
}
