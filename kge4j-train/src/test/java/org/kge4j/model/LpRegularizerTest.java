package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LpRegularizerTest {

  @Test
  void termIsTheWeightedMeanNormOverSqrtDim() {
    EmbeddingTable table = new EmbeddingTable("entity", 3, 2);
    float[] x = table.block(0);
    // rows (3, 4), (0, 0), (1, 0): norms 5, 0, 1
    x[0] = 3f;
    x[1] = 4f;
    x[4] = 1f;
    LpRegularizer regularizer = new LpRegularizer(0.5, true, false);
    SparseGradient gradient = SparseGradient.like(table);
    double value = regularizer.accumulate(table, new int[] {0, 1, 2}, 3, 4, gradient);
    // 0.5 * (5 + 0 + 1) / 3 / sqrt(4) = 0.5
    assertEquals(0.5, value, 1e-12);
    // ∂/∂x_row = 0.5 / (3 * 2) * x_row / ||x_row||: (0.05, 0.0666..), zero row stays 0
    float[] g = gradient.values().block(0);
    assertEquals(0.05f, g[0], 1e-7f);
    assertEquals(0.5f / 6 * 0.8f, g[1], 1e-7f);
    assertEquals(0f, g[2]);
    assertEquals(0f, g[3]);
    assertEquals(0.5f / 6, g[4], 1e-7f);
    assertEquals(3, gradient.numTouched());
  }

  @Test
  void gradientMatchesCentralDifferences() {
    EmbeddingTable table = new EmbeddingTable("relation", 2, 3);
    float[] x = table.block(0);
    float[] init = {0.3f, -1.2f, 0.7f, 2f, 0.1f, -0.4f};
    System.arraycopy(init, 0, x, 0, init.length);
    LpRegularizer regularizer = new LpRegularizer(0.1, false, true);
    SparseGradient gradient = SparseGradient.like(table);
    regularizer.accumulate(table, new int[] {1, 0}, 2, 3, gradient);
    double eps = 1e-3;
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      x[i] = (float) (saved + eps);
      double plus =
          regularizer.accumulate(table, new int[] {0, 1}, 2, 3, SparseGradient.like(table));
      x[i] = (float) (saved - eps);
      double minus =
          regularizer.accumulate(table, new int[] {0, 1}, 2, 3, SparseGradient.like(table));
      x[i] = saved;
      double expected = (plus - minus) / ((float) (saved + eps) - (float) (saved - eps));
      assertEquals(expected, gradient.values().block(0)[i], 1e-4, "value " + i);
    }
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
