package org.kge4j.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampling scale of numeric parameters: bounds, inverse map, and the cells of int values. */
class NumericParameterTest {
  /** The parameter's sampling scale is exactly {@code [low, high]}. */
  private static void assertScale(NumericParameter parameter, double low, double high) {
    assertEquals(low, parameter.scaleLow(), "scale low");
    assertEquals(high, parameter.scaleHigh(), "scale high");
  }

  @Test
  void logFloatScaleIsTheLogOfTheBounds() {
    FloatParameter lr = new FloatParameter("lr", 1e-3, 1e-1, true);
    assertScale(lr, Math.log(1e-3), Math.log(1e-1));
    // the middle of [log 1e-3, log 1e-1] is log 1e-2
    assertEquals(1e-2, (Double) lr.fromUnit(0.5), 1e-17);
    assertEquals(1e-3, lr.fromUnit(0.0));
    assertEquals(1e-1, lr.fromUnit(1.0));
    assertEquals(1e-1, lr.fromScale(10.0), "clipped into the range");
  }

  @Test
  void linearFloatScaleIsTheRange() {
    FloatParameter margin = new FloatParameter("positive_margin", -1, 1, false);
    assertScale(margin, -1.0, 1.0);
    assertEquals(0.5, margin.fromUnit(0.75));
  }

  @Test
  void everyIntValueOwnsACellOfOneStep() {
    IntParameter dim = new IntParameter("embedding_dim", 16, 256, 16, false);
    assertScale(dim, 8.0, 264.0);
    assertEquals(16, dim.fromScale(8.0));
    assertEquals(16, dim.fromScale(23.99));
    assertEquals(32, dim.fromScale(24.0), "a cell boundary rounds up, as Optuna's floor(x + 1/2)");
    assertEquals(256, dim.fromScale(264.0));
    // 1600 evenly spread points of [0, 1) never hit a cell boundary (at u = j/16): 100 per value
    int[] counts = new int[16];
    for (int k = 0; k < 1600; k++) {
      counts[((Integer) dim.fromUnit((k + 0.5) / 1600) - 16) / 16]++;
    }
    for (int c : counts) {
      assertEquals(100, c);
    }
  }

  @Test
  void theLastValueIsTheLastPointOfTheStepGrid() {
    IntParameter p = new IntParameter("x", 0, 10, 3, false);
    assertEquals(9, p.maxValue());
    assertEquals(10.5, p.scaleHigh());
    assertEquals(9, p.fromScale(10.4));
  }

  @Test
  void logIntCellsAreLogSpaced() {
    IntParameter negatives = new IntParameter("num_negs_per_pos", 1, 100, 1, true);
    assertScale(negatives, Math.log(0.5), Math.log(100.5));
    // value 1 owns [log 0.5, log 1.5]: a fraction log 3 / log 201 = 0.20721 of the scale
    int ones = 0;
    int n = 100_000;
    for (int k = 0; k < n; k++) {
      ones += negatives.fromUnit((k + 0.5) / n).equals(1) ? 1 : 0;
    }
    assertEquals(Math.log(3) / Math.log(201), (double) ones / n, 1e-5);
    assertEquals(100, negatives.fromUnit(1.0));
  }

  @Test
  void sampleIsAUniformDrawOnTheScale() {
    FloatParameter lr = new FloatParameter("lr", 1e-4, 1, true);
    IntParameter dim = new IntParameter("d", 1, 9, 2, false);
    SplittableRandom a = new SplittableRandom(7);
    SplittableRandom b = new SplittableRandom(7);
    for (int i = 0; i < 50; i++) {
      assertEquals(lr.fromUnit(a.nextDouble()), lr.sample(b));
      assertEquals(dim.fromUnit(a.nextDouble()), dim.sample(b));
    }
  }

  @Test
  void logIntsNeedStepOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new IntParameter("n", 1, 64, 2, true));
    assertEquals("int parameter n on a log scale needs step 1, got 2", e.getMessage());
  }
}
