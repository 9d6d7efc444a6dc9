package org.kge4j.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kge4j.loss.DoubleMarginLoss;

/** The default search space equals PyKEEN's, and every configuration it yields constructs. */
class HpoSpaceTest {
  @Test
  void defaultSpaceIsPykeens() {
    HpoSpace space = DoubleMarginLoss.HPO_DEFAULT;
    assertEquals(
        List.of("positive_margin", "offset", "positive_negative_balance", "margin_activation"),
        List.copyOf(space.parameters().keySet()));
    assertEquals(
        new FloatParameter("positive_margin", -1, 1, false),
        space.parameters().get("positive_margin"));
    assertEquals(new FloatParameter("offset", 0, 1, false), space.parameters().get("offset"));
    assertEquals(
        new FloatParameter("positive_negative_balance", 0.001, 0.999, false),
        space.parameters().get("positive_negative_balance"));
    CategoricalParameter activation =
        (CategoricalParameter) space.parameters().get("margin_activation");
    assertEquals(Set.of("hard", "relu", "soft", "softplus"), Set.copyOf(activation.choices()));
    assertEquals(space, DoubleMarginLoss.builder().build().hpoDefault());
  }

  @Test
  void twoHundredSeededSamplesConstructAndStayInRange() {
    List<Map<String, Object>> samples = DoubleMarginLoss.HPO_DEFAULT.sample(42L, 200);
    assertEquals(200, samples.size());
    for (Map<String, Object> config : samples) {
      DoubleMarginLoss loss = DoubleMarginLoss.fromConfig(config);
      double positive = (Double) config.get("positive_margin");
      double offset = (Double) config.get("offset");
      assertTrue(positive >= -1 && positive <= 1, config::toString);
      assertTrue(offset >= 0 && offset <= 1, config::toString);
      assertEquals(positive, loss.positiveMargin());
      assertEquals(positive - offset, loss.negativeMargin(), 1e-15);
    }
    assertEquals(samples, DoubleMarginLoss.HPO_DEFAULT.sample(42L, 200), "same seed, same samples");
    assertNotEquals(samples, DoubleMarginLoss.HPO_DEFAULT.sample(43L, 200));
  }

  @Test
  void everyGridConfigurationConstructs() {
    List<Map<String, Object>> grid = DoubleMarginLoss.HPO_DEFAULT.grid(3);
    assertEquals(3 * 3 * 3 * 4, grid.size());
    for (Map<String, Object> config : grid) {
      DoubleMarginLoss.fromConfig(config);
    }
    assertEquals(-1.0, grid.get(0).get("positive_margin"));
    assertEquals(0.999, grid.get(grid.size() - 1).get("positive_negative_balance"));
  }

  @Test
  void logScaleSamplesStayInRangeAndSpreadOverDecades() {
    FloatParameter lr = new FloatParameter("lr", 1e-4, 1e-1, true);
    SplittableRandom random = new SplittableRandom(5);
    int below = 0;
    for (int i = 0; i < 1000; i++) {
      double v = (Double) lr.sample(random);
      assertTrue(v >= 1e-4 && v <= 1e-1, "sample " + v);
      below += v < 1e-3 ? 1 : 0;
    }
    // one decade of three: about a third, far more than the 0.9 % a linear scale would give
    assertTrue(below > 250 && below < 420, "samples below 1e-3: " + below);
    assertEquals(
        List.of(1e-4, 1e-3, 1e-2, 1e-1),
        lr.grid(4).stream().map(v -> Math.round((Double) v * 1e6) / 1e6).toList());
    // the ends are the bounds themselves, not exp(log(bound))
    assertEquals(1e-4, lr.grid(4).get(0));
    assertEquals(1e-1, lr.grid(4).get(3));
  }

  @Test
  void intRangesRespectSteps() {
    IntParameter dim = new IntParameter("embedding_dim", 16, 256, 16, false);
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 200; i++) {
      int v = (Integer) dim.sample(random);
      assertTrue(v >= 16 && v <= 256 && v % 16 == 0, "sample " + v);
    }
    // 16 grid values (indices 0..15): the middle point is index round(7.5) = 8, i.e. 16 + 8·16 =
    // 144
    assertEquals(List.of(16, 144, 256), dim.grid(3));
  }

  @Test
  void invalidParametersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new FloatParameter("x", 1, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new FloatParameter("x", 0, 1, true));
    assertThrows(IllegalArgumentException.class, () -> new IntParameter("x", 0, 10, 0, false));
    assertThrows(
        IllegalArgumentException.class, () -> new CategoricalParameter("x", List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> new CategoricalParameter("x", List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            HpoSpace.of(
                new FloatParameter("x", 0, 1, false), new FloatParameter("x", 0, 2, false)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DoubleMarginLoss.HPO_DEFAULT.grid(0));
    assertTrue(e.getMessage().contains("0"));
  }

  @Test
  void powersOfTwoAreDrawnByExponent() {
    PowerTwoParameter batch = new PowerTwoParameter("batch_size", 4, 12);
    SplittableRandom random = new SplittableRandom(3);
    int[] counts = new int[13];
    for (int i = 0; i < 900; i++) {
      int v = (Integer) batch.sample(random);
      int exponent = Integer.numberOfTrailingZeros(v);
      assertEquals(1 << exponent, v, "a power of two");
      counts[exponent]++;
    }
    // 9 exponents, 100 draws each on average: uniform over exponents, not over values
    for (int e = 4; e <= 12; e++) {
      assertTrue(counts[e] > 60 && counts[e] < 140, "exponent " + e + ": " + counts[e]);
    }
    assertEquals(List.of(16, 32, 64, 128, 256, 512, 1024, 2048, 4096), batch.grid(2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PowerTwoParameter("b", 5, 31));
    assertEquals(
        "power-of-two parameter b needs exponents 0 <= low <= high <= 30, got [5, 31]",
        e.getMessage());
  }

  @Test
  void prefixedAndConcatenatedSpacesKeepTheDistributions() {
    HpoSpace loss = DoubleMarginLoss.HPO_DEFAULT.prefixed("loss.");
    assertEquals(
        List.of(
            "loss.positive_margin",
            "loss.offset",
            "loss.positive_negative_balance",
            "loss.margin_activation"),
        List.copyOf(loss.parameters().keySet()));
    assertEquals(
        new FloatParameter("loss.offset", 0, 1, false), loss.parameters().get("loss.offset"));
    HpoSpace both =
        HpoSpace.concat(loss, HpoSpace.of(new PowerTwoParameter("training.batch_size", 4, 12)));
    assertEquals(5, both.parameters().size());
    assertEquals(
        new PowerTwoParameter("training.batch_size", 4, 12),
        both.parameters().get("training.batch_size"));
    assertThrows(IllegalArgumentException.class, () -> HpoSpace.concat(loss, loss));
  }
}
