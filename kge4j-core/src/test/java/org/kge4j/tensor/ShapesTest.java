package org.kge4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Broadcasting follows NumPy/PyTorch; tensors validate their shapes. */
class ShapesTest {
  @Test
  void broadcastShapes() {
    assertArrayEquals(new int[] {2, 3}, Shapes.broadcast(new int[] {2, 1}, new int[] {3}));
    assertArrayEquals(new int[] {4, 2, 3}, Shapes.broadcast(new int[] {4, 1, 3}, new int[] {2, 1}));
    assertArrayEquals(new int[] {2, 3}, Shapes.broadcast(new int[0], new int[] {2, 3}));
    assertArrayEquals(new int[] {0, 3}, Shapes.broadcast(new int[] {0, 1}, new int[] {3}));
  }

  @Test
  void incompatibleShapesNameBothShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Shapes.broadcast(new int[] {2, 3}, new int[] {2}));
    assertTrue(
        e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2,)"), e.getMessage());
  }

  @Test
  void expandAndSumToAreAdjoint() {
    float[] column = {1, 2};
    float[] expanded = Shapes.expand(column, new int[] {2, 1}, new int[] {2, 3});
    assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2}, expanded);
    float[] row = {1, 2, 3};
    assertArrayEquals(
        new float[] {1, 2, 3, 1, 2, 3}, Shapes.expand(row, new int[] {3}, new int[] {2, 3}));
    assertArrayEquals(
        new float[] {3, 12},
        Shapes.sumTo(new float[] {1, 1, 1, 3, 4, 5}, new int[] {2, 3}, new int[] {2, 1}));
    assertArrayEquals(
        new float[] {4, 5, 6},
        Shapes.sumTo(new float[] {1, 1, 1, 3, 4, 5}, new int[] {2, 3}, new int[] {3}));
    assertArrayEquals(
        new float[] {15},
        Shapes.sumTo(new float[] {1, 1, 1, 3, 4, 5}, new int[] {2, 3}, new int[0]));
  }

  @Test
  void tensorsCheckAndCopyTheirData() {
    float[] data = {1, 2, 3, 4, 5, 6};
    FloatTensor t = FloatTensor.of(data, 2, 3);
    data[0] = 99;
    assertEquals(1f, t.get(0, 0));
    assertEquals(6f, t.get(1, 2));
    assertEquals(6, t.size());
    assertEquals("(2, 3)", Shapes.format(t.shape()));
    assertEquals(3f, FloatTensor.scalar(3f).item());
    assertEquals(0, FloatTensor.scalar(3f).rank());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FloatTensor.of(data, 4, 2));
    assertTrue(
        e.getMessage().contains("(4, 2)")
            && e.getMessage().contains("8")
            && e.getMessage().contains("6"));
    assertThrows(IllegalArgumentException.class, () -> FloatTensor.of(data, -1, -6));
    assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
    assertEquals(2, BoolTensor.of(new boolean[] {true, false, true}, 3).countTrue());
    assertThrows(IllegalArgumentException.class, () -> BoolTensor.of(new boolean[2], 3));
  }
}
