package org.kge4j.tensor;

/**
 * An immutable row-major float32 tensor: a shape and {@code prod(shape)} values.
 *
 * <p>The empty shape {@code ()} is a scalar holding one value. The data are copied on the way in
 * ({@link #of}) and on the way out ({@link #toArray}), so a tensor can be shared freely between
 * threads.
 */
public final class FloatTensor extends ArrayTensor<float[]> {
  /** Over {@code data} itself and a copy of {@code shape} (checked to fit). */
  private FloatTensor(float[] data, int[] shape) {
    super(data, shape);
  }

  /**
   * A tensor of the given shape over a copy of {@code rowMajorData}.
   *
   * @throws IllegalArgumentException if the data length differs from the shape's element count
   */
  public static FloatTensor of(float[] rowMajorData, int... shape) {
    return new FloatTensor(requireData(rowMajorData).clone(), shape);
  }

  /** A scalar (shape {@code ()}). */
  public static FloatTensor scalar(float value) {
    return new FloatTensor(new float[] {value}, new int[0]);
  }

  /** A tensor of zeros. */
  public static FloatTensor zeros(int... shape) {
    return new FloatTensor(new float[Shapes.elementCount(shape)], shape);
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
    return new FloatTensor(data, newShape);
  }
}
