package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializerTest {

  private static final int ROWS = 400;
  private static final int WIDTH = 50;

  private static float[] values(Initializer initializer, int width) {
    EmbeddingTable table = new EmbeddingTable("entity", ROWS, width);
    initializer.initialize(table, new SplittableRandom(7));
    float[] all = new float[ROWS * width];
    for (int r = 0; r < ROWS; r++) {
      System.arraycopy(table.row(r), 0, all, r * width, width);
    }
    return all;
  }

  private static double mean(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(float[] x) {
    double m = mean(x);
    double s = 0;
    for (float v : x) {
      s += (v - m) * (v - m);
    }
    return s / x.length;
  }

  @Test
  void momentsFollowTheDocumentedDistributions() {
    // 20,000 draws: the standard error of a mean is <= 0.007 for unit variance
    float[] normal = values(Initializer.NORMAL, WIDTH);
    assertEquals(0.0, mean(normal), 0.03);
    assertEquals(1.0, variance(normal), 0.05);
    float[] uniform = values(Initializer.UNIFORM, WIDTH);
    assertEquals(0.5, mean(uniform), 0.01);
    assertEquals(1.0 / 12, variance(uniform), 0.004);
    for (float v : uniform) {
      assertTrue(v >= 0f && v < 1f, "U(0, 1) value " + v);
    }
    // xavier_uniform: U(-a, a) with a = sqrt(6 / 50), variance a^2 / 3 = 2 / 50
    float[] xavierUniform = values(Initializer.XAVIER_UNIFORM, WIDTH);
    double bound = Math.sqrt(6.0 / WIDTH);
    for (float v : xavierUniform) {
      assertTrue(Math.abs(v) <= bound, "|" + v + "| <= " + bound);
    }
    assertEquals(2.0 / WIDTH, variance(xavierUniform), 0.002);
    float[] xavierNormal = values(Initializer.XAVIER_NORMAL, WIDTH);
    assertEquals(2.0 / WIDTH, variance(xavierNormal), 0.002);
    assertEquals(0.0, mean(xavierNormal), 0.005);
  }

  @Test
  void normalisedVariantsGiveUnitRowsAndPhasesUnitModulus() {
    for (Initializer initializer :
        new Initializer[] {
          Initializer.XAVIER_UNIFORM_NORM,
          Initializer.XAVIER_NORMAL_NORM,
          Initializer.UNIFORM_NORM,
          Initializer.NORMAL_NORM
        }) {
      float[] x = values(initializer, WIDTH);
      for (int r = 0; r < ROWS; r++) {
        double sq = 0;
        for (int k = 0; k < WIDTH; k++) {
          sq += (double) x[r * WIDTH + k] * x[r * WIDTH + k];
        }
        assertEquals(1.0, Math.sqrt(sq), 1e-6, initializer + " row " + r);
      }
    }
    float[] uniformNorm = values(Initializer.UNIFORM_NORM, WIDTH);
    for (float v : uniformNorm) {
      assertTrue(v >= 0f, "uniform_norm keeps the sign of U(0, 1): " + v);
    }
    float[] phases = values(Initializer.INIT_PHASES, 2 * WIDTH);
    double sumCos = 0;
    for (int r = 0; r < ROWS; r++) {
      for (int k = 0; k < WIDTH; k++) {
        float re = phases[r * 2 * WIDTH + k];
        float im = phases[r * 2 * WIDTH + WIDTH + k];
        assertEquals(1.0, Math.hypot(re, im), 1e-6);
        sumCos += re;
      }
    }
    // phases uniform on the circle: mean cosine 0 (standard error 0.005)
    assertEquals(0.0, sumCos / (ROWS * WIDTH), 0.03);
  }

  @Test
  void namesFollowPykeenWithOrWithoutTheTrailingUnderscore() {
    assertSame(Initializer.XAVIER_UNIFORM, Initializer.of("xavier_uniform_"));
    assertSame(Initializer.XAVIER_NORMAL_NORM, Initializer.of("Xavier_Normal_Norm"));
    assertSame(Initializer.INIT_PHASES, Initializer.of("init_phases"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Initializer.of("kaiming"));
    assertEquals(
        "initializer must be one of [normal, uniform, xavier_uniform, xavier_normal,"
            + " xavier_uniform_norm, xavier_normal_norm, uniform_norm, normal_norm, init_phases],"
            + " got kaiming",
        e.getMessage());
  }

  @Test
  void phasesNeedComplexRows() {
    EmbeddingTable odd = new EmbeddingTable("relation", 3, 5);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Initializer.INIT_PHASES.initialize(odd, new SplittableRandom(1)));
    assertEquals(
        "init_phases needs complex rows (an even width), got width 5 for the relation table",
        e.getMessage());
  }

  /** ComplEx as the seed test below draws it, with {@code entities} for the entity table. */
  private static Model complexWithEntities(Initializer entities) {
    return Models.create(
        "complex",
        new ModelSpec(30, 4, 8, entities, Initializer.NORMAL, false),
        1,
        null,
        new SplittableRandom(3));
  }

  @Test
  void aSeedFixesTheModelAndAnotherInitializerChangesIt() {
    Model a = Models.create("complex", 30, 4, 8, 1, null, new SplittableRandom(3));
    Model b = complexWithEntities(Initializer.NORMAL);
    Model c = complexWithEntities(Initializer.XAVIER_NORMAL);
    for (int r = 0; r < 30; r++) {
      assertArrayEquals(a.entityEmbeddings().row(r), b.entityEmbeddings().row(r));
    }
    float[] scaled = c.entityEmbeddings().row(0);
    float[] unit = a.entityEmbeddings().row(0);
    // same draws, xavier_normal scales N(0, 1) by sqrt(2 / 16)
    for (int k = 0; k < scaled.length; k++) {
      assertEquals(unit[k] * Math.sqrt(2.0 / 16), scaled[k], 1e-6);
    }
  }

  @Test
  void rotateRelationsAreUnitModulusWhateverTheInitializer() {
    Model model =
        Models.create(
            "rotate",
            new ModelSpec(10, 3, 4, null, Initializer.NORMAL, false),
            1,
            null,
            new SplittableRandom(5));
    for (int r = 0; r < 3; r++) {
      float[] row = model.relationEmbeddings().row(r);
      for (int k = 0; k < 4; k++) {
        assertEquals(1.0, Math.hypot(row[k], row[4 + k]), 1e-6);
      }
    }
  }
}
