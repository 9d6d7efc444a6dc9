package org.kge4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.djl.Tolerance.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kge4j.djl.ParityCases.Tensor;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.UnsupportedLabelSmoothingException;
import org.kge4j.testing.CustomActivations;

/** Hand-computed values, numerics at the edges, the DJL contract and every error path. */
class DjlDoubleMarginLossTest {

  private static final DoubleMarginLoss RELU_MEAN = DoubleMarginLoss.builder().build();
  private static final DoubleMarginLoss SOFTPLUS_SUM =
      DoubleMarginLoss.builder().marginActivation("softplus").reduction("sum").build();

  private NDManager manager;

  @BeforeEach
  void openManager() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  @Nested
  class Values {
    @Test
    void lcwaByHand() {
      // λ = 1, λ̄ = 0, w± = 0.5, ReLU, mean over 3 elements:
      // positive terms t·max(0, 1 − x) = (0, 0, 0.5); negative terms (1 − t)·max(0, x) = (0, 0, 0).
      Autograd.Outcome outcome =
          Autograd.lcwa(
              new DjlDoubleMarginLoss(RELU_MEAN),
              new Tensor(new float[] {2f, -1f, 0.5f}, new int[] {3}),
              new Tensor(new float[] {1f, 0f, 1f}, new int[] {3}));
      assertClose(0.5 * 0.5 / 3, outcome.value(), "loss");
      assertArrayEquals(new float[] {0f, 0f, (float) (-0.5 / 3)}, outcome.gradient(0), 1e-7f);
    }

    @Test
    void slcwaDenseSumRepeatsThePositiveTermOncePerNegative() {
      // softplus, sum, λ = 1, λ̄ = 0: K · softplus(1 − k) · 0.5 + Σ softplus(k̄) · 0.5.
      float k = 0.25f;
      float[] negatives = {-1f, 0f, 2f};
      Autograd.Outcome outcome =
          Autograd.slcwa(
              new DjlDoubleMarginLoss(SOFTPLUS_SUM),
              new Tensor(new float[] {k}, new int[] {1, 1}),
              new Tensor(negatives, new int[] {1, 3}),
              null);
      double expected = 0.5 * 3 * softplus(1 - k);
      for (float n : negatives) {
        expected += 0.5 * softplus(n);
      }
      assertClose(expected, outcome.value(), "loss");
      assertClose(-0.5 * 3 * sigmoid(1 - k), outcome.gradient(0)[0], "d/dk");
      for (int j = 0; j < negatives.length; j++) {
        assertClose(0.5 * sigmoid(negatives[j]), outcome.gradient(1)[j], "d/dk̄ " + j);
      }
    }

    @Test
    void slcwaFilteredMeanRunsOverTheKeptPairsOnly() {
      // ReLU, mean; row 0 keeps 1 negative, row 1 keeps 2: nnz = 3.
      float[] positives = {0f, 3f}; // h(1 − k) = 1, 0
      float[] negatives = {0.5f, 7f, 2f, 9f}; // kept: 0.5 (row 0), 2 and 9 (row 1)
      boolean[] keep = {true, false, true, true};
      Autograd.Outcome outcome =
          Autograd.slcwa(
              new DjlDoubleMarginLoss(RELU_MEAN),
              new Tensor(positives, new int[] {2}),
              new Tensor(negatives, new int[] {2, 2}),
              keep);
      // positive: (1 + 0 + 0) / 3, negative: (0.5 + 2 + 9) / 3, each weighted 0.5.
      assertClose(0.5 * 1 / 3 + 0.5 * 11.5 / 3, outcome.value(), "loss");
      assertArrayEquals(new float[] {(float) (-0.5 / 3), 0f}, outcome.gradient(0), 1e-7f);
      float third = (float) (0.5 / 3);
      assertArrayEquals(new float[] {third, 0f, third, third}, outcome.gradient(1), 1e-7f);
    }

    @Test
    void aFilterThatKeepsNothingGivesZeroLossAndZeroGradients() {
      Autograd.Outcome outcome =
          Autograd.slcwa(
              new DjlDoubleMarginLoss(RELU_MEAN),
              new Tensor(new float[] {-3f, 0f}, new int[] {2, 1}),
              new Tensor(new float[] {5f, 6f, 7f, 8f}, new int[] {2, 2}),
              new boolean[4]);
      assertEquals(0.0, outcome.value());
      // Exactly zero; the sign of a zero is PyTorch's business (the vectors allow −0.0).
      assertArrayEquals(new float[2], outcome.gradient(0), 0f);
      assertArrayEquals(new float[4], outcome.gradient(1), 0f);
    }

    @Test
    void droppedNegativesMayHoldAnyNonNanValue() {
      DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(SOFTPLUS_SUM);
      boolean[] keep = {true, false, false, true};
      float[] tame = {0.5f, 0f, 0f, -2f};
      float[] wild = {0.5f, Float.POSITIVE_INFINITY, -1e30f, -2f};
      Tensor positives = new Tensor(new float[] {1f, 2f}, new int[] {2});
      Autograd.Outcome reference =
          Autograd.slcwa(loss, positives, new Tensor(tame, new int[] {2, 2}), keep);
      Autograd.Outcome outcome =
          Autograd.slcwa(loss, positives, new Tensor(wild, new int[] {2, 2}), keep);
      assertEquals(reference.value(), outcome.value());
      assertArrayEquals(reference.gradient(1), outcome.gradient(1));
      assertEquals(0f, outcome.gradient(1)[1], 0f);
      assertEquals(0f, outcome.gradient(1)[2], 0f);
    }

    @Test
    void softplusIsLinearAboveTwentyAndAccurateFarBelowZero() {
      DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(SOFTPLUS_SUM);
      // λ − x = 30 (linear region), 1e30 (exp would overflow) and −30 (log1p(exp(−30)) ≈ 9.4e-14).
      float[] x = {-29f, -1e30f, 31f};
      Autograd.Outcome outcome =
          Autograd.lcwa(
              loss, new Tensor(x, new int[] {3}), new Tensor(new float[] {1f}, new int[] {}));
      double tail = Math.exp(-30);
      assertClose(0.5 * (30 + 1e30 + tail), outcome.value(), "loss");
      float[] gradient = outcome.gradient(0);
      assertEquals(-0.5f, gradient[0]);
      assertEquals(-0.5f, gradient[1]);
      assertEquals(-0.5 * tail, gradient[2], 1e-6 * 0.5 * tail);

      Autograd.Outcome small =
          Autograd.lcwa(
              loss,
              new Tensor(new float[] {31f}, new int[] {1}),
              new Tensor(new float[] {1f}, new int[] {1}));
      assertEquals(
          0.5 * tail, small.value(), 1e-6 * 0.5 * tail, "log1p accuracy, not log(1 + exp)");
    }

    @Test
    void labelsOfAnyNumericTypeAreConvertedToFloat() {
      DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(RELU_MEAN);
      NDArray x = manager.create(new float[] {0.5f, 2f, -1f, 0.25f});
      float expected =
          loss.evaluate(new NDList(manager.create(new float[] {1f, 0f, 1f, 0f})), new NDList(x))
              .getFloat();
      float fromBooleans =
          loss.evaluate(
                  new NDList(manager.create(new boolean[] {true, false, true, false})),
                  new NDList(x))
              .getFloat();
      float fromInts =
          loss.evaluate(new NDList(manager.create(new int[] {1, 0, 1, 0})), new NDList(x))
              .getFloat();
      assertEquals(expected, fromBooleans);
      assertEquals(expected, fromInts);
    }
  }

  @Nested
  class Configuration {
    @Test
    void readsEverythingFromTheCoreLoss() {
      DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(SOFTPLUS_SUM);
      assertSame(SOFTPLUS_SUM, loss.coreLoss());
      assertEquals("DoubleMarginLoss", loss.getName());
      assertEquals(0.0, loss.labelSmoothing());
      assertEquals(OptionalInt.empty(), loss.numEntities());
    }

    @Test
    void labelSmoothingKeepsTheNameAndTheCoreLoss() {
      DjlDoubleMarginLoss loss =
          new DjlDoubleMarginLoss("train loss", RELU_MEAN).withLabelSmoothing(0.1, 14);
      assertEquals("train loss", loss.getName());
      assertSame(RELU_MEAN, loss.coreLoss());
      assertEquals(0.1, loss.labelSmoothing());
      assertEquals(OptionalInt.of(14), loss.numEntities());
      DjlDoubleMarginLoss none = loss.withLabelSmoothing(0.0, null);
      assertEquals(0.0, none.labelSmoothing());
      assertEquals(OptionalInt.empty(), none.numEntities());
    }

    @Test
    void aUserDefinedActivationCannotBeExpressedAsNdArrayOperations() {
      MarginActivation square = CustomActivations.of("Square", z -> z * z, z -> 2 * z);
      DoubleMarginLoss core = DoubleMarginLoss.builder().marginActivation(square).build();
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> new DjlDoubleMarginLoss(core));
      assertTrue(
          error.getMessage().contains("only the built-in margin activations RELU and SOFTPLUS"),
          error.getMessage());
      assertTrue(error.getMessage().contains("Square"), error.getMessage());
    }

    @Test
    void labelSmoothingIsValidatedAsRuleR5() {
      DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(RELU_MEAN);
      assertMessage(
          () -> loss.withLabelSmoothing(-0.1, 5), "label_smoothing must be in [0, 1)", "-0.1");
      assertMessage(
          () -> loss.withLabelSmoothing(1.0, 5), "label_smoothing must be in [0, 1)", "1.0");
      assertMessage(
          () -> loss.withLabelSmoothing(Double.NaN, 5), "label_smoothing must be in [0, 1)", "NaN");
      assertMessage(() -> loss.withLabelSmoothing(0.1, null), "num_entities >= 2", "null");
      assertMessage(() -> loss.withLabelSmoothing(0.1, 1), "num_entities >= 2", "got 1");
    }

    @Test
    void theAccumulatorsOfDjlsEvaluatorAverageTheLoss() {
      DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(RELU_MEAN);
      NDList labels = new NDList(manager.create(new float[] {1f, 0f}));
      loss.addAccumulator("train");
      loss.updateAccumulator("train", labels, new NDList(manager.create(new float[] {0f, 0f})));
      loss.updateAccumulator("train", labels, new NDList(manager.create(new float[] {1f, 0f})));
      // 0.5·(1/2) + 0 = 0.25, then 0; their average is 0.125.
      assertEquals(0.125f, loss.getAccumulator("train"), 1e-7f);
    }
  }

  @Nested
  class Errors {
    private final DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(RELU_MEAN);

    @Test
    void wrongNumberOfArrays() {
      NDArray x = manager.create(new float[] {1f});
      assertMessage(() -> loss.evaluate(new NDList(), new NDList()), "1 array", "got 0");
      assertMessage(() -> loss.evaluate(new NDList(), new NDList(x, x, x)), "1 array", "got 3");
      assertMessage(() -> loss.evaluate(new NDList(), new NDList(x)), "one labels array", "got 0");
      assertMessage(
          () -> loss.evaluate(new NDList(x, x), new NDList(x)), "one labels array", "got 2");
      NDArray negatives = manager.create(new float[] {1f}, new Shape(1, 1));
      assertMessage(
          () -> loss.evaluate(new NDList(x, x), new NDList(x, negatives)),
          "no labels or one boolean batch filter",
          "got 2");
    }

    @Test
    void lcwaShapesMustBroadcast() {
      NDArray x = manager.zeros(new Shape(3, 4));
      NDArray t = manager.zeros(new Shape(3, 5));
      assertMessage(() -> loss.evaluateLcwa(x, t), "not broadcastable", "(3, 4)", "(3, 5)");
      NDArray empty = manager.zeros(new Shape(0, 4));
      assertMessage(() -> loss.evaluateLcwa(empty, manager.zeros(new Shape(4))), "empty", "(0, 4)");
    }

    @Test
    void scoresMustBeFloat32() {
      NDArray x = manager.zeros(new Shape(2), DataType.FLOAT64);
      assertMessage(
          () -> loss.evaluateLcwa(x, manager.zeros(new Shape(2))),
          "predictions must be float32",
          "float64");
      NDArray k = manager.zeros(new Shape(2, 1));
      assertMessage(
          () -> loss.evaluateSlcwa(k, manager.zeros(new Shape(2, 3), DataType.FLOAT16), null),
          "negativeScores must be float32",
          "float16");
    }

    @Test
    void labelsMustLieInTheUnitInterval() {
      NDArray x = manager.zeros(new Shape(3));
      assertMessage(
          () -> loss.evaluateLcwa(x, manager.create(new float[] {0f, 2f, 1f})),
          "labels must lie in [0, 1]",
          "2.0");
      assertMessage(
          () -> loss.evaluateLcwa(x, manager.create(new float[] {0f, 1f, -0.5f})),
          "labels must lie in [0, 1]",
          "-0.5");
      assertMessage(
          () -> loss.evaluateLcwa(x, manager.create(new float[] {Float.NaN, 1f, 0f})),
          "labels must lie in [0, 1]",
          "NaN");
      assertMessage(
          () -> loss.evaluateLcwa(x, manager.create(2f)), "labels must lie in [0, 1]", "2.0");
    }

    @Test
    void slcwaShapesFollowRulesR7AndR8() {
      NDArray k = manager.zeros(new Shape(3, 1));
      assertMessage(
          () -> loss.evaluateSlcwa(k, manager.zeros(new Shape(3)), null),
          "negativeScores must be (B, K)",
          "(3)");
      assertMessage(
          () -> loss.evaluateSlcwa(k, manager.zeros(new Shape(4, 5)), null),
          "positiveScores must be (B, 1) or (B,)",
          "B = 4",
          "(3, 1)");
      assertMessage(
          () ->
              loss.evaluateSlcwa(
                  manager.zeros(new Shape(3, 2)), manager.zeros(new Shape(3, 5)), null),
          "positiveScores must be (B, 1) or (B,)",
          "(3, 2)");
      assertMessage(
          () -> loss.evaluateSlcwa(k, manager.zeros(new Shape(3, 0)), null),
          "at least one positive and one negative",
          "(3, 0)");
    }

    @Test
    void theBatchFilterIsABooleanMaskOfTheNegativesShape() {
      NDArray k = manager.zeros(new Shape(2));
      NDArray negatives = manager.zeros(new Shape(2, 3));
      assertMessage(
          () -> loss.evaluateSlcwa(k, negatives, manager.ones(new Shape(2, 3))),
          "batchFilter must be a boolean NDArray",
          "float32");
      assertMessage(
          () ->
              loss.evaluateSlcwa(
                  k, negatives, manager.create(new boolean[] {true, false}, new Shape(2, 1))),
          "batchFilter must have the shape of negativeScores",
          "(2, 3)",
          "(2, 1)");
    }

    @Test
    void slcwaRejectsLabelSmoothing() {
      DjlDoubleMarginLoss smoothing = loss.withLabelSmoothing(0.1, 10);
      NDList scores = new NDList(manager.zeros(new Shape(2, 1)), manager.zeros(new Shape(2, 3)));
      UnsupportedLabelSmoothingException error =
          assertThrows(
              UnsupportedLabelSmoothingException.class,
              () -> smoothing.evaluate(new NDList(), scores));
      assertTrue(error.getMessage().contains("0.1"), error.getMessage());
    }
  }

  private static void assertMessage(
      org.junit.jupiter.api.function.Executable call, String... fragments) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call);
    for (String fragment : fragments) {
      assertTrue(
          error.getMessage().contains(fragment),
          "message should contain '" + fragment + "': " + error.getMessage());
    }
  }

  private static double softplus(double z) {
    return Math.log1p(Math.exp(z));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
