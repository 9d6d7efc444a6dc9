package org.kge4j.linalg;

/**
 * The dense float kernels behind kge4j's embedding models: row operations for one query against
 * gathered rows (sLCWA negatives, single scores) and a cache-blocked, register-tiled block
 * operation for many queries against many rows (1-N scoring, LCWA's backward pass, evaluation).
 * Obtain the fastest implementation with {@link DenseKernels#active()}.
 *
 * <p>Arrays are addressed by offsets and strides, so a kernel works on rows of any caller-owned
 * storage without copies. No method allocates. Arguments are not checked beyond what array indexing
 * checks: callers are kge4j's models, which validate shapes once.
 *
 * <p><b>Determinism.</b> Each kernel gives the same result for the same input on every call. The
 * row reductions ({@link #dot}, {@link #squaredDistance}, {@link #l1Distance}) may sum in a
 * kernel-specific order (SIMD lanes), so different kernels can differ in the last bits there. The
 * block operations are specified exactly ({@link BlockOp}): every output element is one sequential
 * chain over {@code r}, so all kernels, tilings and thread splits agree bit for bit.
 */
public interface DenseKernel {

  /**
   * Rows of {@code A} per register tile of the block operations ({@link #accumulate}): rows past a
   * part's last whole tile run a slower edge loop, so a caller that splits a product's rows across
   * threads starts every part at a multiple of it. 1 where there is no tiling.
   */
  int blockRows();

  /** {@code Σ_{k<n} a[aOffset + k] · b[bOffset + k]}. */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int n);

  /** {@code Σ_{k<n} (a[aOffset + k] − b[bOffset + k])²}. */
  float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int n);

  /** {@code Σ_{k<n} |a[aOffset + k] − b[bOffset + k]|}. */
  float l1Distance(float[] a, int aOffset, float[] b, int bOffset, int n);

  /**
   * The row reduction of {@code op}'s sum over {@code n} floats: {@link #dot} for {@code DOT},
   * {@link #squaredDistance} for {@code SQUARED_DIFFERENCE}, {@link #l1Distance} for {@code
   * ABSOLUTE_DIFFERENCE}.
   */
  default float reduce(BlockOp op, float[] a, int aOffset, float[] b, int bOffset, int n) {
    switch (op) {
      case DOT:
        return dot(a, aOffset, b, bOffset, n);
      case SQUARED_DIFFERENCE:
        return squaredDistance(a, aOffset, b, bOffset, n);
      default:
        return l1Distance(a, aOffset, b, bOffset, n);
    }
  }

  /**
   * Row reductions of one query against several rows at once: {@code out[outOffset + i] =
   * reduce(q[qOffset..], rows[i][offsets[i]..])} over {@code n} floats for {@code i < count}, with
   * {@link #reduce} the {@link BlockOp}'s sum ({@code DOT}: {@code Σ q·e}; {@code
   * SQUARED_DIFFERENCE}: {@code Σ (q − e)²}; {@code ABSOLUTE_DIFFERENCE}: {@code Σ |q − e|}).
   * Scoring gathered rows several at a time keeps several memory loads in flight.
   */
  void reduceRows(
      BlockOp op,
      float[] q,
      int qOffset,
      float[][] rows,
      int[] offsets,
      int count,
      int n,
      float[] out,
      int outOffset);

  /**
   * A weighted sum of gathered rows: {@code out[outOffset + k] = Σ_{i<count} weights[i] ·
   * rows[i][offsets[i] + k]} for {@code k < n} (overwriting {@code out}; {@code count = 0} writes
   * zeros). The backward pass of {@link #reduceRows} with {@code DOT}: the gradient of a query from
   * its candidates' rows, or of a row from the queries it met, accumulated in registers instead of
   * one read-modify-write of the output per row.
   */
  void weightedSum(
      float[][] rows, int[] offsets, float[] weights, int count, int n, float[] out, int outOffset);

  /**
   * One step of PyTorch's Adam ({@link AdamStep}) on {@code n} values from {@code offset} of the
   * parameter {@code x}, its gradient {@code g} and its moments {@code m} and {@code v}, with the
   * bits of {@link AdamStep#apply}.
   */
  void adamStep(AdamStep step, float[] x, float[] g, float[] m, float[] v, int offset, int n);

  /**
   * One step of PyTorch's Adagrad on {@code n} values: {@code s += g·g}, {@code x −= lr · (g /
   * (sqrt(s) + eps))}, in float arithmetic in this order (every kernel gives the same bits).
   */
  void adagradStep(
      float[] x, float[] g, float[] sum, int offset, int n, float learningRate, float eps);

  /** {@code x[offset + k] *= factor} for {@code k < n}. */
  void scale(float[] x, int offset, int n, float factor);

  /** {@code y[yOffset + k] += alpha · x[xOffset + k]} for {@code k < n}. */
  void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n);

  /**
   * The element-wise product of complex vectors of {@code d} elements, each stored as its {@code d}
   * real parts followed by its {@code d} imaginary parts: {@code z_k = x_k · y_k}, or {@code
   * conj(x_k) · y_k} when {@code conjugateX}, written into {@code out} ({@code add} false) or added
   * to it. Each part is two float products and one sum or difference, never a fused multiply-add,
   * so every kernel gives the bits of the formula written term by term:
   *
   * <pre>
   *   re = xr·yr − xi·yi   (conjugated: xr·yr + xi·yi)
   *   im = xr·yi + xi·yr   (conjugated: xr·yi − xi·yr)
   * </pre>
   */
  void complexProduct(
      boolean conjugateX,
      float[] x,
      int xOffset,
      float[] y,
      int yOffset,
      float[] out,
      int outOffset,
      int d,
      boolean add);

  /** {@code y[yOffset + k] += alpha · (x[xOffset + k] − z[zOffset + k])} for {@code k < n}. */
  void axpyDifference(
      float alpha, float[] x, int xOffset, float[] z, int zOffset, float[] y, int yOffset, int n);

  /**
   * {@code y[yOffset + k] += alpha · sign(x[xOffset + k] − z[zOffset + k])} for {@code k < n}, with
   * {@code sign(0) = 0} (PyTorch's subgradient of {@code |·|}).
   */
  void axpySignDifference(
      float alpha, float[] x, int xOffset, float[] z, int zOffset, float[] y, int yOffset, int n);

  /**
   * Counts the values of {@code x[offset, offset + n)} above {@code threshold}: writes {@code #{x >
   * threshold}} into {@code counts[0]} and {@code #{x >= threshold}} into {@code counts[1]}.
   *
   * @return false if one of the values is NaN (the counts are then meaningless)
   */
  boolean countAbove(float[] x, int offset, int n, float threshold, int[] counts);

  /** {@code x[offset + k] = −x[offset + k]} for {@code k < n}. */
  void negate(float[] x, int offset, int n);

  /**
   * {@code x[offset + k] = −sqrt(x[offset + k])} for {@code k < n}, the correctly rounded float
   * square root (equal to {@code (float) -Math.sqrt(x)}).
   */
  void negativeSqrt(float[] x, int offset, int n);

  /**
   * The block operation: for {@code i < m}, {@code j < n}, runs the chain {@code C(i, j) ← op(C(i,
   * j), A(i, r), B(r, j))} for {@code r = 0, 1, ..., k − 1} (see {@link BlockOp}), with each
   * operand addressed as its {@link StridedMatrix} says:
   *
   * <pre>
   *   A(i, r) = a.values[a.offset + i·a.rowStride + r·a.columnStride]
   *   B(r, j) = b.values[b.offset + r·b.rowStride + j]
   *   C(i, j) = c.values[c.offset + i·c.rowStride + j]
   * </pre>
   *
   * With {@link BlockOp#DOT} this is {@code C += A·B}; {@code A} may have any strides (a transposed
   * view, {@link StridedMatrix#transposed}), while {@code B} and {@code C} must be row-major
   * (column stride 1, {@link StridedMatrix#rowMajor}): the kernels load runs of their rows as
   * vectors. {@code C} must not overlap {@code A} or {@code B}.
   */
  void accumulate(
      BlockOp op, int m, int n, int k, StridedMatrix a, StridedMatrix b, StridedMatrix c);

  /**
   * {@code C(i, j) ← fma(A(i, r), sign(X(i, j) − B(r, j)), C(i, j))} for {@code r = 0, ..., k − 1},
   * {@code i < m}, {@code j < n}, with {@code A}, {@code B}, {@code C} addressed as in {@link
   * #accumulate} and {@code X(i, j) = x.values[x.offset + i·x.rowStride + j]} also row-major;
   * {@code sign(0) = 0}. This is the backward pass of an L1 distance between the rows of {@code X}
   * and those of {@code B}.
   */
  void accumulateSignDifference(
      int m, int n, int k, StridedMatrix a, StridedMatrix b, StridedMatrix x, StridedMatrix c);
}
