package org.kge4j.tensor;

/**
 * An immutable row-major boolean tensor, e.g. the {@code batchFilter} mask of sLCWA training
 * ({@code true} = the negative was kept).
 */
public final class BoolTensor extends ArrayTensor<boolean[]> {
  /** Over {@code data} itself and a copy of {@code shape} (checked to fit). */
  private BoolTensor(boolean[] data, int[] shape) {
    super(data, shape);
  }

  /**
   * A tensor of the given shape over a copy of {@code rowMajorData}.
   *
   * @throws IllegalArgumentException if the data length differs from the shape's element count
   */
  public static BoolTensor of(boolean[] rowMajorData, int... shape) {
    return new BoolTensor(requireData(rowMajorData).clone(), shape);
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
}
