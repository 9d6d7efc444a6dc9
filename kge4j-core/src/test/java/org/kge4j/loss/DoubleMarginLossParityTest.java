package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kge4j.tensor.FloatTensor;

/**
 * Every case of the golden vectors: values and every gradient element of PyTorch running PyKEEN's
 * code (tolerance {@code |a − e| <= 1e-6 + 1e-5·|e|}), resolved margins and weights, and the errors
 * demanded by rules R1–R8.
 */
class DoubleMarginLossParityTest {
  static final double ABSOLUTE_TOLERANCE = 1e-6;
  static final double RELATIVE_TOLERANCE = 1e-5;

  @TestFactory
  Stream<DynamicTest> goldenVectors() {
    Path path = ParityVectors.locate();
    Assumptions.assumeTrue(
        path != null,
        "SKIPPED: golden vectors not found; set -Dkge4j.parity=<file> or"
            + " -Dkge4j.shared=<shared folder> (expected ../shared/parity/public.jsonl)");
    List<ParityVectors.Case> cases = ParityVectors.load(path);
    assertFalse(cases.isEmpty(), "no cases in " + path);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  static void check(ParityVectors.Case c) {
    Supplier<Object> run =
        switch (c.kind()) {
          case "resolve_margin" ->
              () ->
                  DoubleMarginLoss.resolveMargin(
                      c.configNumber("positive_margin"),
                      c.configNumber("negative_margin"),
                      c.configNumber("offset"));
          case "construct" -> c::loss;
          case "forward" -> () -> c.loss().forward(c.tensor("predictions"), c.tensor("labels"));
          case "lcwa" ->
              () ->
                  c.loss()
                      .processLcwaScores(
                          c.tensor("predictions"),
                          c.tensor("labels"),
                          c.number("label_smoothing"),
                          c.integer("num_entities"));
          case "slcwa" ->
              () ->
                  c.loss()
                      .processSlcwaScores(
                          c.tensor("positive_scores"),
                          c.tensor("negative_scores"),
                          c.number("label_smoothing"),
                          c.mask("batch_filter"),
                          c.integer("num_entities"));
          default -> throw new AssertionError("unknown case kind " + c.kind() + " in " + c.id());
        };
    if (c.expectsError()) {
      String error = (String) c.expected().get("error");
      Class<? extends Throwable> type =
          switch (error) {
            case "IllegalArgumentException" -> IllegalArgumentException.class;
            case "UnsupportedLabelSmoothingException" -> UnsupportedLabelSmoothingException.class;
            default -> throw new AssertionError("unknown expected error " + error);
          };
      Throwable thrown =
          assertThrows(
              type,
              run::get,
              c.id() + ": expected " + error + " because " + c.expected().get("why"));
      assertNotNull(thrown.getMessage(), "error without a message");
      return;
    }
    Object result = run.get();
    switch (c.kind()) {
      case "resolve_margin" -> assertResolved(c, (Margins) result);
      case "construct" -> assertConstructed(c, (DoubleMarginLoss) result);
      case "forward", "lcwa" -> {
        LossOutput out = (LossOutput) result;
        assertClose(c, "loss", ParityVectors.number(c.expected().get("loss")), out.value());
        assertTensor(c, "predictions", out.gradient());
      }
      case "slcwa" -> {
        SlcwaLossOutput out = (SlcwaLossOutput) result;
        assertClose(c, "loss", ParityVectors.number(c.expected().get("loss")), out.value());
        assertTensor(c, "positive_scores", out.positiveGradient());
        assertTensor(c, "negative_scores", out.negativeGradient());
      }
      default -> fail("unreachable");
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertResolved(ParityVectors.Case c, Margins margins) {
    List<Object> resolved = (List<Object>) c.expected().get("resolved");
    assertEquals(
        ParityVectors.number(resolved.get(0)), margins.positive(), c.id() + ": positive margin");
    assertEquals(
        ParityVectors.number(resolved.get(1)), margins.negative(), c.id() + ": negative margin");
  }

  @SuppressWarnings("unchecked")
  private static void assertConstructed(ParityVectors.Case c, DoubleMarginLoss loss) {
    Map<String, Object> e = c.expected();
    List<Object> resolved = (List<Object>) e.get("resolved");
    assertEquals(
        ParityVectors.number(resolved.get(0)), loss.positiveMargin(), c.id() + ": positive margin");
    assertEquals(
        ParityVectors.number(resolved.get(1)), loss.negativeMargin(), c.id() + ": negative margin");
    assertEquals(
        ParityVectors.number(e.get("positive_weight")), loss.positiveWeight(), 1e-15, c.id());
    assertEquals(
        ParityVectors.number(e.get("negative_weight")), loss.negativeWeight(), 1e-15, c.id());
    String activation = (String) e.get("activation");
    assertSame(
        "ReLU".equals(activation) ? MarginActivation.RELU : MarginActivation.SOFTPLUS,
        loss.marginActivation(),
        c.id() + ": activation");
    assertEquals(e.get("reduction"), loss.reduction().pykeenName(), c.id() + ": reduction");
  }

  @SuppressWarnings("unchecked")
  private static void assertTensor(ParityVectors.Case c, String input, FloatTensor actual) {
    Object expectedTensor = ((Map<String, Object>) c.expected().get("grads")).get(input);
    FloatTensor expected = ParityVectors.floatTensor(expectedTensor);
    assertArrayEquals(expected.shape(), actual.shape(), c.id() + ": gradient shape of " + input);
    for (int i = 0; i < expected.size(); i++) {
      assertClose(c, "d loss / d " + input + "[" + i + "]", expected.getFlat(i), actual.getFlat(i));
    }
  }

  static void assertClose(ParityVectors.Case c, String what, double expected, double actual) {
    double tolerance = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(expected);
    assertTrue(
        Math.abs(actual - expected) <= tolerance,
        () ->
            c.id()
                + ": "
                + what
                + " expected "
                + expected
                + " but was "
                + actual
                + " (tolerance "
                + tolerance
                + ")");
  }
}
