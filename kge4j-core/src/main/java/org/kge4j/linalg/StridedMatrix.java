package org.kge4j.linalg;

/**
 * A matrix view of caller-owned float storage, the operand of the block operations ({@link
 * DenseKernel#accumulate}, {@link DenseKernel#accumulateSignDifference}):
 *
 * <pre>
 *   M(i, j) = values[offset + i·rowStride + j·columnStride]
 * </pre>
 *
 * A view copies nothing and checks nothing: its shape is the block operation's {@code m}, {@code
 * n}, {@code k}, and indexing past the array fails there. Swapping the strides ({@link
 * #transposed}) gives {@code Mᵀ} without moving a value.
 *
 * @param values the storage
 * @param offset the index of {@code M(0, 0)}
 * @param rowStride how far apart consecutive rows start
 * @param columnStride how far apart consecutive columns of a row are (1 for a row-major matrix)
 */
public record StridedMatrix(float[] values, int offset, int rowStride, int columnStride) {

  /**
   * The row-major matrix whose rows start {@code rowStride} floats apart from {@code offset}:
   * {@code M(i, j) = values[offset + i·rowStride + j]}.
   */
  public static StridedMatrix rowMajor(float[] values, int offset, int rowStride) {
    return new StridedMatrix(values, offset, rowStride, 1);
  }

  /**
   * Where {@code M(i, j)} lies in {@link #values}: {@code offset + i·rowStride + j·columnStride}.
   */
  public int index(int i, int j) {
    return offset + i * rowStride + j * columnStride;
  }

  /** The transpose, {@code Mᵀ(i, j) = M(j, i)}: the same storage with the strides swapped. */
  public StridedMatrix transposed() {
    return new StridedMatrix(values, offset, columnStride, rowStride);
  }
}
