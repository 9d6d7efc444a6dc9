package org.kge4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The tensors' value semantics: equality, hash code and text of shape and values. */
class TensorValueTest {

  @Test
  void floatTensorsAreEqualByShapeAndValueBits() {
    float[] values = {1f, Float.NaN, -0f, 2.5f};
    FloatTensor t = FloatTensor.of(values, 2, 2);
    assertEquals(t, FloatTensor.of(values.clone(), 2, 2));
    assertEquals(31 * Arrays.hashCode(new int[] {2, 2}) + Arrays.hashCode(values), t.hashCode());
    assertNotEquals(t, FloatTensor.of(values, 4));
    assertNotEquals(t, FloatTensor.of(new float[] {1f, Float.NaN, 0f, 2.5f}, 2, 2));
    assertNotEquals(t, BoolTensor.of(new boolean[4], 2, 2));
    assertEquals(FloatTensor.scalar(0f), FloatTensor.zeros());
  }

  @Test
  void boolTensorsAreEqualByShapeAndValues() {
    boolean[] values = {true, false, true};
    BoolTensor t = BoolTensor.of(values, 3, 1);
    assertEquals(t, BoolTensor.of(values.clone(), 3, 1));
    assertEquals(31 * Arrays.hashCode(new int[] {3, 1}) + Arrays.hashCode(values), t.hashCode());
    assertNotEquals(t, BoolTensor.of(values, 3));
    assertNotEquals(t, BoolTensor.of(new boolean[] {true, true, true}, 3, 1));
    assertNotEquals(t, null);
  }

  @Test
  void textShowsTheShapeAndUpToSixteenValues() {
    assertEquals("FloatTensor(2,)[1.0, -0.0]", FloatTensor.of(new float[] {1f, -0f}, 2).toString());
    assertEquals("FloatTensor()[3.0]", FloatTensor.scalar(3f).toString());
    assertEquals("FloatTensor(0, 4)[]", FloatTensor.zeros(0, 4).toString());
    assertEquals("FloatTensor(17,)[17 values]", FloatTensor.zeros(17).toString());
    assertEquals(
        "BoolTensor(1, 2)[true, false]",
        BoolTensor.of(new boolean[] {true, false}, 1, 2).toString());
    assertEquals("BoolTensor(4, 5)[20 values]", BoolTensor.of(new boolean[20], 4, 5).toString());
  }

  @Test
  void sizeAndRankFollowTheShape() {
    FloatTensor t = FloatTensor.zeros(2, 3);
    assertEquals(6, t.size());
    assertEquals(2, t.rank());
    BoolTensor b = BoolTensor.of(new boolean[0], 0);
    assertEquals(0, b.size());
    assertEquals(1, b.rank());
    assertEquals(1, FloatTensor.scalar(1f).size());
  }
}
