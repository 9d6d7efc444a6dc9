package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.model.ComplEx;
import org.kge4j.model.DistMult;
import org.kge4j.model.LpRegularizer;

class LookupRegularizerTest {

  @Test
  void termIsTheWeightedMeanNormOverSqrtDimPerCall() {
    // entity rows (3, 4), (0, 0), (1, 0): norms 5, 0, 1
    float[] x = {3f, 4f, 0f, 0f, 1f, 0f};
    LookupRegularizer regularizer =
        new LookupRegularizer(new LpRegularizer(0.5, true, false), 3, 2, 4);
    // one call looks up rows 0, 1, 2 (row 2 twice: de-duplicated), another rows 2 and 0
    regularizer.lookup(true, new int[] {0, 1, 2, 2}, 0, 1, 4, null);
    regularizer.lookup(true, new int[] {9, 2, 9, 0}, 1, 2, 2, null);
    // relations are not regularized
    regularizer.lookup(false, new int[] {0, 1}, 0, 1, 2, null);
    float[] g = new float[6];
    double value = 0;
    for (int row = 0; row < 3; row++) {
      value += regularizer.apply(true, row, DenseKernels.active(), x, 2 * row, g, 2 * row, 2);
    }
    // call 1: 0.5 · (5 + 0 + 1) / 3 / sqrt(4) = 0.5; call 2: 0.5 · (1 + 5) / 2 / 2 = 0.75
    assertEquals(1.25, value, 1e-6);
    // row 0's coefficient: 0.5/(3·2) + 0.5/(2·2) = 1/12 + 1/8; gradient c · x/||x||
    double c0 = 1.0 / 12 + 1.0 / 8;
    assertEquals(c0 * 0.6, g[0], 1e-7);
    assertEquals(c0 * 0.8, g[1], 1e-7);
    // the zero row gets no gradient; row 2 has the same coefficient as row 0
    assertEquals(0f, g[2]);
    assertEquals(0f, g[3]);
    assertEquals(c0, g[4], 1e-7);
    float[] r = {1f, 1f};
    assertEquals(0.0, regularizer.apply(false, 0, DenseKernels.active(), r, 0, g, 0, 2));
    regularizer.clear();
    assertEquals(0.0, regularizer.apply(true, 0, DenseKernels.active(), x, 0, g, 0, 2));
  }

  @Test
  void gradientMatchesCentralDifferences() {
    float[] x = {0.3f, -1.2f, 0.7f, 2f, 0.1f, -0.4f};
    LookupRegularizer regularizer =
        new LookupRegularizer(new LpRegularizer(0.1, false, true), 1, 2, 3);
    boolean[] keep = {true, false, true};
    regularizer.lookup(false, new int[] {1, 1, 0}, 0, 1, 3, keep);
    regularizer.lookupAllEntities(); // entities are not regularized: a no-op
    float[] g = new float[6];
    for (int row = 0; row < 2; row++) {
      regularizer.apply(false, row, DenseKernels.active(), x, 3 * row, g, 3 * row, 3);
    }
    double eps = 1e-3;
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = (float) (saved + eps);
      double plus = total(regularizer, x);
      x[i] = (float) (saved - eps);
      double minus = total(regularizer, x);
      x[i] = saved;
      double expected = (plus - minus) / ((float) (saved + eps) - (float) (saved - eps));
      assertEquals(expected, g[i], 1e-4, "value " + i);
    }
  }

  private static double total(LookupRegularizer regularizer, float[] x) {
    float[] scratch = new float[6];
    double sum = 0;
    for (int row = 0; row < 2; row++) {
      sum += regularizer.apply(false, row, DenseKernels.active(), x, 3 * row, scratch, 3 * row, 3);
    }
    return sum;
  }

  @Test
  void pykeenDefaultsAndValidation() {
    assertEquals(new LpRegularizer(0.1, false, true), DistMult.DEFAULT_REGULARIZER);
    assertEquals(new LpRegularizer(0.01, true, true), ComplEx.DEFAULT_REGULARIZER);
    assertFalse(LpRegularizer.NONE.active());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LpRegularizer(-1, true, true));
    assertEquals("regularizer weight must be finite and >= 0, got -1.0", e.getMessage());
  }
}
