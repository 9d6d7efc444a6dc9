package org.kge4j.tensor;

import java.util.Arrays;

/**
 * An immutable row-major float32 tensor: a shape and {@code prod(shape)} values.
 *
 * <p>The empty shape {@code ()} is a scalar holding one value. The data are copied on the way in
 * ({@link #of}) and on the way out ({@link #toArray}), so a tensor can be shared freely between
 * threads.
 */
public final class FloatTensor {
  private final float[] data;
  private final int[] shape;

  private FloatTensor(float[] data, int[] shape) {
    this.data = data;
    this.shape = shape;
  }

  /**
   * A tensor of the given shape over a copy of {@code rowMajorData}.
   *
   * @throws IllegalArgumentException if the data length differs from the shape's element count
   */
  public static FloatTensor of(float[] rowMajorData, int... shape) {
    if (rowMajorData == null) {
      throw new IllegalArgumentException("tensor data must not be null");
    }
    return new FloatTensor(
        rowMajorData.clone(), Shapes.requireFilledBy(rowMajorData.length, shape));
  }

  /** A scalar (shape {@code ()}). */
  public static FloatTensor scalar(float value) {
    return new FloatTensor(new float[] {value}, new int[0]);
  }

  /** A tensor of zeros. */
  public static FloatTensor zeros(int... shape) {
    return new FloatTensor(new float[Shapes.elementCount(shape)], shape.clone());
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of dimensions; 0 for a scalar. */
  public int rank() {
    return shape.length;
  }

  /** The number of elements. */
  public long size() {
    return data.length;
  }

  /** The values in row-major order (a copy). */
  public float[] toArray() {
    return data.clone();
  }

  /** The element at a flat row-major position. */
  public float getFlat(int index) {
    return data[index];
  }

  /** The element at a multi-index (one index per dimension). */
  public float get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "tensor of shape "
              + Shapes.format(shape)
              + " needs "
              + shape.length
              + " indices, got "
              + index.length);
    }
    int flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IndexOutOfBoundsException(
            "index "
                + index[d]
                + " out of range [0, "
                + shape[d]
                + ") in dimension "
                + d
                + " of shape "
                + Shapes.format(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return data[flat];
  }

  /** The single value of a one-element tensor. */
  public float item() {
    if (data.length != 1) {
      throw new IllegalStateException(
          "item() needs a one-element tensor, shape is " + Shapes.format(shape));
    }
    return data[0];
  }

  /** The same values viewed with another shape of equal element count. */
  public FloatTensor reshape(int... newShape) {
    int count = Shapes.elementCount(newShape);
    if (count != data.length) {
      throw new IllegalArgumentException(
          "cannot reshape "
              + Shapes.format(shape)
              + " ("
              + data.length
              + " values) to "
              + Shapes.format(newShape)
              + " ("
              + count
              + " values)");
    }
    return new FloatTensor(data, newShape.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatTensor t
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
    return "FloatTensor" + Shapes.format(shape) + values;
  }
}
