package org.kge4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.SparseGradient;

/**
 * Optimizer steps against values worked out by hand from PyTorch's update formulas (the numbers in
 * the comments are those hand computations).
 */
class OptimizerTest {

  /** A 2 x 2 table starting at zero. */
  private static EmbeddingTable table() {
    return new EmbeddingTable("entity", 2, 2);
  }

  private static SparseGradient grad(int row, float a, float b) {
    SparseGradient g = new SparseGradient(2, 2);
    int off = g.touch(row);
    g.values().block(0)[off] = a;
    g.values().block(0)[off + 1] = b;
    return g;
  }

  @Test
  void sgdMovesAgainstTheGradientByLearningRate() {
    EmbeddingTable t = table();
    Optimizer sgd = Optimizers.create("SGD", List.of(t), 0.1);
    sgd.step(List.of(grad(1, 0.5f, -2f)));
    assertArrayEquals(new float[] {0f, 0f, -0.05f, 0.2f}, t.block(0), 1e-7f);
    assertEquals(1, sgd.steps());
  }

  @Test
  void adagradAccumulatesSquaredGradients() {
    EmbeddingTable t = table();
    Optimizer adagrad = Optimizers.create("adagrad", List.of(t), 0.1);
    adagrad.step(List.of(grad(0, 0.5f, 0f)));
    // x = -0.1 * 0.5 / sqrt(0.25) = -0.1
    assertEquals(-0.1f, t.block(0)[0], 1e-7f);
    adagrad.step(List.of(grad(0, -1f, 0f)));
    // s = 1.25: x = -0.1 + 0.1 / sqrt(1.25) = -0.0105572809
    assertEquals(-0.0105572809f, t.block(0)[0], 1e-7f);
    // a zero gradient leaves the value alone: 0 / (0 + eps) = 0
    assertEquals(0f, t.block(0)[1], 0f);
  }

  /**
   * The Adam variant {@code name} on {@code t} (a fresh {@link #table()}) after its first step, a
   * gradient on row 0, which every variant takes alike.
   */
  private static Optimizer afterFirstAdamStep(EmbeddingTable t, String name) {
    Optimizer adam = Optimizers.create(name, List.of(t), 0.1);
    adam.step(List.of(grad(0, 0.5f, -1f)));
    // first step: m̂ = g, v̂ = g², so x = -lr · g / (|g| + eps) = -0.1 · sign(g)
    assertArrayEquals(new float[] {-0.1f, 0.1f, 0f, 0f}, t.block(0), 1e-6f);
    return adam;
  }

  @Test
  void denseAdamKeepsMovingRowsWithoutGradient() {
    EmbeddingTable t = table();
    Optimizer adam = afterFirstAdamStep(t, "adam");
    assertTrue(adam.updatesUntouchedRows());
    adam.step(List.of(new SparseGradient(2, 2)));
    // second step with g = 0: m = 0.09 g, v = 0.000999 g², bias corrections 0.19 and 0.001999
    // -> another 0.1 · (0.09/0.19) / sqrt(0.000999/0.001999) = 0.0670058235 along -sign(g)
    assertArrayEquals(new float[] {-0.1670058235f, 0.1670058235f, 0f, 0f}, t.block(0), 1e-6f);
  }

  @Test
  void denseAdamSplitsLargeTablesWithoutChangingTheUpdate() {
    // 600 x 512 = 307200 values: more than one 2^18-value chunk, so the update runs in parallel
    EmbeddingTable t = new EmbeddingTable("entity", 600, 512);
    SparseGradient g = SparseGradient.like(t);
    for (int row : new int[] {0, 599}) {
      int off = g.touch(row);
      for (int k = 0; k < 512; k++) {
        g.values().block(0)[off + k] = k % 2 == 0 ? 0.5f : -0.25f;
      }
    }
    Optimizers.create("adam", List.of(t), 0.1).step(List.of(g));
    for (int row = 0; row < 600; row++) {
      for (int k = 0; k < 512; k++) {
        // first step: -lr · sign(g) on the touched rows, nothing elsewhere
        float expected = row == 0 || row == 599 ? (k % 2 == 0 ? -0.1f : 0.1f) : 0f;
        assertEquals(expected, t.block(0)[row * 512 + k], 1e-6f, "row " + row + " value " + k);
      }
    }
  }

  @Test
  void sparseAdamUpdatesTouchedRowsOnly() {
    EmbeddingTable t = table();
    Optimizer adam = afterFirstAdamStep(t, "sparseadam");
    assertFalse(adam.updatesUntouchedRows());
    adam.step(List.of(grad(1, -2f, 0f)));
    // row 0 stays; row 1 at t = 2: lr · sqrt(0.001999)/0.19 · 0.1 g / sqrt(0.001 g²)
    // = 0.0744136706 along -sign(g)
    assertArrayEquals(new float[] {-0.1f, 0.1f, 0.0744136706f, 0f}, t.block(0), 1e-6f);
  }

  @Test
  void stateRoundTripsAndContinuesIdentically() throws IOException {
    EmbeddingTable a = table();
    EmbeddingTable b = table();
    Optimizer first = Optimizers.create("adam", List.of(a), 0.05);
    first.step(List.of(grad(0, 0.3f, -0.7f)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    first.writeState(new DataOutputStream(bytes));
    System.arraycopy(a.block(0), 0, b.block(0), 0, a.block(0).length);
    Optimizer second = Optimizers.create("adam", List.of(b), 0.05);
    second.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    first.step(List.of(grad(1, 1f, 2f)));
    second.step(List.of(grad(1, 1f, 2f)));
    assertEquals(2, second.steps());
    assertArrayEquals(a.block(0), b.block(0), 0f);
  }

  @Test
  void stateRowsAndStepsRestoreWhatReadStateRestores() {
    EmbeddingTable a = table();
    EmbeddingTable b = table();
    Optimizer first = Optimizers.create("adam", List.of(a), 0.05);
    first.step(List.of(grad(0, 0.3f, -0.7f)));
    first.step(List.of(grad(1, -0.2f, 0.9f)));
    b.copyFrom(a);
    Optimizer second = Optimizers.create("adam", List.of(b), 0.05);
    assertEquals(2, second.numSlots());
    for (int slot = 0; slot < 2; slot++) {
      for (int row = 0; row < 2; row++) {
        second.setStateRow(b, slot, row, first.stateRow(a, slot, row));
      }
    }
    second.setSteps(first.steps());
    first.step(List.of(grad(1, 1f, 2f)));
    second.step(List.of(grad(1, 1f, 2f)));
    assertArrayEquals(a.toArray(), b.toArray(), 0f);
    assertEquals(3, second.steps());
  }

  @Test
  void stateRowsHoldTheFormulasState() {
    EmbeddingTable t = table();
    Optimizer adam = Optimizers.create("sparseadam", List.of(t), 0.1);
    adam.step(List.of(grad(1, 0.5f, -1f)));
    // SparseAdam's first step: m = 0.1 g, v = 0.001 g²
    assertArrayEquals(new float[] {0.05f, -0.1f}, adam.stateRow(t, 0, 1), 1e-8f);
    assertArrayEquals(new float[] {0.00025f, 0.001f}, adam.stateRow(t, 1, 1), 1e-10f);
    assertArrayEquals(new float[] {0f, 0f}, adam.stateRow(t, 0, 0), 0f);
    Optimizer adagrad = Optimizers.create("adagrad", List.of(t), 0.1);
    adagrad.step(List.of(grad(0, 3f, -2f)));
    assertEquals(1, adagrad.numSlots());
    assertArrayEquals(new float[] {9f, 4f}, adagrad.stateRow(t, 0, 0), 0f);
    assertEquals(0, Optimizers.create("sgd", List.of(t), 0.1).numSlots());
  }

  @Test
  void stateRowAccessRejectsForeignTablesAndBadIndices() {
    EmbeddingTable t = table();
    Optimizer adagrad = Optimizers.create("adagrad", List.of(t), 0.1);
    IllegalArgumentException foreign =
        assertThrows(IllegalArgumentException.class, () -> adagrad.stateRow(table(), 0, 0));
    assertEquals(
        "adagrad is not bound to the table EmbeddingTable[entity, 2 x 2];"
            + " bound: [EmbeddingTable[entity, 2 x 2]]",
        foreign.getMessage());
    IllegalArgumentException slot =
        assertThrows(IllegalArgumentException.class, () -> adagrad.stateRow(t, 1, 0));
    assertEquals("adagrad state slot must be in [0, 1), got 1", slot.getMessage());
    IllegalArgumentException row =
        assertThrows(IllegalArgumentException.class, () -> adagrad.stateRow(t, 0, 2));
    assertEquals("entity index must be in [0, 2), got 2", row.getMessage());
    IllegalArgumentException width =
        assertThrows(
            IllegalArgumentException.class, () -> adagrad.setStateRow(t, 0, 0, new float[3]));
    assertEquals("entity state row needs 2 values, got 3", width.getMessage());
    IllegalArgumentException steps =
        assertThrows(IllegalArgumentException.class, () -> adagrad.setSteps(-1));
    assertEquals("steps must be >= 0, got -1", steps.getMessage());
  }

  @Test
  void readingAnotherOptimizersStateFailsClearly() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Optimizers.create("adagrad", List.of(table()), 0.1).writeState(new DataOutputStream(bytes));
    Optimizer adam = Optimizers.create("adam", List.of(table()), 0.1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                adam.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    assertEquals("optimizer state belongs to adagrad, cannot restore it into adam", e.getMessage());
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException name =
        assertThrows(
            IllegalArgumentException.class,
            () -> Optimizers.create("rmsprop", List.of(table()), 0.1));
    assertEquals(
        "optimizer must be one of [adam, sparseadam, adagrad, sgd], got rmsprop",
        name.getMessage());
    IllegalArgumentException lr =
        assertThrows(
            IllegalArgumentException.class, () -> Optimizers.create("sgd", List.of(table()), 0));
    assertEquals("learning rate must be finite and > 0, got 0.0", lr.getMessage());
    Optimizer sgd = Optimizers.create("sgd", List.of(table()), 0.1);
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class, () -> sgd.step(List.of(new SparseGradient(3, 2))));
    assertTrue(
        shape.getMessage().contains("gradient 0 is 3 x 2 but the entity table is 2 x 2"),
        shape.getMessage());
  }

  private static void assertArrayEquals(float[] expected, float[] actual, float tolerance) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, "index " + i);
    }
  }
}
