package org.kge4j.tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Shape arithmetic shared by the tensors: validation, element counts and NumPy/PyTorch
 * broadcasting.
 *
 * <p>Broadcasting aligns shapes at their trailing dimensions; two dimensions are compatible when
 * they are equal or one of them is 1, and a missing leading dimension counts as 1. The result takes
 * the larger size in every dimension.
 */
public final class Shapes {
  private Shapes() {}

  /**
   * Checks a shape and returns its element count.
   *
   * @throws IllegalArgumentException if a dimension is negative or the count exceeds {@code
   *     Integer.MAX_VALUE}
   */
  public static int elementCount(int... shape) {
    if (shape == null) {
      throw new IllegalArgumentException("shape must not be null");
    }
    long count = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape " + format(shape) + " has a negative dimension " + d);
      }
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + format(shape) + " has more than " + Integer.MAX_VALUE + " elements");
      }
    }
    return (int) count;
  }

  /**
   * Checks that {@code length} values fill a tensor of {@code shape} and returns a copy of the
   * shape.
   *
   * @throws IllegalArgumentException if the shape is invalid or needs another number of values
   */
  static int[] requireFilledBy(int length, int[] shape) {
    int count = elementCount(shape);
    if (count != length) {
      throw new IllegalArgumentException(
          "shape " + format(shape) + " needs " + count + " values, got " + length);
    }
    return shape.clone();
  }

  /**
   * The broadcast shape of two shapes.
   *
   * @throws IllegalArgumentException naming both shapes and the first incompatible dimension
   */
  public static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 1; i <= rank; i++) {
      int da = i <= a.length ? a[a.length - i] : 1;
      int db = i <= b.length ? b[b.length - i] : 1;
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            "shapes "
                + format(a)
                + " and "
                + format(b)
                + " are not broadcastable: dimension "
                + (rank - i)
                + " of the result would need "
                + da
                + " and "
                + db
                + " (sizes must be equal or one of them 1)");
      }
      out[rank - i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * Row-major strides with which an operand of shape {@code operand} is read when broadcast to
   * {@code target}: broadcast dimensions get stride 0, so that element {@code k} of the target
   * reads element {@code sum(index_d * stride_d)} of the operand.
   *
   * @throws IllegalArgumentException if {@code operand} does not broadcast to exactly {@code
   *     target}
   */
  public static int[] broadcastStrides(int[] operand, int[] target) {
    if (!Arrays.equals(broadcast(operand, target), target)) {
      throw new IllegalArgumentException(
          "shape " + format(operand) + " cannot be broadcast to " + format(target));
    }
    int[] strides = new int[target.length];
    int stride = 1;
    for (int i = 1; i <= target.length; i++) {
      int d = i <= operand.length ? operand[operand.length - i] : 1;
      strides[target.length - i] = d == 1 ? 0 : stride;
      stride *= d;
    }
    return strides;
  }

  /**
   * Copies {@code source} (of shape {@code shape}) into a new row-major array of shape {@code
   * target}.
   */
  public static float[] expand(float[] source, int[] shape, int[] target) {
    int[] offsets = broadcastOffsets(shape, target);
    float[] out = new float[offsets.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = source[offsets[k]];
    }
    return out;
  }

  /**
   * Sums a row-major array of shape {@code source} down to the (broadcastable) shape {@code
   * target}: the adjoint of {@link #expand}, i.e. how a gradient flows back through broadcasting.
   */
  public static float[] sumTo(float[] values, int[] source, int[] target) {
    int[] offsets = broadcastOffsets(target, source);
    double[] acc = new double[elementCount(target)];
    for (int k = 0; k < values.length; k++) {
      acc[offsets[k]] += values[k];
    }
    float[] out = new float[acc.length];
    for (int i = 0; i < acc.length; i++) {
      out[i] = (float) acc[i];
    }
    return out;
  }

  /**
   * For each element of {@code target} in row-major order, the offset of the element of {@code
   * operand} that broadcasting reads there: the one walk over a broadcast that {@link #expand}
   * (reading through it) and {@link #sumTo} (accumulating through it) share.
   */
  private static int[] broadcastOffsets(int[] operand, int[] target) {
    int[] strides = broadcastStrides(operand, target);
    int[] offsets = new int[elementCount(target)];
    int[] index = new int[target.length];
    int offset = 0;
    for (int k = 0; k < offsets.length; k++) {
      offsets[k] = offset;
      offset = advance(index, target, strides, offset);
    }
    return offsets;
  }

  /** Steps a row-major multi-index and returns the operand offset that follows {@code offset}. */
  private static int advance(int[] index, int[] shape, int[] strides, int offset) {
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d]++;
      offset += strides[d];
      if (index[d] < shape[d]) {
        return offset;
      }
      offset -= strides[d] * shape[d];
      index[d] = 0;
    }
    return offset;
  }

  /** Formats a shape the way PyTorch users read it: {@code (2, 3)}, {@code (5,)}, {@code ()}. */
  public static String format(int... shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    return Arrays.stream(shape)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
