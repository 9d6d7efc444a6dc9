package org.kge4j.tensor;

import java.util.Arrays;

/**
 * An immutable row-major boolean tensor, e.g. the {@code batchFilter} mask of sLCWA training
 * ({@code true} = the negative was kept).
 */
public final class BoolTensor {
  private final boolean[] data;
  private final int[] shape;

  private BoolTensor(boolean[] data, int[] shape) {
    this.data = data;
    this.shape = shape;
  }

  /**
   * A tensor of the given shape over a copy of {@code rowMajorData}.
   *
   * @throws IllegalArgumentException if the data length differs from the shape's element count
   */
  public static BoolTensor of(boolean[] rowMajorData, int... shape) {
    if (rowMajorData == null) {
      throw new IllegalArgumentException("tensor data must not be null");
    }
    return new BoolTensor(rowMajorData.clone(), Shapes.requireFilledBy(rowMajorData.length, shape));
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** The number of elements. */
  public long size() {
    return data.length;
  }

  /** The values in row-major order (a copy). */
  public boolean[] toArray() {
    return data.clone();
  }

  /** The element at a flat row-major position. */
  public boolean getFlat(int index) {
    return data[index];
  }

  /** How many elements are {@code true}. */
  public int countTrue() {
    int n = 0;
    for (boolean b : data) {
      if (b) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoolTensor t
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    String values = data.length <= 16 ? Arrays.toString(data) : "[" + data.length + " values]";
    return "BoolTensor" + Shapes.format(shape) + values;
  }
}
