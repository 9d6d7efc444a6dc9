package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Clearing a gradient: every touched row is zeroed and forgotten, also when the rows are enough to
 * be split across threads, and the rows touched next are listed in their new order.
 */
class SparseGradientTest {

  @Test
  void clearZeroesAndForgetsEveryTouchedRowAlsoWhenSplitAcrossThreads() {
    int numRows = 1000;
    int width = 256;
    SparseGradient gradient = new SparseGradient(numRows, width);
    // 600 rows of 256 floats: more than the 2^16 values above which the rows are split
    for (int i = 0; i < 600; i++) {
      int row = (7 * i) % numRows;
      int offset = gradient.touch(row);
      float[] block = gradient.values().blockOf(row);
      for (int k = 0; k < width; k++) {
        block[offset + k] = row + k + 1f;
      }
    }
    gradient.clear();
    assertEquals(0, gradient.numTouched());
    for (int row = 0; row < numRows; row++) {
      assertFalse(gradient.isTouched(row), "row " + row);
      float[] block = gradient.values().blockOf(row);
      int offset = gradient.values().offset(row);
      for (int k = 0; k < width; k++) {
        assertEquals(0f, block[offset + k], "row " + row + ", column " + k);
      }
    }
    gradient.touch(14);
    gradient.touch(3);
    gradient.touch(14);
    assertEquals(2, gradient.numTouched());
    assertEquals(14, gradient.touchedRow(0));
    assertEquals(3, gradient.touchedRow(1));
  }
}
