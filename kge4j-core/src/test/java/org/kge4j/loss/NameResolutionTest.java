package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Activation, reduction and loss names resolve as DESIGN.md specifies. */
class NameResolutionTest {
  @ParameterizedTest
  @ValueSource(strings = {"relu", "ReLU", "RELU", "hard", "Hard", "Re LU", "re_lu", "re-lu"})
  void reluNames(String name) {
    assertSame(MarginActivation.RELU, MarginActivation.of(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"softplus", "Softplus", "SOFTPLUS", "soft", "Soft_Plus", "soft-plus", "SOFT"})
  void softplusNames(String name) {
    assertSame(MarginActivation.SOFTPLUS, MarginActivation.of(name));
  }

  @Test
  void nullActivationIsRelu() {
    assertSame(MarginActivation.RELU, MarginActivation.of(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mean", "MEAN", "Mean", "sum", "Sum", "SUM"})
  void reductionsIgnoreCase(String name) {
    assertEquals(name.toLowerCase(java.util.Locale.ROOT), Reduction.of(name).pykeenName());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DoubleMargin",
        "DoubleMarginLoss",
        "double_margin",
        "doublemarginloss",
        "doublemargin",
        "DOUBLE-MARGIN-LOSS"
      })
  void lossNames(String name) {
    Loss loss = Losses.make(name, Map.of("positive_margin", 0.5, "offset", 0.25));
    DoubleMarginLoss dml = assertInstanceOf(DoubleMarginLoss.class, loss);
    assertEquals(0.5, dml.positiveMargin());
    assertEquals(0.25, dml.negativeMargin());
  }

  @Test
  void defaultsArePykeens() {
    DoubleMarginLoss loss = DoubleMarginLoss.builder().build();
    assertEquals(1.0, loss.positiveMargin());
    assertEquals(0.0, loss.negativeMargin());
    assertEquals(0.5, loss.positiveWeight());
    assertEquals(0.5, loss.negativeWeight());
    assertSame(MarginActivation.RELU, loss.marginActivation());
    assertSame(Reduction.MEAN, loss.reduction());
    assertEquals(loss.toString(), DoubleMarginLoss.fromConfig(null).toString());
    assertEquals(loss.toString(), Losses.make("double_margin", null).toString());
  }

  @Test
  void configAcceptsActivationAndReductionObjects() {
    DoubleMarginLoss loss =
        DoubleMarginLoss.fromConfig(
            Map.of(
                "margin_activation",
                MarginActivation.SOFTPLUS,
                "reduction",
                Reduction.SUM,
                "positive_negative_balance",
                0.25f));
    assertSame(MarginActivation.SOFTPLUS, loss.marginActivation());
    assertSame(Reduction.SUM, loss.reduction());
    assertEquals(0.25, loss.positiveWeight());
  }
}
