package org.kge4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StridedMatrixTest {

  @Test
  void indexFollowsTheStridesAndTheTransposeSwapsThem() {
    StridedMatrix m = StridedMatrix.rowMajor(new float[64], 5, 7);
    assertEquals(5 + 2 * 7 + 3, m.index(2, 3));
    StridedMatrix t = m.transposed();
    assertEquals(new StridedMatrix(m.values(), 5, 1, 7), t);
    assertEquals(m.index(2, 3), t.index(3, 2));
    assertEquals(m, t.transposed());
  }
}
