package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PyKEEN's constrainers: unit-norm entities (TransE, DistMult), unit-modulus RotatE relations. */
class ConstraintsTest {

  private static double rowNorm(EmbeddingTable table, int row) {
    double sq = 0;
    for (float v : table.row(row)) {
      sq += (double) v * v;
    }
    return Math.sqrt(sq);
  }

  @Test
  void entitiesStartAtUnitNormIncludingLargeTables() {
    // 700 x 400 values take the parallel path of the all-rows normalisation
    Model[] models = {
      new TransE(700, 3, 400, 2, new SplittableRandom(1)),
      new DistMult(5, 3, 8, new SplittableRandom(2))
    };
    for (Model model : models) {
      for (int row = 0; row < model.numEntities(); row++) {
        assertEquals(1.0, rowNorm(model.entityEmbeddings(), row), 1e-6, model + " row " + row);
      }
    }
  }

  @Test
  void touchedEntitiesAreRenormalisedAfterAStep() {
    TransE model = new TransE(4, 2, 3, 1, new SplittableRandom(3));
    float[] x = model.entityEmbeddings().block(0);
    x[3] = 5f;
    x[6] = 7f;
    Gradients changed = Gradients.of(model);
    changed.entities().touch(1);
    model.applyConstraints(changed);
    assertEquals(1.0, rowNorm(model.entityEmbeddings(), 1), 1e-6);
    // row 2 was not reported as changed and keeps its value
    assertEquals(7f, x[6]);
  }

  @Test
  void rotateRelationsKeepUnitModulus() {
    RotatE model = new RotatE(3, 2, 4, new SplittableRandom(4));
    float[] r = model.relationEmbeddings().block(0);
    r[1] = 3f;
    r[1 + 4] = 4f;
    model.applyConstraints();
    for (int row = 0; row < 2; row++) {
      for (int k = 0; k < 4; k++) {
        float re = r[row * 8 + k];
        float im = r[row * 8 + 4 + k];
        assertEquals(1.0, Math.hypot(re, im), 1e-6, "relation " + row + " element " + k);
      }
    }
    // (3, 4) keeps its phase
    assertEquals(0.6f, r[1], 1e-6f);
    assertEquals(0.8f, r[5], 1e-6f);
  }

  @Test
  void complexHasNoConstraints() {
    ComplEx model = new ComplEx(3, 2, 4, new SplittableRandom(5));
    float[] x = model.entityEmbeddings().block(0);
    x[0] = 42f;
    model.applyConstraints();
    assertEquals(42f, x[0]);
  }
}
