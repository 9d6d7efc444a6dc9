package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;
import org.kge4j.testing.CustomActivations;

/** One test per error: its type, and that its message names the bad value and what is allowed. */
class DoubleMarginLossErrorTest {
  private static final DoubleMarginLoss LOSS = DoubleMarginLoss.builder().build();

  private static void assertMessage(
      Class<? extends Throwable> type, Executable call, String... fragments) {
    Throwable thrown = assertThrows(type, call);
    for (String fragment : fragments) {
      assertTrue(
          thrown.getMessage().contains(fragment),
          () -> "message '" + thrown.getMessage() + "' lacks '" + fragment + "'");
    }
  }

  private static FloatTensor t(float... values) {
    return FloatTensor.of(values, values.length);
  }

  @Test
  void balanceOutsideOpenInterval() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.builder().positiveNegativeBalance(1.0).build(),
        "(0, 1)",
        "1.0");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.builder().positiveNegativeBalance(Double.NaN).build(),
        "NaN");
  }

  @Test
  void balanceIsCheckedBeforeMargins() {
    assertMessage(
        IllegalArgumentException.class,
        () ->
            DoubleMarginLoss.builder()
                .positiveMargin(0.0)
                .negativeMargin(1.0)
                .positiveNegativeBalance(1.5)
                .build(),
        "positive_negative_balance",
        "1.5");
  }

  @Test
  void negativeMarginAbovePositive() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.resolveMargin(-2.0, -1.0, null),
        "-2.0",
        "-1.0");
  }

  @Test
  void ambiguousCombinationListsTheSupportedOnes() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.resolveMargin(1.0, 0.0, 0.5),
        "offset=0.5",
        "(positive_margin, negative_margin)",
        "(negative_margin, offset)",
        "(positive_margin, offset)");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.resolveMargin(null, null, 0.0),
        "offset=0.0");
  }

  @Test
  void negativeOffset() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.resolveMargin(1.0, null, -0.5),
        "offset",
        "-0.5");
  }

  @Test
  void nonFiniteMargins() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.resolveMargin(null, Double.NEGATIVE_INFINITY, 1.0),
        "negative_margin",
        "-Infinity");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.resolveMargin(Double.NaN, 0.0, null),
        "positive_margin",
        "NaN");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.resolveMargin(null, Double.MAX_VALUE, Double.MAX_VALUE),
        "resolve to");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.builder().positiveMargin(1e39).negativeMargin(0.0).build(),
        "float32",
        "1.0E39");
  }

  @Test
  void unknownActivationListsTheChoices() {
    assertMessage(
        IllegalArgumentException.class,
        () -> MarginActivation.of("tanh"),
        "tanh",
        "hard",
        "relu",
        "soft",
        "softplus");
    assertMessage(IllegalArgumentException.class, () -> MarginActivation.of(""), "''");
  }

  @Test
  void unknownReduction() {
    assertMessage(
        IllegalArgumentException.class, () -> Reduction.of("sum "), "'sum '", "mean", "sum");
    assertMessage(IllegalArgumentException.class, () -> Reduction.of(null), "null");
  }

  @Test
  void unknownConfigKeyListsTheValidKeys() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.fromConfig(Map.of("positive_margn", 1.0)),
        "unknown DoubleMarginLoss keyword(s) [positive_margn]",
        // exactly PyKEEN's keyword names, sorted
        "valid keys are [margin_activation, negative_margin, offset, positive_margin,"
            + " positive_negative_balance, reduction]");
  }

  @Test
  void wrongConfigValueTypes() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.fromConfig(Map.of("offset", "0.5")),
        "offset",
        "'0.5'");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.fromConfig(Map.of("reduction", 3)),
        "reduction",
        "3");
    Map<String, Object> nullBalance = new HashMap<>();
    nullBalance.put("positive_negative_balance", null);
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.fromConfig(nullBalance),
        "positive_negative_balance",
        "null");
  }

  @Test
  void labelsOutsideUnitInterval() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.forward(t(0f, 1f), t(0f, 2f)),
        "[0, 1]",
        "2.0",
        "index 1");
    assertMessage(
        IllegalArgumentException.class, () -> LOSS.forward(t(0f, 1f), t(Float.NaN, 0f)), "NaN");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processLcwaScores(t(0f), t(-0.5f), null, null),
        "-0.5");
  }

  @Test
  void nonFiniteScores() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.forward(t(0f, Float.NaN), t(0f, 1f)),
        "predictions",
        "NaN",
        "index 1");
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScores(
                t(Float.POSITIVE_INFINITY),
                FloatTensor.of(new float[] {0f}, 1, 1),
                null,
                null,
                null),
        "positive_scores",
        "Infinity");
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScores(
                t(0f),
                FloatTensor.of(new float[] {Float.NEGATIVE_INFINITY}, 1, 1),
                null,
                null,
                null),
        "negative_scores");
  }

  @Test
  void shapesThatDoNotBroadcast() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.forward(FloatTensor.zeros(2, 3), FloatTensor.zeros(4)),
        "(2, 3)",
        "(4,)",
        "broadcast");
  }

  @Test
  void emptyInput() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.forward(FloatTensor.zeros(0, 3), FloatTensor.zeros(0, 3)),
        "empty",
        "(0, 3)");
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScores(
                FloatTensor.zeros(0, 1), FloatTensor.zeros(0, 2), null, null, null),
        "B = 0");
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScores(
                FloatTensor.zeros(2, 1), FloatTensor.zeros(2, 0), null, null, null),
        "K = 0");
  }

  @Test
  void labelSmoothingOutsideRange() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processLcwaScores(t(0f), t(1f), 2.0, 5),
        "[0, 1)",
        "2.0");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processLcwaScores(t(0f), t(1f), -0.1, 5),
        "-0.1");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processLcwaScores(t(0f), t(1f), Double.NaN, 5),
        "NaN");
  }

  @Test
  void labelSmoothingNeedsEnoughEntities() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processLcwaScores(t(0f), t(1f), 0.1, null),
        "num_entities",
        "null");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processLcwaScores(t(0f), t(1f), 0.1, 1),
        "num_entities >= 2",
        "1");
  }

  @Test
  void slcwaRefusesLabelSmoothing() {
    assertMessage(
        UnsupportedLabelSmoothingException.class,
        () -> LOSS.processSlcwaScores(t(0f), FloatTensor.zeros(1, 1), 0.1, null, null),
        "0.1");
    assertMessage(
        UnsupportedLabelSmoothingException.class,
        () -> LOSS.processSlcwaScores(t(0f), FloatTensor.zeros(1, 1), -0.1, null, null),
        "-0.1");
  }

  @Test
  void denseNegativesMustBeBatchByK() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processSlcwaScores(FloatTensor.zeros(3, 1), t(1f), null, null, null),
        "(B, K)",
        "B = 3",
        "(1,)");
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScores(
                FloatTensor.zeros(3, 1), FloatTensor.zeros(2, 4), null, null, null),
        "B = 3",
        "(2, 4)");
  }

  @Test
  void positivesMustBeBatchOrBatchByOne() {
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScores(
                FloatTensor.zeros(2, 2), FloatTensor.zeros(2, 3), null, null, null),
        "(B,) or (B, 1)",
        "(2, 2)");
  }

  @Test
  void filteredNegativesMustMatchTheKeptCount() {
    BoolTensor filter = BoolTensor.of(new boolean[] {true, false, true, true}, 2, 2);
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processSlcwaScores(t(0f, 1f), t(1f, 2f), null, filter, null),
        "(nnz,) = (3,)",
        "(2,)");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processSlcwaScores(t(0f, 1f), FloatTensor.zeros(2, 2), null, filter, null),
        "(3,)",
        "(2, 2)");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processSlcwaScores(t(0f, 1f, 2f), t(1f, 2f, 3f), null, filter, null),
        "batch_filter",
        "B = 3",
        "(2, 2)");
  }

  @Test
  void invalidSampleWeights() {
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.forward(t(0f, 1f), t(0f, 1f), t(1f, -1f)),
        ">= 0",
        "-1.0");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.forward(t(0f, 1f), t(0f, 1f), t(1f, 1f, 1f)),
        "(3,)",
        "(2,)");
    assertMessage(
        IllegalArgumentException.class,
        () -> LOSS.processSlcwaScores(t(0f, 1f), FloatTensor.zeros(2, 3), null, null, null, t(1f)),
        "(B,) or (B, 1)",
        "(1,)");
  }

  @Test
  void invalidDistanceLimits() {
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.fromDistanceLimits(2, 1, 1),
        "gamma1=2.0",
        "gamma2=1.0");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.fromDistanceLimits(-1, 1, 1),
        "0 <= gamma1");
    assertMessage(
        IllegalArgumentException.class,
        () -> DoubleMarginLoss.fromDistanceLimits(0, 1, 0),
        "mu1",
        "0.0");
  }

  @Test
  void zeroAllocationEntryPointsCheckTheirArrays() {
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processLcwaScoresInto(
                new float[2], new float[1], null, 2, null, null, new float[2]),
        "labels",
        "2",
        "1");
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScoresInto(
                new float[2], new float[4], new boolean[3], null, 2, 2, new float[2], new float[4]),
        "batchFilter",
        "4",
        "3");
    assertMessage(
        IllegalArgumentException.class,
        () ->
            LOSS.processSlcwaScoresInto(
                new float[2], new float[4], null, null, 2, 0, new float[2], new float[4]),
        "numNegsPerPos 0");
  }

  @Test
  void unknownLossName() {
    assertMessage(
        IllegalArgumentException.class,
        () -> Losses.make("MarginRanking", null),
        "MarginRanking",
        "DoubleMarginLoss");
  }

  @Test
  void misbehavingCustomActivationIsReported() {
    MarginActivation broken = CustomActivations.of("Broken", z -> Float.NaN, z -> 0f);
    DoubleMarginLoss loss = DoubleMarginLoss.builder().marginActivation(broken).build();
    assertMessage(IllegalStateException.class, () -> loss.forward(t(0f), t(1f)), "Broken", "NaN");
  }
}
