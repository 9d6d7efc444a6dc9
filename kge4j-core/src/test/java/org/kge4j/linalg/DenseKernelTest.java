package org.kge4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.vectorization.VectorizationProvider;

/**
 * Every dense kernel against plain loops written here: row reductions against double-precision sums
 * (the kernels may sum in another order), block operations bit for bit against the sequential
 * chains the contract specifies, at sizes around every tile, vector and chunk edge.
 */
class DenseKernelTest {

  private static final int[] ROW_LENGTHS = {
    0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 50, 64, 100, 257
  };

  static List<DenseKernel> kernels() {
    List<DenseKernel> kernels = new ArrayList<>();
    kernels.add(PortableDenseKernel.INSTANCE);
    if (ModuleLayer.boot().findModule(VectorizationProvider.VECTOR_MODULE).isPresent()) {
      kernels.add(VectorizationProvider.loadSimd(DenseKernels.SIMD_CLASS, DenseKernel.class));
    }
    return kernels;
  }

  /** Every (kernel, row length) pair of {@link #ROW_LENGTHS}. */
  static Stream<Arguments> kernelsAndRowLengths() {
    return kernels().stream()
        .flatMap(kernel -> Arrays.stream(ROW_LENGTHS).mapToObj(n -> Arguments.of(kernel, n)));
  }

  /** The test data's source, reseeded for every test (JUnit makes an instance per invocation). */
  private final SplittableRandom random = new SplittableRandom(1);

  /** {@code n} values uniform in [−2, 2). */
  private float[] uniform(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (random.nextDouble() * 4 - 2);
    }
    return x;
  }

  @Test
  void theActiveKernelIsSimdExactlyWhenTheVectorModuleIsPresent() {
    boolean present =
        ModuleLayer.boot().findModule(VectorizationProvider.VECTOR_MODULE).isPresent();
    String forced = System.getProperty(VectorizationProvider.PROPERTY);
    if (forced != null) {
      return;
    }
    assertNotNull(DenseKernels.active());
    assertEquals(
        present ? DenseKernels.SIMD_CLASS : PortableDenseKernel.class.getName(),
        DenseKernels.active().getClass().getName());
  }

  @ParameterizedTest(name = "{0}, n = {1}")
  @MethodSource("kernelsAndRowLengths")
  void rowReductionsMatchDoublePrecisionSums(DenseKernel kernel, int n) {
    float[] a = uniform(n + 5);
    float[] b = uniform(n + 9);
    double dot = 0;
    double sq = 0;
    double l1 = 0;
    double scale = 0;
    for (int k = 0; k < n; k++) {
      double x = a[3 + k];
      double y = b[7 + k];
      dot += x * y;
      sq += (x - y) * (x - y);
      l1 += Math.abs(x - y);
      scale += Math.abs(x * y);
    }
    double tolerance = 1e-6 * (1 + scale);
    String what = kernel + " n=" + n;
    assertEquals(dot, kernel.dot(a, 3, b, 7, n), tolerance, what);
    assertEquals(sq, kernel.squaredDistance(a, 3, b, 7, n), 1e-6 * (1 + sq), what);
    assertEquals(l1, kernel.l1Distance(a, 3, b, 7, n), 1e-6 * (1 + l1), what);
  }

  @ParameterizedTest(name = "{0}, n = {1}")
  @MethodSource("kernelsAndRowLengths")
  void scaledAdditionsTouchExactlyTheirRange(DenseKernel kernel, int n) {
    float[] x = uniform(n + 2);
    float[] z = uniform(n + 4);
    if (n > 0) {
      z[4] = x[2]; // one zero difference: sign(0) = 0
    }
    float[] y = uniform(n + 6);
    float alpha = -0.75f;
    float[] axpy = y.clone();
    kernel.axpy(alpha, x, 2, axpy, 3, n);
    float[] difference = y.clone();
    kernel.axpyDifference(alpha, x, 2, z, 4, difference, 3, n);
    float[] sign = y.clone();
    kernel.axpySignDifference(alpha, x, 2, z, 4, sign, 3, n);
    for (int i = 0; i < y.length; i++) {
      boolean inside = i >= 3 && i < 3 + n;
      String what = kernel + " n=" + n + " i=" + i;
      if (!inside) {
        assertEquals(y[i], axpy[i], what);
        assertEquals(y[i], difference[i], what);
        assertEquals(y[i], sign[i], what);
        continue;
      }
      int k = i - 3;
      double d = (double) x[2 + k] - z[4 + k];
      assertEquals(y[i] + alpha * (double) x[2 + k], axpy[i], 1e-6, what);
      assertEquals(y[i] + alpha * d, difference[i], 1e-6, what);
      assertEquals(y[i] + alpha * Math.signum(d), sign[i], 1e-6, what);
    }
  }

  @Test
  void rowReductionsOfSeveralRowsMatchDoublePrecisionSums() {
    for (DenseKernel kernel : kernels()) {
      for (int n : new int[] {1, 16, 17, 64, 256}) {
        float[] q = uniform(n + 3);
        float[][] rows = new float[7][];
        int[] offsets = new int[7];
        for (int i = 0; i < 7; i++) {
          offsets[i] = i % 3;
          rows[i] = uniform(n + offsets[i]);
        }
        for (BlockOp op : BlockOp.values()) {
          float[] out = new float[9];
          kernel.reduceRows(op, q, 3, rows, offsets, 7, n, out, 2);
          for (int i = 0; i < 7; i++) {
            double expected = 0;
            double scale = 0;
            for (int k = 0; k < n; k++) {
              double x = q[3 + k];
              double e = rows[i][offsets[i] + k];
              expected +=
                  op == BlockOp.DOT
                      ? x * e
                      : op == BlockOp.SQUARED_DIFFERENCE ? (x - e) * (x - e) : Math.abs(x - e);
              scale += Math.abs(x * e) + (x - e) * (x - e);
            }
            assertEquals(
                expected, out[2 + i], 1e-6 * (1 + scale), kernel + " " + op + " n=" + n + " " + i);
          }
          assertEquals(0f, out[0]);
          assertEquals(0f, out[1]);
        }
      }
    }
  }

  @Test
  void weightedSumsOverwriteWithTheDoublePrecisionSum() {
    for (DenseKernel kernel : kernels()) {
      for (int n : new int[] {1, 15, 16, 63, 64, 65, 256, 259}) {
        for (int count : new int[] {0, 1, 5}) {
          float[][] rows = new float[count][];
          int[] offsets = new int[count];
          float[] weights = uniform(count);
          for (int i = 0; i < count; i++) {
            offsets[i] = i;
            rows[i] = uniform(n + i);
          }
          float[] out = uniform(n + 4);
          float[] before = out.clone();
          kernel.weightedSum(rows, offsets, weights, count, n, out, 2);
          for (int k = 0; k < out.length; k++) {
            if (k < 2 || k >= n + 2) {
              assertEquals(before[k], out[k], kernel + " outside " + k);
              continue;
            }
            double expected = 0;
            for (int i = 0; i < count; i++) {
              expected += (double) weights[i] * rows[i][offsets[i] + k - 2];
            }
            assertEquals(expected, out[k], 1e-5, kernel + " n=" + n + " count=" + count + " " + k);
          }
        }
      }
    }
  }

  @Test
  void adamStepsAgreeBitForBitAndWithAHandComputedStep() {
    // one step from zero moments with g = 0.5: m = 0.05, v = 0.00025; with step size 0.1/0.1 = 1
    // and sqrt(bc2) = sqrt(0.001): x = 1 - 0.05 / (sqrt(0.00025)/sqrt(0.001) + 1e-8) = 0.9
    for (DenseKernel kernel : kernels()) {
      float[] x = {1f, 1f};
      float[] g = {0.5f, 0.5f};
      float[] m = new float[2];
      float[] v = new float[2];
      kernel.adamStep(
          new AdamStep(false, 1f, 0.1f, 0.999f, 0.001f, (float) Math.sqrt(0.001), 1e-8f),
          x,
          g,
          m,
          v,
          1,
          1);
      assertEquals(1f, x[0]);
      assertEquals(0.9f, x[1], 1e-6f, kernel.toString());
      assertEquals(0.05f, m[1], 1e-9f);
      assertEquals(0.00025f, v[1], 1e-10f);
    }
    int n = 1000;
    float[] x0 = uniform(n);
    float[] g = uniform(n);
    float[] m0 = uniform(n);
    float[] v0 = new float[n];
    for (int i = 0; i < n; i++) {
      v0[i] = Math.abs(uniform(1)[0]);
    }
    float[][] results = new float[3][];
    List<DenseKernel> kernels = kernels();
    for (int j = 0; j < kernels.size(); j++) {
      float[] x = x0.clone();
      float[] m = m0.clone();
      float[] v = v0.clone();
      kernels
          .get(j)
          .adamStep(
              new AdamStep(false, 0.01f, 0.1f, 0.999f, 0.001f, 0.3f, 1e-8f), x, g, m, v, 3, n - 5);
      results[j] = x;
      assertEquals(x0[0], x[0]);
      assertEquals(x0[n - 1], x[n - 1]);
    }
    if (kernels.size() == 2) {
      for (int i = 0; i < n; i++) {
        assertEquals(
            Float.floatToIntBits(results[0][i]), Float.floatToIntBits(results[1][i]), "x " + i);
      }
    }
  }

  @Test
  void lazyAdamStepsFollowSparseAdamsFormulaBitForBit() {
    int n = 300;
    float[] g = uniform(n);
    for (DenseKernel kernel : kernels()) {
      float[] x = uniform(n);
      float[] m = uniform(n);
      float[] v = uniform(n);
      for (int i = 0; i < n; i++) {
        v[i] = Math.abs(v[i]);
      }
      float[] x0 = x.clone();
      float[] m0 = m.clone();
      float[] v0 = v.clone();
      kernel.adamStep(
          new AdamStep(true, 0.01f, 0.1f, 0.999f, 0.001f, 1f, 1e-8f), x, g, m, v, 2, n - 5);
      for (int i = 0; i < n; i++) {
        float mi = m0[i];
        float vi = v0[i];
        float xi = x0[i];
        if (i >= 2 && i < n - 3) {
          mi += 0.1f * (g[i] - mi);
          vi += 0.001f * (g[i] * g[i] - vi);
          xi -= 0.01f * (mi / ((float) Math.sqrt(vi) + 1e-8f));
        }
        String where = kernel.getClass().getSimpleName() + ", value " + i;
        assertEquals(mi, m[i], "m, " + where);
        assertEquals(vi, v[i], "v, " + where);
        assertEquals(xi, x[i], "x, " + where);
      }
    }
  }

  @Test
  void aLazyAdamStepFoldsItsBiasCorrectionsIntoTheStepSize() {
    // the lazy loop leaves out the division by sqrtBiasCorrection2, exact only for 1
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AdamStep(true, 0.01f, 0.1f, 0.999f, 0.001f, 0.5f, 1e-8f));
    assertTrue(e.getMessage().contains("got 0.5"), e.getMessage());
  }

  @Test
  void adagradStepsAndScalingAgreeBitForBitAndWithHandComputedValues() {
    // s = 0.25, x = 1 - 0.1 · 0.5 / (0.5 + 1e-10) = 0.9 on every value
    int n = 100;
    float[] g0 = uniform(n);
    float[] s0 = new float[n];
    float[] x0 = uniform(n);
    float[][] xs = new float[2][];
    List<DenseKernel> kernels = kernels();
    for (int j = 0; j < kernels.size(); j++) {
      DenseKernel kernel = kernels.get(j);
      float[] x = {1f, 1f, 1f};
      float[] s = new float[3];
      kernel.adagradStep(x, new float[] {0.5f, 0.5f, 0.5f}, s, 1, 2, 0.1f, 1e-10f);
      assertEquals(1f, x[0]);
      assertEquals(0.9f, x[1], 1e-7f, kernel.toString());
      assertEquals(0.25f, s[2], 0f);
      float[] scaled = {1f, 2f, 3f, 4f};
      kernel.scale(scaled, 1, 2, -0.5f);
      assertEquals(
          List.of(1f, -1f, -1.5f, 4f), List.of(scaled[0], scaled[1], scaled[2], scaled[3]));
      float[] xr = x0.clone();
      kernel.adagradStep(xr, g0, s0.clone(), 0, n, 0.05f, 1e-10f);
      xs[j] = xr;
    }
    if (kernels.size() == 2) {
      for (int i = 0; i < n; i++) {
        assertEquals(Float.floatToIntBits(xs[0][i]), Float.floatToIntBits(xs[1][i]), "x " + i);
      }
    }
  }

  /** The specified chain, written out independently of the kernels. */
  private static float chain(BlockOp op, float c, float a, float b) {
    if (op == BlockOp.DOT) {
      return Math.fma(a, b, c);
    }
    float d = a - b;
    return op == BlockOp.SQUARED_DIFFERENCE ? Math.fma(d, d, c) : c + Math.abs(d);
  }

  private static final int[][] BLOCK_SHAPES = {
    {1, 1, 1},
    {6, 32, 256},
    {7, 33, 257},
    {13, 70, 3},
    {5, 15, 600},
    {12, 64, 64},
    {1, 17, 513},
    {18, 100, 130},
    {7, 600, 257},
    // rows below the last whole tile, four vectors at a time, then one (a shared-negatives chunk)
    {64, 64, 256},
    {10, 160, 40}
  };

  @Test
  void complexProductsFollowTheirFormulaBitForBit() {
    for (DenseKernel kernel : kernels()) {
      for (int d : new int[] {1, 7, 16, 17, 128, 131}) {
        for (boolean conjugateX : new boolean[] {false, true}) {
          for (boolean add : new boolean[] {false, true}) {
            float[] x = uniform(2 * d + 3);
            float[] y = uniform(2 * d + 5);
            float[] out = uniform(2 * d + 4);
            float[] before = out.clone();
            kernel.complexProduct(conjugateX, x, 3, y, 5, out, 2, d, add);
            String where =
                kernel.getClass().getSimpleName() + ", d = " + d + ", conj " + conjugateX;
            for (int k = 0; k < d; k++) {
              float xr = x[3 + k];
              float xi = x[3 + d + k];
              float yr = y[5 + k];
              float yi = y[5 + d + k];
              float re = conjugateX ? xr * yr + xi * yi : xr * yr - xi * yi;
              float im = conjugateX ? xr * yi - xi * yr : xr * yi + xi * yr;
              assertEquals(add ? before[2 + k] + re : re, out[2 + k], "re " + k + ", " + where);
              assertEquals(
                  add ? before[2 + d + k] + im : im, out[2 + d + k], "im " + k + ", " + where);
            }
            assertEquals(before[0], out[0], "before the range, " + where);
            assertEquals(before[1], out[1], "before the range, " + where);
            assertEquals(before[2 + 2 * d], out[2 + 2 * d], "after the range, " + where);
            assertEquals(before[3 + 2 * d], out[3 + 2 * d], "after the range, " + where);
          }
        }
      }
    }
  }

  @Test
  void countsAboveAThresholdAreThoseOfThePlainDefinition() {
    for (DenseKernel kernel : kernels()) {
      for (int n : new int[] {0, 1, 15, 16, 17, 100, 1031}) {
        // values on a coarse grid, so that many tie with the threshold; a NaN guard either side
        float[] x = new float[n + 2];
        for (int k = 0; k < x.length; k++) {
          x[k] = random.nextInt(9) - 4;
        }
        x[0] = Float.NaN;
        x[n + 1] = Float.NaN;
        float threshold = 1f;
        int greater = 0;
        int greaterOrEqual = 0;
        for (int k = 1; k <= n; k++) {
          greater += x[k] > threshold ? 1 : 0;
          greaterOrEqual += x[k] >= threshold ? 1 : 0;
        }
        int[] counts = new int[2];
        String where = kernel.getClass().getSimpleName() + ", n = " + n;
        assertEquals(true, kernel.countAbove(x, 1, n, threshold, counts), where);
        assertEquals(greater, counts[0], "greater, " + where);
        assertEquals(greaterOrEqual, counts[1], "greater or equal, " + where);
        if (n > 0) {
          x[1 + random.nextInt(n)] = Float.NaN;
          assertEquals(false, kernel.countAbove(x, 1, n, threshold, counts), "NaN, " + where);
        }
      }
    }
  }

  @Test
  void blockOperationsFollowTheSequentialChainBitForBit() {
    for (DenseKernel kernel : kernels()) {
      for (BlockOp op : BlockOp.values()) {
        for (int[] shape : BLOCK_SHAPES) {
          int m = shape[0];
          int n = shape[1];
          int k = shape[2];
          for (boolean transposedA : new boolean[] {false, true}) {
            // A as m x k rows (stride k + 2) or as the transpose of a k x m matrix (stride m + 1)
            int aRow = transposedA ? 1 : k + 2;
            int aColumn = transposedA ? m + 1 : 1;
            float[] a = uniform(4 + Math.max(m * aRow + k * aColumn, 1));
            int bRow = n + 3;
            float[] b = uniform(5 + k * bRow);
            int cRow = n + 1;
            float[] c = uniform(6 + m * cRow);
            float[] expected = c.clone();
            for (int i = 0; i < m; i++) {
              for (int j = 0; j < n; j++) {
                float value = expected[6 + i * cRow + j];
                for (int r = 0; r < k; r++) {
                  value = chain(op, value, a[4 + i * aRow + r * aColumn], b[5 + r * bRow + j]);
                }
                expected[6 + i * cRow + j] = value;
              }
            }
            kernel.accumulate(
                op,
                m,
                n,
                k,
                new StridedMatrix(a, 4, aRow, aColumn),
                StridedMatrix.rowMajor(b, 5, bRow),
                StridedMatrix.rowMajor(c, 6, cRow));
            for (int i = 0; i < c.length; i++) {
              if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(c[i])) {
                fail(
                    kernel
                        + " "
                        + op
                        + " m="
                        + m
                        + " n="
                        + n
                        + " k="
                        + k
                        + " transposedA="
                        + transposedA
                        + ": element "
                        + i
                        + " is "
                        + c[i]
                        + ", expected "
                        + expected[i]);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void blockProductEqualsTheDoublePrecisionProduct() {
    int m = 9;
    int n = 40;
    int k = 300;
    float[] a = uniform(m * k);
    float[] b = uniform(k * n);
    for (DenseKernel kernel : kernels()) {
      float[] c = new float[m * n];
      kernel.accumulate(
          BlockOp.DOT,
          m,
          n,
          k,
          StridedMatrix.rowMajor(a, 0, k),
          StridedMatrix.rowMajor(b, 0, n),
          StridedMatrix.rowMajor(c, 0, n));
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int r = 0; r < k; r++) {
            sum += (double) a[i * k + r] * b[r * n + j];
          }
          assertEquals(sum, c[i * n + j], 1e-4, kernel + " (" + i + ", " + j + ")");
        }
      }
    }
  }

  @Test
  void signDifferenceFollowsItsChainBitForBit() {
    for (DenseKernel kernel : kernels()) {
      for (int[] shape : BLOCK_SHAPES) {
        int m = shape[0];
        int n = shape[1];
        int k = Math.min(shape[2], 300);
        float[] a = uniform(m * k);
        float[] b = uniform(k * n);
        float[] x = uniform(m * n);
        if (k > 1 && n > 1) {
          x[0] = b[n]; // a zero difference at (0, 0) for r = 1
        }
        float[] c = uniform(m * n);
        float[] expected = c.clone();
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            float value = expected[i * n + j];
            for (int r = 0; r < k; r++) {
              float d = x[i * n + j] - b[r * n + j];
              value = Math.fma(a[i * k + r], d > 0 ? 1f : d < 0 ? -1f : 0f, value);
            }
            expected[i * n + j] = value;
          }
        }
        kernel.accumulateSignDifference(
            m,
            n,
            k,
            StridedMatrix.rowMajor(a, 0, k),
            StridedMatrix.rowMajor(b, 0, n),
            StridedMatrix.rowMajor(x, 0, n),
            StridedMatrix.rowMajor(c, 0, n));
        for (int i = 0; i < c.length; i++) {
          assertEquals(
              Float.floatToIntBits(expected[i]),
              Float.floatToIntBits(c[i]),
              kernel + " m=" + m + " n=" + n + " k=" + k + " element " + i);
        }
      }
    }
  }
}
