package org.kge4j.linalg.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.kge4j.linalg.AdamStep;
import org.kge4j.linalg.BlockOp;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.PortableDenseKernel;
import org.kge4j.linalg.StridedMatrix;

/**
 * {@link DenseKernel} on the Vector API with the platform's preferred vector width.
 *
 * <p><b>One vector width per JVM.</b> The loss kernels ({@code SimdMarginKernel}) use the same
 * width. With two widths in one JVM, HotSpot's shared {@code FloatVector} methods see two vector
 * classes; their type profiles turn polymorphic, C2 then fails to intrinsify stores and lane-wise
 * operations and boxes vectors on the heap. Measured on FB15k-237 (ComplEx 128, K = 64, one thread,
 * 512-bit dense and 256-bit loss kernels): sLCWA training ran at a quarter of its speed once the
 * loss kernels had been loaded, and the filtered evaluation after a training took 9.6 s and 87 s on
 * a loaded machine (2.2 s after the fix, idle), while each kernel alone was fast in a benchmark.
 *
 * <p><b>Block operation.</b> The classic GEMM structure: the reduction dimension is cut into chunks
 * of {@value #KC} steps; within a chunk, {@code C} is computed in strips of two vectors of columns
 * ({@code 2·L} columns, {@code L} floats per vector), and each strip in tiles of six rows, whose
 * twelve accumulators stay in registers while the chunk's {@code A} values are broadcast and the
 * strip's {@code B} rows are loaded (the strip, {@value #KC} rows of {@code 2·L} floats, stays in
 * L1 across the tiles). For {@code DOT}, where {@code B} fits L2, two strips are computed at once
 * in six-row tiles of four vectors (24 accumulators: fewer loads and broadcasts per FMA, which
 * native 512-bit FMA units need). Rows left over use one-vector tiles, columns left over the scalar
 * chain of {@link BlockOp}; every element is the same sequential chain, so the result does not
 * depend on the tiling.
 *
 * <p><b>Row operations</b> keep two vector accumulators and reduce them once at the end.
 */
public final class SimdDenseKernel implements DenseKernel {

  // the loss kernels' width too (see the class comment)
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Integer lanes of the same shape as {@link #S}, for per-lane counts. */
  private static final VectorSpecies<Integer> I = S.withLanes(int.class);

  /** Rows per register tile. */
  private static final int MR = 6;

  /** Reduction steps per chunk: a strip of {@code B} ({@code KC × 2L} floats) stays in L1. */
  private static final int KC = 256;

  /** Chunks of {@code B} up to this many floats (512 KiB) are assumed to stay in L2. */
  private static final int L2_FLOATS = 1 << 17;

  private SimdDenseKernel() {}

  /**
   * Creates the kernel.
   *
   * @throws UnsupportedOperationException if the platform's vectors hold fewer than 4 floats
   */
  public static SimdDenseKernel create() {
    if (L < 4) {
      throw new UnsupportedOperationException(
          S.vectorBitSize() + "-bit vectors are too short for the SIMD dense kernel");
    }
    return new SimdDenseKernel();
  }

  @Override
  public String toString() {
    return "SIMD (jdk.incubator.vector, " + S.vectorBitSize() + "-bit)";
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    int k = 0;
    for (; k + 2 * L <= n; k += 2 * L) {
      s0 =
          FloatVector.fromArray(S, a, aOffset + k)
              .fma(FloatVector.fromArray(S, b, bOffset + k), s0);
      s1 =
          FloatVector.fromArray(S, a, aOffset + k + L)
              .fma(FloatVector.fromArray(S, b, bOffset + k + L), s1);
    }
    if (k + L <= n) {
      s0 =
          FloatVector.fromArray(S, a, aOffset + k)
              .fma(FloatVector.fromArray(S, b, bOffset + k), s0);
      k += L;
    }
    float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      sum += a[aOffset + k] * b[bOffset + k];
    }
    return sum;
  }

  @Override
  public float squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    int k = 0;
    for (; k + 2 * L <= n; k += 2 * L) {
      FloatVector d0 =
          FloatVector.fromArray(S, a, aOffset + k).sub(FloatVector.fromArray(S, b, bOffset + k));
      FloatVector d1 =
          FloatVector.fromArray(S, a, aOffset + k + L)
              .sub(FloatVector.fromArray(S, b, bOffset + k + L));
      s0 = d0.fma(d0, s0);
      s1 = d1.fma(d1, s1);
    }
    if (k + L <= n) {
      FloatVector d0 =
          FloatVector.fromArray(S, a, aOffset + k).sub(FloatVector.fromArray(S, b, bOffset + k));
      s0 = d0.fma(d0, s0);
      k += L;
    }
    float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      float d = a[aOffset + k] - b[bOffset + k];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float l1Distance(float[] a, int aOffset, float[] b, int bOffset, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    int k = 0;
    for (; k + 2 * L <= n; k += 2 * L) {
      s0 =
          s0.add(
              FloatVector.fromArray(S, a, aOffset + k)
                  .sub(FloatVector.fromArray(S, b, bOffset + k))
                  .abs());
      s1 =
          s1.add(
              FloatVector.fromArray(S, a, aOffset + k + L)
                  .sub(FloatVector.fromArray(S, b, bOffset + k + L))
                  .abs());
    }
    if (k + L <= n) {
      s0 =
          s0.add(
              FloatVector.fromArray(S, a, aOffset + k)
                  .sub(FloatVector.fromArray(S, b, bOffset + k))
                  .abs());
      k += L;
    }
    float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      sum += Math.abs(a[aOffset + k] - b[bOffset + k]);
    }
    return sum;
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
    int i = 0;
    if (n % L == 0) {
      // four rows at a time: four independent streams of loads in flight
      for (; i + 4 <= count; i += 4) {
        float[] r0 = rows[i];
        float[] r1 = rows[i + 1];
        float[] r2 = rows[i + 2];
        float[] r3 = rows[i + 3];
        int o0 = offsets[i];
        int o1 = offsets[i + 1];
        int o2 = offsets[i + 2];
        int o3 = offsets[i + 3];
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int k = 0; k < n; k += L) {
          FloatVector x = FloatVector.fromArray(S, q, qOffset + k);
          FloatVector e0 = FloatVector.fromArray(S, r0, o0 + k);
          FloatVector e1 = FloatVector.fromArray(S, r1, o1 + k);
          FloatVector e2 = FloatVector.fromArray(S, r2, o2 + k);
          FloatVector e3 = FloatVector.fromArray(S, r3, o3 + k);
          switch (op) {
            case DOT:
              a0 = x.fma(e0, a0);
              a1 = x.fma(e1, a1);
              a2 = x.fma(e2, a2);
              a3 = x.fma(e3, a3);
              break;
            case SQUARED_DIFFERENCE:
              FloatVector d0 = x.sub(e0);
              FloatVector d1 = x.sub(e1);
              FloatVector d2 = x.sub(e2);
              FloatVector d3 = x.sub(e3);
              a0 = d0.fma(d0, a0);
              a1 = d1.fma(d1, a1);
              a2 = d2.fma(d2, a2);
              a3 = d3.fma(d3, a3);
              break;
            default:
              a0 = a0.add(x.sub(e0).abs());
              a1 = a1.add(x.sub(e1).abs());
              a2 = a2.add(x.sub(e2).abs());
              a3 = a3.add(x.sub(e3).abs());
              break;
          }
        }
        out[outOffset + i] = a0.reduceLanes(VectorOperators.ADD);
        out[outOffset + i + 1] = a1.reduceLanes(VectorOperators.ADD);
        out[outOffset + i + 2] = a2.reduceLanes(VectorOperators.ADD);
        out[outOffset + i + 3] = a3.reduceLanes(VectorOperators.ADD);
      }
    }
    for (; i < count; i++) {
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
    int k = 0;
    // four vectors of the output stay in registers while every row passes by
    for (; k + 4 * L <= n; k += 4 * L) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = FloatVector.zero(S);
      FloatVector a2 = FloatVector.zero(S);
      FloatVector a3 = FloatVector.zero(S);
      for (int i = 0; i < count; i++) {
        float[] row = rows[i];
        int o = offsets[i] + k;
        FloatVector w = FloatVector.broadcast(S, weights[i]);
        a0 = FloatVector.fromArray(S, row, o).fma(w, a0);
        a1 = FloatVector.fromArray(S, row, o + L).fma(w, a1);
        a2 = FloatVector.fromArray(S, row, o + 2 * L).fma(w, a2);
        a3 = FloatVector.fromArray(S, row, o + 3 * L).fma(w, a3);
      }
      a0.intoArray(out, outOffset + k);
      a1.intoArray(out, outOffset + k + L);
      a2.intoArray(out, outOffset + k + 2 * L);
      a3.intoArray(out, outOffset + k + 3 * L);
    }
    for (; k + L <= n; k += L) {
      FloatVector a = FloatVector.zero(S);
      for (int i = 0; i < count; i++) {
        a =
            FloatVector.fromArray(S, rows[i], offsets[i] + k)
                .fma(FloatVector.broadcast(S, weights[i]), a);
      }
      a.intoArray(out, outOffset + k);
    }
    for (; k < n; k++) {
      float sum = 0f;
      for (int i = 0; i < count; i++) {
        sum = Math.fma(rows[i][offsets[i] + k], weights[i], sum);
      }
      out[outOffset + k] = sum;
    }
  }

  @Override
  public void adamStep(
      AdamStep step, float[] x, float[] g, float[] m, float[] v, int offset, int n) {
    boolean lazy = step.lazy();
    // the coefficients broadcast once, before the loop (a scalar operand is broadcast the same way)
    FloatVector stepSize = FloatVector.broadcast(S, step.stepSize());
    FloatVector oneMinusBeta1 = FloatVector.broadcast(S, step.oneMinusBeta1());
    FloatVector beta2 = FloatVector.broadcast(S, step.beta2());
    FloatVector oneMinusBeta2 = FloatVector.broadcast(S, step.oneMinusBeta2());
    FloatVector sqrtBiasCorrection2 = FloatVector.broadcast(S, step.sqrtBiasCorrection2());
    FloatVector eps = FloatVector.broadcast(S, step.eps());
    int k = offset;
    int end = offset + n;
    for (; k + L <= end; k += L) {
      FloatVector gk = FloatVector.fromArray(S, g, k);
      FloatVector mk = FloatVector.fromArray(S, m, k);
      FloatVector vk = FloatVector.fromArray(S, v, k);
      mk = mk.add(gk.sub(mk).mul(oneMinusBeta1));
      vk =
          lazy
              ? vk.add(gk.mul(gk).sub(vk).mul(oneMinusBeta2))
              : vk.mul(beta2).add(gk.mul(oneMinusBeta2).mul(gk));
      // SparseAdam's sqrtBiasCorrection2 is 1, and a division by 1 is exact: skipping it spares one
      // of the three divider operations per value that bound this loop (see AdamStep.apply)
      FloatVector root = vk.lanewise(VectorOperators.SQRT);
      FloatVector denominator = (lazy ? root : root.div(sqrtBiasCorrection2)).add(eps);
      FloatVector xk = FloatVector.fromArray(S, x, k);
      xk.sub(mk.div(denominator).mul(stepSize)).intoArray(x, k);
      mk.intoArray(m, k);
      vk.intoArray(v, k);
    }
    step.apply(x, g, m, v, k, end);
  }

  @Override
  public void adagradStep(
      float[] x, float[] g, float[] sum, int offset, int n, float learningRate, float eps) {
    int k = offset;
    int end = offset + n;
    for (; k + L <= end; k += L) {
      FloatVector gk = FloatVector.fromArray(S, g, k);
      FloatVector s = FloatVector.fromArray(S, sum, k).add(gk.mul(gk));
      s.intoArray(sum, k);
      FloatVector step = gk.div(s.lanewise(VectorOperators.SQRT).add(eps)).mul(learningRate);
      FloatVector.fromArray(S, x, k).sub(step).intoArray(x, k);
    }
    PortableDenseKernel.adagradStepRange(x, g, sum, k, end, learningRate, eps);
  }

  @Override
  public void scale(float[] x, int offset, int n, float factor) {
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector.fromArray(S, x, offset + k).mul(factor).intoArray(x, offset + k);
    }
    for (; k < n; k++) {
      x[offset + k] *= factor;
    }
  }

  @Override
  public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
    FloatVector av = FloatVector.broadcast(S, alpha);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector.fromArray(S, x, xOffset + k)
          .fma(av, FloatVector.fromArray(S, y, yOffset + k))
          .intoArray(y, yOffset + k);
    }
    for (; k < n; k++) {
      y[yOffset + k] = Math.fma(x[xOffset + k], alpha, y[yOffset + k]);
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
    int k = 0;
    for (; k + L <= d; k += L) {
      FloatVector xr = FloatVector.fromArray(S, x, xOffset + k);
      FloatVector xi = FloatVector.fromArray(S, x, xOffset + d + k);
      FloatVector yr = FloatVector.fromArray(S, y, yOffset + k);
      FloatVector yi = FloatVector.fromArray(S, y, yOffset + d + k);
      // mul then add or sub, not fma: the bits of the scalar formula
      FloatVector re = conjugateX ? xr.mul(yr).add(xi.mul(yi)) : xr.mul(yr).sub(xi.mul(yi));
      FloatVector im = conjugateX ? xr.mul(yi).sub(xi.mul(yr)) : xr.mul(yi).add(xi.mul(yr));
      if (add) {
        re = FloatVector.fromArray(S, out, outOffset + k).add(re);
        im = FloatVector.fromArray(S, out, outOffset + d + k).add(im);
      }
      re.intoArray(out, outOffset + k);
      im.intoArray(out, outOffset + d + k);
    }
    PortableDenseKernel.complexProductFrom(
        k, conjugateX, x, xOffset, y, yOffset, out, outOffset, d, add);
  }

  @Override
  public void axpyDifference(
      float alpha, float[] x, int xOffset, float[] z, int zOffset, float[] y, int yOffset, int n) {
    FloatVector av = FloatVector.broadcast(S, alpha);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector.fromArray(S, x, xOffset + k)
          .sub(FloatVector.fromArray(S, z, zOffset + k))
          .fma(av, FloatVector.fromArray(S, y, yOffset + k))
          .intoArray(y, yOffset + k);
    }
    for (; k < n; k++) {
      y[yOffset + k] = Math.fma(x[xOffset + k] - z[zOffset + k], alpha, y[yOffset + k]);
    }
  }

  @Override
  public void axpySignDifference(
      float alpha, float[] x, int xOffset, float[] z, int zOffset, float[] y, int yOffset, int n) {
    FloatVector plus = FloatVector.broadcast(S, alpha);
    FloatVector minus = FloatVector.broadcast(S, -alpha);
    FloatVector zero = FloatVector.zero(S);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector d =
          FloatVector.fromArray(S, x, xOffset + k).sub(FloatVector.fromArray(S, z, zOffset + k));
      FloatVector step =
          zero.blend(plus, d.compare(VectorOperators.GT, 0f))
              .blend(minus, d.compare(VectorOperators.LT, 0f));
      FloatVector.fromArray(S, y, yOffset + k).add(step).intoArray(y, yOffset + k);
    }
    for (; k < n; k++) {
      float d = x[xOffset + k] - z[zOffset + k];
      y[yOffset + k] += d > 0f ? alpha : d < 0f ? -alpha : 0f;
    }
  }

  @Override
  public boolean countAbove(float[] x, int offset, int n, float threshold, int[] counts) {
    // per-lane counts in vector registers, reduced once: a mask's trueCount per vector would move
    // every mask to a general register and pop-count it (5 % of an evaluation)
    IntVector greaterLanes = IntVector.zero(I);
    IntVector greaterOrEqualLanes = IntVector.zero(I);
    IntVector nanLanes = IntVector.zero(I);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector v = FloatVector.fromArray(S, x, offset + k);
      greaterLanes = greaterLanes.add(1, v.compare(VectorOperators.GT, threshold).cast(I));
      greaterOrEqualLanes =
          greaterOrEqualLanes.add(1, v.compare(VectorOperators.GE, threshold).cast(I));
      nanLanes = nanLanes.add(1, v.compare(VectorOperators.NE, v).cast(I));
    }
    int greater = greaterLanes.reduceLanes(VectorOperators.ADD);
    int greaterOrEqual = greaterOrEqualLanes.reduceLanes(VectorOperators.ADD);
    int nan = nanLanes.reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      float v = x[offset + k];
      nan += v != v ? 1 : 0;
      greater += v > threshold ? 1 : 0;
      greaterOrEqual += v >= threshold ? 1 : 0;
    }
    counts[0] = greater;
    counts[1] = greaterOrEqual;
    return nan == 0;
  }

  @Override
  public void negate(float[] x, int offset, int n) {
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector.fromArray(S, x, offset + k).neg().intoArray(x, offset + k);
    }
    for (; k < n; k++) {
      x[offset + k] = -x[offset + k];
    }
  }

  @Override
  public void negativeSqrt(float[] x, int offset, int n) {
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector.fromArray(S, x, offset + k)
          .lanewise(VectorOperators.SQRT)
          .neg()
          .intoArray(x, offset + k);
    }
    for (; k < n; k++) {
      x[offset + k] = (float) -Math.sqrt(x[offset + k]);
    }
  }

  @Override
  public int blockRows() {
    return MR;
  }

  @Override
  public void accumulate(
      BlockOp op, int m, int n, int k, StridedMatrix a, StridedMatrix b, StridedMatrix c) {
    float[] aValues = a.values();
    int aRowStride = a.rowStride();
    int aColumnStride = a.columnStride();
    float[] bValues = b.values();
    int bRowStride = b.rowStride();
    float[] cValues = c.values();
    int cOffset = c.offset();
    int cRowStride = c.rowStride();
    for (int r0 = 0; r0 < k; r0 += KC) {
      int kc = Math.min(KC, k - r0);
      int aChunk = a.index(0, r0);
      int bChunk = b.index(r0, 0);
      int strips = n / (2 * L);
      if ((long) kc * n <= L2_FLOATS) {
        // the chunk of B fits L2: each tile of A is loaded once and swept across all strips
        int i = 0;
        for (; i + MR <= m; i += MR) {
          for (int s = 0; s < strips; ) {
            if (op == BlockOp.DOT && s + 1 < strips) {
              // two strips at once: 24 accumulators, twice the FMAs per broadcast of A
              tileDotWide(
                  kc,
                  aValues,
                  aChunk + i * aRowStride,
                  aRowStride,
                  aColumnStride,
                  bValues,
                  bChunk + 2 * L * s,
                  bRowStride,
                  cValues,
                  cOffset + i * cRowStride + 2 * L * s,
                  cRowStride);
              s += 2;
            } else {
              tile(
                  op,
                  kc,
                  aValues,
                  aChunk,
                  aRowStride,
                  aColumnStride,
                  bValues,
                  bChunk,
                  bRowStride,
                  cValues,
                  cOffset,
                  cRowStride,
                  i,
                  2 * L * s);
              s++;
            }
          }
        }
        for (; i < m; i++) {
          int ai = aChunk + i * aRowStride;
          int ci = cOffset + i * cRowStride;
          int j = 0;
          if (op == BlockOp.DOT) {
            // the rows below a whole tile: four chains at once, where one chain per call waited on
            // each FMA's latency (6 % of the rows of a 64-row block took a third of its time)
            for (; j + 4 * L <= 2 * L * strips; j += 4 * L) {
              rowDotWide(
                  kc, aValues, ai, aColumnStride, bValues, bChunk + j, bRowStride, cValues, ci + j);
            }
          }
          for (; j < 2 * L * strips; j += L) {
            vector(
                op,
                kc,
                aValues,
                ai,
                aColumnStride,
                bValues,
                bChunk + j,
                bRowStride,
                cValues,
                ci + j);
          }
        }
      } else {
        // a strip of B stays in L1 while every tile of A passes by
        for (int s = 0; s < strips; s++) {
          int i = 0;
          for (; i + MR <= m; i += MR) {
            tile(
                op,
                kc,
                aValues,
                aChunk,
                aRowStride,
                aColumnStride,
                bValues,
                bChunk,
                bRowStride,
                cValues,
                cOffset,
                cRowStride,
                i,
                2 * L * s);
          }
          for (; i < m; i++) {
            for (int v = 0; v < 2; v++) {
              int j = 2 * L * s + v * L;
              vector(
                  op,
                  kc,
                  aValues,
                  aChunk + i * aRowStride,
                  aColumnStride,
                  bValues,
                  bChunk + j,
                  bRowStride,
                  cValues,
                  cOffset + i * cRowStride + j);
            }
          }
        }
      }
      int j = 2 * L * strips;
      for (; j + L <= n; j += L) {
        for (int i = 0; i < m; i++) {
          vector(
              op,
              kc,
              aValues,
              aChunk + i * aRowStride,
              aColumnStride,
              bValues,
              bChunk + j,
              bRowStride,
              cValues,
              cOffset + i * cRowStride + j);
        }
      }
      for (; j < n; j++) {
        for (int i = 0; i < m; i++) {
          int ci = cOffset + i * cRowStride + j;
          float value = cValues[ci];
          int ai = aChunk + i * aRowStride;
          for (int r = 0; r < kc; r++) {
            value =
                op.apply(
                    value, aValues[ai + r * aColumnStride], bValues[bChunk + r * bRowStride + j]);
          }
          cValues[ci] = value;
        }
      }
    }
  }

  /** The 6-row, 2-vector tile at rows {@code i}, columns {@code j} of {@code C}. */
  private static void tile(
      BlockOp op,
      int kc,
      float[] a,
      int aChunk,
      int aRowStride,
      int aColumnStride,
      float[] b,
      int bChunk,
      int bRowStride,
      float[] c,
      int cOffset,
      int cRowStride,
      int i,
      int j) {
    int a0 = aChunk + i * aRowStride;
    int c0 = cOffset + i * cRowStride + j;
    switch (op) {
      case DOT:
        tileDot(kc, a, a0, aRowStride, aColumnStride, b, bChunk + j, bRowStride, c, c0, cRowStride);
        break;
      case SQUARED_DIFFERENCE:
        tileSquaredDifference(
            kc, a, a0, aRowStride, aColumnStride, b, bChunk + j, bRowStride, c, c0, cRowStride);
        break;
      default:
        tileAbsoluteDifference(
            kc, a, a0, aRowStride, aColumnStride, b, bChunk + j, bRowStride, c, c0, cRowStride);
        break;
    }
  }

  private static void vector(
      BlockOp op,
      int kc,
      float[] a,
      int a0,
      int aCol,
      float[] b,
      int b0,
      int bRow,
      float[] c,
      int c0) {
    switch (op) {
      case DOT:
        vectorDot(kc, a, a0, aCol, b, b0, bRow, c, c0);
        break;
      case SQUARED_DIFFERENCE:
        vectorSquaredDifference(kc, a, a0, aCol, b, b0, bRow, c, c0);
        break;
      default:
        vectorAbsoluteDifference(kc, a, a0, aCol, b, b0, bRow, c, c0);
        break;
    }
  }

  @Override
  public void accumulateSignDifference(
      int m, int n, int k, StridedMatrix a, StridedMatrix b, StridedMatrix x, StridedMatrix c) {
    float[] aValues = a.values();
    int aColumnStride = a.columnStride();
    float[] bValues = b.values();
    int bRowStride = b.rowStride();
    float[] xValues = x.values();
    float[] cValues = c.values();
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector minusOne = FloatVector.broadcast(S, -1f);
    FloatVector zero = FloatVector.zero(S);
    for (int r0 = 0; r0 < k; r0 += KC) {
      int kc = Math.min(KC, k - r0);
      int bChunk = b.index(r0, 0);
      int j = 0;
      for (; j + L <= n; j += L) {
        for (int i = 0; i < m; i++) {
          int ai = a.index(i, r0);
          int ci = c.index(i, j);
          FloatVector xv = FloatVector.fromArray(S, xValues, x.index(i, j));
          FloatVector acc = FloatVector.fromArray(S, cValues, ci);
          for (int r = 0; r < kc; r++) {
            FloatVector d = xv.sub(FloatVector.fromArray(S, bValues, bChunk + r * bRowStride + j));
            VectorMask<Float> positive = d.compare(VectorOperators.GT, 0f);
            VectorMask<Float> negative = d.compare(VectorOperators.LT, 0f);
            FloatVector sign = zero.blend(one, positive).blend(minusOne, negative);
            acc = FloatVector.broadcast(S, aValues[ai + r * aColumnStride]).fma(sign, acc);
          }
          acc.intoArray(cValues, ci);
        }
      }
      for (; j < n; j++) {
        for (int i = 0; i < m; i++) {
          int ci = c.index(i, j);
          float xv = xValues[x.index(i, j)];
          float value = cValues[ci];
          int ai = a.index(i, r0);
          for (int r = 0; r < kc; r++) {
            float d = xv - bValues[bChunk + r * bRowStride + j];
            value =
                Math.fma(aValues[ai + r * aColumnStride], d > 0f ? 1f : d < 0f ? -1f : 0f, value);
          }
          cValues[ci] = value;
        }
      }
    }
  }

  /** A 6-row, 2-vector tile of {@link BlockOp#DOT}, kept in registers over {@code kc} steps. */
  private static void tileDot(
      int kc,
      float[] a,
      int a0,
      int aRow,
      int aCol,
      float[] b,
      int bStart,
      int bRow,
      float[] c,
      int c0,
      int cRow) {
    FloatVector c00 = FloatVector.fromArray(S, c, c0);
    FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector c10 = FloatVector.fromArray(S, c, c0 + cRow);
    FloatVector c11 = FloatVector.fromArray(S, c, c0 + cRow + L);
    FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * cRow);
    FloatVector c21 = FloatVector.fromArray(S, c, c0 + 2 * cRow + L);
    FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * cRow);
    FloatVector c31 = FloatVector.fromArray(S, c, c0 + 3 * cRow + L);
    FloatVector c40 = FloatVector.fromArray(S, c, c0 + 4 * cRow);
    FloatVector c41 = FloatVector.fromArray(S, c, c0 + 4 * cRow + L);
    FloatVector c50 = FloatVector.fromArray(S, c, c0 + 5 * cRow);
    FloatVector c51 = FloatVector.fromArray(S, c, c0 + 5 * cRow + L);
    for (int r = 0; r < kc; r++) {
      int br = bStart + r * bRow;
      int ar = a0 + r * aCol;
      FloatVector v0 = FloatVector.fromArray(S, b, br);
      FloatVector v1 = FloatVector.fromArray(S, b, br + L);
      FloatVector x;
      x = FloatVector.broadcast(S, a[ar]);
      c00 = x.fma(v0, c00);
      c01 = x.fma(v1, c01);
      x = FloatVector.broadcast(S, a[ar + aRow]);
      c10 = x.fma(v0, c10);
      c11 = x.fma(v1, c11);
      x = FloatVector.broadcast(S, a[ar + 2 * aRow]);
      c20 = x.fma(v0, c20);
      c21 = x.fma(v1, c21);
      x = FloatVector.broadcast(S, a[ar + 3 * aRow]);
      c30 = x.fma(v0, c30);
      c31 = x.fma(v1, c31);
      x = FloatVector.broadcast(S, a[ar + 4 * aRow]);
      c40 = x.fma(v0, c40);
      c41 = x.fma(v1, c41);
      x = FloatVector.broadcast(S, a[ar + 5 * aRow]);
      c50 = x.fma(v0, c50);
      c51 = x.fma(v1, c51);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, c0 + cRow);
    c11.intoArray(c, c0 + cRow + L);
    c20.intoArray(c, c0 + 2 * cRow);
    c21.intoArray(c, c0 + 2 * cRow + L);
    c30.intoArray(c, c0 + 3 * cRow);
    c31.intoArray(c, c0 + 3 * cRow + L);
    c40.intoArray(c, c0 + 4 * cRow);
    c41.intoArray(c, c0 + 4 * cRow + L);
    c50.intoArray(c, c0 + 5 * cRow);
    c51.intoArray(c, c0 + 5 * cRow + L);
  }

  /**
   * A 6-row, 4-vector tile of {@link BlockOp#DOT} (two strips), kept in registers over {@code kc}
   * steps: 24 accumulators and 4 loads of {@code B} per step, so that a machine with two native
   * 512-bit FMA units is not held back by the loads and broadcasts of the 6 × 2 tile. Every element
   * is the same sequential chain as in {@link #tileDot}.
   */
  private static void tileDotWide(
      int kc,
      float[] a,
      int a0,
      int aRow,
      int aCol,
      float[] b,
      int bStart,
      int bRow,
      float[] c,
      int c0,
      int cRow) {
    FloatVector c00 = FloatVector.fromArray(S, c, c0);
    FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector c02 = FloatVector.fromArray(S, c, c0 + 2 * L);
    FloatVector c03 = FloatVector.fromArray(S, c, c0 + 3 * L);
    FloatVector c10 = FloatVector.fromArray(S, c, c0 + cRow);
    FloatVector c11 = FloatVector.fromArray(S, c, c0 + cRow + L);
    FloatVector c12 = FloatVector.fromArray(S, c, c0 + cRow + 2 * L);
    FloatVector c13 = FloatVector.fromArray(S, c, c0 + cRow + 3 * L);
    FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * cRow);
    FloatVector c21 = FloatVector.fromArray(S, c, c0 + 2 * cRow + L);
    FloatVector c22 = FloatVector.fromArray(S, c, c0 + 2 * cRow + 2 * L);
    FloatVector c23 = FloatVector.fromArray(S, c, c0 + 2 * cRow + 3 * L);
    FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * cRow);
    FloatVector c31 = FloatVector.fromArray(S, c, c0 + 3 * cRow + L);
    FloatVector c32 = FloatVector.fromArray(S, c, c0 + 3 * cRow + 2 * L);
    FloatVector c33 = FloatVector.fromArray(S, c, c0 + 3 * cRow + 3 * L);
    FloatVector c40 = FloatVector.fromArray(S, c, c0 + 4 * cRow);
    FloatVector c41 = FloatVector.fromArray(S, c, c0 + 4 * cRow + L);
    FloatVector c42 = FloatVector.fromArray(S, c, c0 + 4 * cRow + 2 * L);
    FloatVector c43 = FloatVector.fromArray(S, c, c0 + 4 * cRow + 3 * L);
    FloatVector c50 = FloatVector.fromArray(S, c, c0 + 5 * cRow);
    FloatVector c51 = FloatVector.fromArray(S, c, c0 + 5 * cRow + L);
    FloatVector c52 = FloatVector.fromArray(S, c, c0 + 5 * cRow + 2 * L);
    FloatVector c53 = FloatVector.fromArray(S, c, c0 + 5 * cRow + 3 * L);
    for (int r = 0; r < kc; r++) {
      int br = bStart + r * bRow;
      int ar = a0 + r * aCol;
      FloatVector v0 = FloatVector.fromArray(S, b, br);
      FloatVector v1 = FloatVector.fromArray(S, b, br + L);
      FloatVector v2 = FloatVector.fromArray(S, b, br + 2 * L);
      FloatVector v3 = FloatVector.fromArray(S, b, br + 3 * L);
      FloatVector x;
      x = FloatVector.broadcast(S, a[ar]);
      c00 = x.fma(v0, c00);
      c01 = x.fma(v1, c01);
      c02 = x.fma(v2, c02);
      c03 = x.fma(v3, c03);
      x = FloatVector.broadcast(S, a[ar + aRow]);
      c10 = x.fma(v0, c10);
      c11 = x.fma(v1, c11);
      c12 = x.fma(v2, c12);
      c13 = x.fma(v3, c13);
      x = FloatVector.broadcast(S, a[ar + 2 * aRow]);
      c20 = x.fma(v0, c20);
      c21 = x.fma(v1, c21);
      c22 = x.fma(v2, c22);
      c23 = x.fma(v3, c23);
      x = FloatVector.broadcast(S, a[ar + 3 * aRow]);
      c30 = x.fma(v0, c30);
      c31 = x.fma(v1, c31);
      c32 = x.fma(v2, c32);
      c33 = x.fma(v3, c33);
      x = FloatVector.broadcast(S, a[ar + 4 * aRow]);
      c40 = x.fma(v0, c40);
      c41 = x.fma(v1, c41);
      c42 = x.fma(v2, c42);
      c43 = x.fma(v3, c43);
      x = FloatVector.broadcast(S, a[ar + 5 * aRow]);
      c50 = x.fma(v0, c50);
      c51 = x.fma(v1, c51);
      c52 = x.fma(v2, c52);
      c53 = x.fma(v3, c53);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c02.intoArray(c, c0 + 2 * L);
    c03.intoArray(c, c0 + 3 * L);
    c10.intoArray(c, c0 + cRow);
    c11.intoArray(c, c0 + cRow + L);
    c12.intoArray(c, c0 + cRow + 2 * L);
    c13.intoArray(c, c0 + cRow + 3 * L);
    c20.intoArray(c, c0 + 2 * cRow);
    c21.intoArray(c, c0 + 2 * cRow + L);
    c22.intoArray(c, c0 + 2 * cRow + 2 * L);
    c23.intoArray(c, c0 + 2 * cRow + 3 * L);
    c30.intoArray(c, c0 + 3 * cRow);
    c31.intoArray(c, c0 + 3 * cRow + L);
    c32.intoArray(c, c0 + 3 * cRow + 2 * L);
    c33.intoArray(c, c0 + 3 * cRow + 3 * L);
    c40.intoArray(c, c0 + 4 * cRow);
    c41.intoArray(c, c0 + 4 * cRow + L);
    c42.intoArray(c, c0 + 4 * cRow + 2 * L);
    c43.intoArray(c, c0 + 4 * cRow + 3 * L);
    c50.intoArray(c, c0 + 5 * cRow);
    c51.intoArray(c, c0 + 5 * cRow + L);
    c52.intoArray(c, c0 + 5 * cRow + 2 * L);
    c53.intoArray(c, c0 + 5 * cRow + 3 * L);
  }

  /**
   * A 6-row, 2-vector tile of {@link BlockOp#SQUARED_DIFFERENCE}, kept in registers over {@code kc}
   * steps.
   */
  private static void tileSquaredDifference(
      int kc,
      float[] a,
      int a0,
      int aRow,
      int aCol,
      float[] b,
      int bStart,
      int bRow,
      float[] c,
      int c0,
      int cRow) {
    FloatVector c00 = FloatVector.fromArray(S, c, c0);
    FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector c10 = FloatVector.fromArray(S, c, c0 + cRow);
    FloatVector c11 = FloatVector.fromArray(S, c, c0 + cRow + L);
    FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * cRow);
    FloatVector c21 = FloatVector.fromArray(S, c, c0 + 2 * cRow + L);
    FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * cRow);
    FloatVector c31 = FloatVector.fromArray(S, c, c0 + 3 * cRow + L);
    FloatVector c40 = FloatVector.fromArray(S, c, c0 + 4 * cRow);
    FloatVector c41 = FloatVector.fromArray(S, c, c0 + 4 * cRow + L);
    FloatVector c50 = FloatVector.fromArray(S, c, c0 + 5 * cRow);
    FloatVector c51 = FloatVector.fromArray(S, c, c0 + 5 * cRow + L);
    for (int r = 0; r < kc; r++) {
      int br = bStart + r * bRow;
      int ar = a0 + r * aCol;
      FloatVector v0 = FloatVector.fromArray(S, b, br);
      FloatVector v1 = FloatVector.fromArray(S, b, br + L);
      FloatVector x;
      x = FloatVector.broadcast(S, a[ar]);
      {
        FloatVector d = x.sub(v0);
        c00 = d.fma(d, c00);
      }
      {
        FloatVector d = x.sub(v1);
        c01 = d.fma(d, c01);
      }
      x = FloatVector.broadcast(S, a[ar + aRow]);
      {
        FloatVector d = x.sub(v0);
        c10 = d.fma(d, c10);
      }
      {
        FloatVector d = x.sub(v1);
        c11 = d.fma(d, c11);
      }
      x = FloatVector.broadcast(S, a[ar + 2 * aRow]);
      {
        FloatVector d = x.sub(v0);
        c20 = d.fma(d, c20);
      }
      {
        FloatVector d = x.sub(v1);
        c21 = d.fma(d, c21);
      }
      x = FloatVector.broadcast(S, a[ar + 3 * aRow]);
      {
        FloatVector d = x.sub(v0);
        c30 = d.fma(d, c30);
      }
      {
        FloatVector d = x.sub(v1);
        c31 = d.fma(d, c31);
      }
      x = FloatVector.broadcast(S, a[ar + 4 * aRow]);
      {
        FloatVector d = x.sub(v0);
        c40 = d.fma(d, c40);
      }
      {
        FloatVector d = x.sub(v1);
        c41 = d.fma(d, c41);
      }
      x = FloatVector.broadcast(S, a[ar + 5 * aRow]);
      {
        FloatVector d = x.sub(v0);
        c50 = d.fma(d, c50);
      }
      {
        FloatVector d = x.sub(v1);
        c51 = d.fma(d, c51);
      }
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, c0 + cRow);
    c11.intoArray(c, c0 + cRow + L);
    c20.intoArray(c, c0 + 2 * cRow);
    c21.intoArray(c, c0 + 2 * cRow + L);
    c30.intoArray(c, c0 + 3 * cRow);
    c31.intoArray(c, c0 + 3 * cRow + L);
    c40.intoArray(c, c0 + 4 * cRow);
    c41.intoArray(c, c0 + 4 * cRow + L);
    c50.intoArray(c, c0 + 5 * cRow);
    c51.intoArray(c, c0 + 5 * cRow + L);
  }

  /**
   * A 6-row, 2-vector tile of {@link BlockOp#ABSOLUTE_DIFFERENCE}, kept in registers over {@code
   * kc} steps.
   */
  private static void tileAbsoluteDifference(
      int kc,
      float[] a,
      int a0,
      int aRow,
      int aCol,
      float[] b,
      int bStart,
      int bRow,
      float[] c,
      int c0,
      int cRow) {
    FloatVector c00 = FloatVector.fromArray(S, c, c0);
    FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector c10 = FloatVector.fromArray(S, c, c0 + cRow);
    FloatVector c11 = FloatVector.fromArray(S, c, c0 + cRow + L);
    FloatVector c20 = FloatVector.fromArray(S, c, c0 + 2 * cRow);
    FloatVector c21 = FloatVector.fromArray(S, c, c0 + 2 * cRow + L);
    FloatVector c30 = FloatVector.fromArray(S, c, c0 + 3 * cRow);
    FloatVector c31 = FloatVector.fromArray(S, c, c0 + 3 * cRow + L);
    FloatVector c40 = FloatVector.fromArray(S, c, c0 + 4 * cRow);
    FloatVector c41 = FloatVector.fromArray(S, c, c0 + 4 * cRow + L);
    FloatVector c50 = FloatVector.fromArray(S, c, c0 + 5 * cRow);
    FloatVector c51 = FloatVector.fromArray(S, c, c0 + 5 * cRow + L);
    for (int r = 0; r < kc; r++) {
      int br = bStart + r * bRow;
      int ar = a0 + r * aCol;
      FloatVector v0 = FloatVector.fromArray(S, b, br);
      FloatVector v1 = FloatVector.fromArray(S, b, br + L);
      FloatVector x;
      x = FloatVector.broadcast(S, a[ar]);
      c00 = c00.add(x.sub(v0).abs());
      c01 = c01.add(x.sub(v1).abs());
      x = FloatVector.broadcast(S, a[ar + aRow]);
      c10 = c10.add(x.sub(v0).abs());
      c11 = c11.add(x.sub(v1).abs());
      x = FloatVector.broadcast(S, a[ar + 2 * aRow]);
      c20 = c20.add(x.sub(v0).abs());
      c21 = c21.add(x.sub(v1).abs());
      x = FloatVector.broadcast(S, a[ar + 3 * aRow]);
      c30 = c30.add(x.sub(v0).abs());
      c31 = c31.add(x.sub(v1).abs());
      x = FloatVector.broadcast(S, a[ar + 4 * aRow]);
      c40 = c40.add(x.sub(v0).abs());
      c41 = c41.add(x.sub(v1).abs());
      x = FloatVector.broadcast(S, a[ar + 5 * aRow]);
      c50 = c50.add(x.sub(v0).abs());
      c51 = c51.add(x.sub(v1).abs());
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, c0 + cRow);
    c11.intoArray(c, c0 + cRow + L);
    c20.intoArray(c, c0 + 2 * cRow);
    c21.intoArray(c, c0 + 2 * cRow + L);
    c30.intoArray(c, c0 + 3 * cRow);
    c31.intoArray(c, c0 + 3 * cRow + L);
    c40.intoArray(c, c0 + 4 * cRow);
    c41.intoArray(c, c0 + 4 * cRow + L);
    c50.intoArray(c, c0 + 5 * cRow);
    c51.intoArray(c, c0 + 5 * cRow + L);
  }

  /**
   * One row by four vectors of {@link BlockOp#DOT}: four independent chains per step, each element
   * the same sequential chain as in {@link #vectorDot}.
   */
  private static void rowDotWide(
      int kc, float[] a, int a0, int aCol, float[] b, int bStart, int bRow, float[] c, int c0) {
    FloatVector acc0 = FloatVector.fromArray(S, c, c0);
    FloatVector acc1 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector acc2 = FloatVector.fromArray(S, c, c0 + 2 * L);
    FloatVector acc3 = FloatVector.fromArray(S, c, c0 + 3 * L);
    for (int r = 0; r < kc; r++) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + r * aCol]);
      int br = bStart + r * bRow;
      acc0 = x.fma(FloatVector.fromArray(S, b, br), acc0);
      acc1 = x.fma(FloatVector.fromArray(S, b, br + L), acc1);
      acc2 = x.fma(FloatVector.fromArray(S, b, br + 2 * L), acc2);
      acc3 = x.fma(FloatVector.fromArray(S, b, br + 3 * L), acc3);
    }
    acc0.intoArray(c, c0);
    acc1.intoArray(c, c0 + L);
    acc2.intoArray(c, c0 + 2 * L);
    acc3.intoArray(c, c0 + 3 * L);
  }

  /** One row by one vector of {@code DOT}: the edges of a block. */
  private static void vectorDot(
      int kc, float[] a, int a0, int aCol, float[] b, int bStart, int bRow, float[] c, int c0) {
    FloatVector acc = FloatVector.fromArray(S, c, c0);
    for (int r = 0; r < kc; r++) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + r * aCol]);
      FloatVector bv = FloatVector.fromArray(S, b, bStart + r * bRow);
      acc = x.fma(bv, acc);
    }
    acc.intoArray(c, c0);
  }

  /** One row by one vector of {@code SQUARED_DIFFERENCE}: the edges of a block. */
  private static void vectorSquaredDifference(
      int kc, float[] a, int a0, int aCol, float[] b, int bStart, int bRow, float[] c, int c0) {
    FloatVector acc = FloatVector.fromArray(S, c, c0);
    for (int r = 0; r < kc; r++) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + r * aCol]);
      FloatVector bv = FloatVector.fromArray(S, b, bStart + r * bRow);
      {
        FloatVector d = x.sub(bv);
        acc = d.fma(d, acc);
      }
    }
    acc.intoArray(c, c0);
  }

  /** One row by one vector of {@code ABSOLUTE_DIFFERENCE}: the edges of a block. */
  private static void vectorAbsoluteDifference(
      int kc, float[] a, int a0, int aCol, float[] b, int bStart, int bRow, float[] c, int c0) {
    FloatVector acc = FloatVector.fromArray(S, c, c0);
    for (int r = 0; r < kc; r++) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + r * aCol]);
      FloatVector bv = FloatVector.fromArray(S, b, bStart + r * bRow);
      acc = acc.add(x.sub(bv).abs());
    }
    acc.intoArray(c, c0);
  }
}
