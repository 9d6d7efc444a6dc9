package org.kge4j.linalg;

/**
 * The dense kernels in plain Java, for JVMs without the Vector API. Row reductions keep four
 * partial sums (four independent dependency chains, summed as {@code (s0 + s1) + (s2 + s3)}); the
 * block operations follow {@link BlockOp}'s chains exactly, with the column loop innermost (which
 * C2 vectorizes) and columns blocked so that a block of {@code B} stays in cache.
 */
public final class PortableDenseKernel implements DenseKernel {

  /** The single instance. */
  public static final PortableDenseKernel INSTANCE = new PortableDenseKernel();

  /** Columns per block: a row of {@code C} and a block of {@code B} stay in L1/L2. */
  private static final int COLUMN_BLOCK = 256;

  private PortableDenseKernel() {}

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
    return sum(BlockOp.DOT, a, aOffset, b, bOffset, n);
  }

  @Override
  public float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int n) {
    return sum(BlockOp.SQUARED_DIFFERENCE, a, aOffset, b, bOffset, n);
  }

  @Override
  public float l1Distance(float[] a, int aOffset, float[] b, int bOffset, int n) {
    return sum(BlockOp.ABSOLUTE_DIFFERENCE, a, aOffset, b, bOffset, n);
  }

  /**
   * {@code Σ_{k<n} term(a[aOffset + k], b[bOffset + k])} in four partial sums, {@code k mod 4}
   * apart, summed as {@code (s0 + s1) + (s2 + s3)}. Called with a constant {@code op}, so that the
   * JIT folds {@link #term} and compiles one plain loop per reduction.
   */
  private static float sum(BlockOp op, float[] a, int aOffset, float[] b, int bOffset, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += term(op, a[aOffset + k], b[bOffset + k]);
      s1 += term(op, a[aOffset + k + 1], b[bOffset + k + 1]);
      s2 += term(op, a[aOffset + k + 2], b[bOffset + k + 2]);
      s3 += term(op, a[aOffset + k + 3], b[bOffset + k + 3]);
    }
    for (; k < n; k++) {
      s0 += term(op, a[aOffset + k], b[bOffset + k]);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The term a row reduction sums: {@code x·y}, {@code (x − y)²} or {@code |x − y|}, in float. */
  private static float term(BlockOp op, float x, float y) {
    if (op == BlockOp.DOT) {
      return x * y;
    }
    float d = x - y;
    return op == BlockOp.SQUARED_DIFFERENCE ? d * d : Math.abs(d);
  }

  @Override
  public void reduceRows(
      BlockOp op,
      float[] q,
      int qOffset,
      float[][] rows,
      int[] offsets,
      int count,
      int n,
      float[] out,
      int outOffset) {
    for (int i = 0; i < count; i++) {
      out[outOffset + i] = reduce(op, q, qOffset, rows[i], offsets[i], n);
    }
  }

  @Override
  public void weightedSum(
      float[][] rows,
      int[] offsets,
      float[] weights,
      int count,
      int n,
      float[] out,
      int outOffset) {
    java.util.Arrays.fill(out, outOffset, outOffset + n, 0f);
    for (int i = 0; i < count; i++) {
      float w = weights[i];
      float[] row = rows[i];
      int o = offsets[i];
      for (int k = 0; k < n; k++) {
        out[outOffset + k] += w * row[o + k];
      }
    }
  }

  @Override
  public void adamStep(
      AdamStep step, float[] x, float[] g, float[] m, float[] v, int offset, int n) {
    step.apply(x, g, m, v, offset, offset + n);
  }

  @Override
  public void adagradStep(
      float[] x, float[] g, float[] sum, int offset, int n, float learningRate, float eps) {
    adagradStepRange(x, g, sum, offset, offset + n, learningRate, eps);
  }

  /**
   * {@link #adagradStep} on the values {@code [from, end)}: also the SIMD kernel's values past its
   * last whole vector, which therefore get the same bits.
   */
  public static void adagradStepRange(
      float[] x, float[] g, float[] sum, int from, int end, float learningRate, float eps) {
    for (int k = from; k < end; k++) {
      float gk = g[k];
      sum[k] += gk * gk;
      x[k] -= learningRate * (gk / ((float) Math.sqrt(sum[k]) + eps));
    }
  }

  @Override
  public void scale(float[] x, int offset, int n, float factor) {
    for (int k = offset; k < offset + n; k++) {
      x[k] *= factor;
    }
  }

  @Override
  public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
    for (int k = 0; k < n; k++) {
      y[yOffset + k] += alpha * x[xOffset + k];
    }
  }

  @Override
  public void complexProduct(
      boolean conjugateX,
      float[] x,
      int xOffset,
      float[] y,
      int yOffset,
      float[] out,
      int outOffset,
      int d,
      boolean add) {
    complexProductFrom(0, conjugateX, x, xOffset, y, yOffset, out, outOffset, d, add);
  }

  /**
   * {@link #complexProduct} for the elements {@code k} from {@code from} to {@code d}, the real and
   * imaginary parts still {@code d} floats apart: also the SIMD kernel's elements past its last
   * whole vector, which therefore get the same bits.
   */
  public static void complexProductFrom(
      int from,
      boolean conjugateX,
      float[] x,
      int xOffset,
      float[] y,
      int yOffset,
      float[] out,
      int outOffset,
      int d,
      boolean add) {
    for (int k = from; k < d; k++) {
      float xr = x[xOffset + k];
      float xi = x[xOffset + d + k];
      float yr = y[yOffset + k];
      float yi = y[yOffset + d + k];
      float re = conjugateX ? xr * yr + xi * yi : xr * yr - xi * yi;
      float im = conjugateX ? xr * yi - xi * yr : xr * yi + xi * yr;
      if (add) {
        out[outOffset + k] += re;
        out[outOffset + d + k] += im;
      } else {
        out[outOffset + k] = re;
        out[outOffset + d + k] = im;
      }
    }
  }

  @Override
  public void axpyDifference(
      float alpha, float[] x, int xOffset, float[] z, int zOffset, float[] y, int yOffset, int n) {
    for (int k = 0; k < n; k++) {
      y[yOffset + k] += alpha * (x[xOffset + k] - z[zOffset + k]);
    }
  }

  @Override
  public void axpySignDifference(
      float alpha, float[] x, int xOffset, float[] z, int zOffset, float[] y, int yOffset, int n) {
    for (int k = 0; k < n; k++) {
      y[yOffset + k] += alpha * sign(x[xOffset + k] - z[zOffset + k]);
    }
  }

  @Override
  public boolean countAbove(float[] x, int offset, int n, float threshold, int[] counts) {
    int greater = 0;
    int greaterOrEqual = 0;
    boolean nan = false;
    for (int k = 0; k < n; k++) {
      float v = x[offset + k];
      nan |= v != v;
      greater += v > threshold ? 1 : 0;
      greaterOrEqual += v >= threshold ? 1 : 0;
    }
    counts[0] = greater;
    counts[1] = greaterOrEqual;
    return !nan;
  }

  @Override
  public void negate(float[] x, int offset, int n) {
    for (int k = offset; k < offset + n; k++) {
      x[k] = -x[k];
    }
  }

  @Override
  public void negativeSqrt(float[] x, int offset, int n) {
    for (int k = offset; k < offset + n; k++) {
      x[k] = (float) -Math.sqrt(x[k]);
    }
  }

  /** {@code 1}, {@code −1} or {@code +0} (also for {@code −0}), as the SIMD kernel computes it. */
  static float sign(float d) {
    return d > 0f ? 1f : d < 0f ? -1f : 0f;
  }

  @Override
  public int blockRows() {
    return 1;
  }

  @Override
  public void accumulate(
      BlockOp op, int m, int n, int k, StridedMatrix a, StridedMatrix b, StridedMatrix c) {
    // the arrays and A's column stride feed the innermost loops; row starts come from the views
    float[] aValues = a.values();
    int aColumnStride = a.columnStride();
    float[] bValues = b.values();
    float[] cValues = c.values();
    for (int j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
      int j1 = Math.min(n, j0 + COLUMN_BLOCK);
      for (int i = 0; i < m; i++) {
        int ci = c.index(i, 0);
        int ai = a.index(i, 0);
        for (int r = 0; r < k; r++) {
          float air = aValues[ai + r * aColumnStride];
          int br = b.index(r, 0);
          switch (op) {
            case DOT:
              for (int j = j0; j < j1; j++) {
                cValues[ci + j] = Math.fma(air, bValues[br + j], cValues[ci + j]);
              }
              break;
            case SQUARED_DIFFERENCE:
              for (int j = j0; j < j1; j++) {
                float d = air - bValues[br + j];
                cValues[ci + j] = Math.fma(d, d, cValues[ci + j]);
              }
              break;
            default:
              for (int j = j0; j < j1; j++) {
                cValues[ci + j] += Math.abs(air - bValues[br + j]);
              }
              break;
          }
        }
      }
    }
  }

  @Override
  public void accumulateSignDifference(
      int m, int n, int k, StridedMatrix a, StridedMatrix b, StridedMatrix x, StridedMatrix c) {
    float[] aValues = a.values();
    int aColumnStride = a.columnStride();
    float[] bValues = b.values();
    float[] xValues = x.values();
    float[] cValues = c.values();
    for (int j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
      int j1 = Math.min(n, j0 + COLUMN_BLOCK);
      for (int i = 0; i < m; i++) {
        int ci = c.index(i, 0);
        int xi = x.index(i, 0);
        int ai = a.index(i, 0);
        for (int r = 0; r < k; r++) {
          float air = aValues[ai + r * aColumnStride];
          int br = b.index(r, 0);
          for (int j = j0; j < j1; j++) {
            cValues[ci + j] =
                Math.fma(air, sign(xValues[xi + j] - bValues[br + j]), cValues[ci + j]);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "portable";
  }
}
