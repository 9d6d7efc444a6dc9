package org.kge4j.tensor;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the tensors share: a row-major shape over a primitive array of {@code prod(shape)} values
 * that no one writes after construction, and value semantics on both. Two tensors are equal when
 * they are of the same class and have equal shapes and equal values (float values compared by their
 * bits, as {@link Arrays#equals(float[], float[])} does); the hash code and the text follow from
 * the same two.
 *
 * @param <A> the array type: {@code float[]} or {@code boolean[]}
 */
abstract class ArrayTensor<A> {
  /** The tensor's text lists its values up to this many, and counts them beyond. */
  private static final int LISTED_VALUES = 16;

  /** The values in row-major order. */
  final A data;

  /** The shape, owned by the tensor; its element count is the length of {@link #data}. */
  final int[] shape;

  /**
   * A tensor over {@code data} itself (the caller gives it up) and a copy of {@code shape}: every
   * tensor's invariant, that the shape's element count is the data's length, is checked here.
   *
   * @throws IllegalArgumentException if the shape is invalid or needs another number of values
   */
  ArrayTensor(A data, int[] shape) {
    this.data = data;
    this.shape = Shapes.requireFilledBy(Array.getLength(data), shape);
  }

  /**
   * {@code data} itself, checked.
   *
   * @throws IllegalArgumentException if {@code data} is null
   */
  static <A> A requireData(A data) {
    if (data == null) {
      throw new IllegalArgumentException("tensor data must not be null");
    }
    return data;
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
    return Array.getLength(data);
  }

  @Override
  public boolean equals(Object o) {
    // Objects.deepEquals compares primitive arrays with the Arrays.equals of their type.
    return o != null
        && o.getClass() == getClass()
        && Arrays.equals(shape, ((ArrayTensor<?>) o).shape)
        && Objects.deepEquals(data, ((ArrayTensor<?>) o).data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + valuesHashCode();
  }

  @Override
  public String toString() {
    int n = Array.getLength(data);
    String values = n > LISTED_VALUES ? "[" + n + " values]" : valuesText();
    return getClass().getSimpleName() + Shapes.format(shape) + values;
  }

  /** {@link Arrays#hashCode} of the values, of the array's own type (no boxing per value). */
  private int valuesHashCode() {
    return data instanceof float[] floats
        ? Arrays.hashCode(floats)
        : Arrays.hashCode((boolean[]) data);
  }

  /** {@link Arrays#toString} of the values, of the array's own type. */
  private String valuesText() {
    return data instanceof float[] floats
        ? Arrays.toString(floats)
        : Arrays.toString((boolean[]) data);
  }
}
