package org.kge4j.loss.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.loss.MarginActivation;
import org.kge4j.testing.CustomActivations;

/**
 * Every fast kernel against the reference {@link ScalarMarginKernel} (itself checked against the
 * golden vectors): random inputs at sizes around the 8-lane vectors and the accumulation blocks,
 * both activations, weights, smoothing, filtering, and the invalid-input contract.
 */
class KernelCrossCheckTest {
  /** Sizes around vector tails (8), accumulation blocks (128, 256) and their multiples. */
  private static final int[] SIZES = {
    1, 2, 7, 8, 9, 15, 16, 17, 31, 127, 128, 129, 255, 256, 257, 263, 511, 512, 513, 1000, 4099
  };

  private static final float SENTINEL = 12345f;

  static Stream<Arguments> kernelsAndActivations() {
    return Kernels.fast().stream()
        .flatMap(
            k ->
                Stream.of(
                    Arguments.of(k, MarginActivation.RELU),
                    Arguments.of(k, MarginActivation.SOFTPLUS)));
  }

  /** {@link #kernelsAndActivations} with the positive ({@code true}) or the negative term. */
  static Stream<Arguments> kernelsActivationsAndTerms() {
    return kernelsAndActivations()
        .flatMap(
            a ->
                Stream.of(true, false)
                    .map(positive -> Arguments.of(a.get()[0], a.get()[1], positive)));
  }

  /**
   * Scores spread over both margins, with some exactly at the ReLU kink {@code x = λ} and {@code x
   * = −λ̄}.
   */
  private static float[] scores(
      Random random, int length, float positiveMargin, float negativeMargin) {
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      x[i] =
          kind == 0
              ? positiveMargin
              : kind == 1 ? -negativeMargin : (float) (random.nextGaussian() * 4);
    }
    return x;
  }

  private static float[] labels(Random random, int length) {
    float[] t = new float[length];
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      t[i] = kind < 6 ? 0f : kind < 8 ? 1f : random.nextFloat();
    }
    return t;
  }

  private static float[] nonNegative(Random random, int length) {
    float[] w = new float[length];
    for (int i = 0; i < length; i++) {
      w[i] = random.nextInt(5) == 0 ? 0f : random.nextFloat() * 3;
    }
    return w;
  }

  /** A keep mask that keeps each element with probability 2/3. */
  private static boolean[] keepTwoInThree(Random random, int length) {
    boolean[] keep = new boolean[length];
    for (int i = 0; i < length; i++) {
      keep[i] = random.nextInt(3) != 0;
    }
    return keep;
  }

  /** One call of a kernel term that writes its gradients into {@code grad}. */
  private interface Term {
    double apply(MarginKernel kernel, float[] grad);
  }

  private static float[] sentinels(int length) {
    float[] g = new float[length];
    Arrays.fill(g, SENTINEL);
    return g;
  }

  private static void assertClose(String what, double expected, double actual, double scale) {
    assertTrue(
        Math.abs(actual - expected) <= 1e-6 * scale + 2e-5 * Math.abs(expected),
        () -> what + ": expected " + expected + ", got " + actual);
  }

  /** Gradients equal within tolerance inside [from, to), untouched outside. */
  private static void assertGradients(
      String what, float[] expected, float[] actual, int from, int to, float scale) {
    for (int i = 0; i < actual.length; i++) {
      if (i < from || i >= to) {
        assertEquals(
            SENTINEL, actual[i], what + ": element " + i + " outside the range was written");
      } else {
        float e = expected[i];
        float a = actual[i];
        if (!(Math.abs(a - e) <= 1e-6f * scale + 2e-5f * Math.abs(e))) {
          fail(what + ": gradient at " + i + " expected " + e + ", got " + a);
        }
      }
    }
  }

  /**
   * Labels for one call of {@link #assertLabelledMatchesReference}: the random source and the
   * length.
   */
  @FunctionalInterface
  private interface LabelSource {
    float[] labels(Random random, int length);
  }

  /**
   * The kernel's labelled term against the reference at every size of {@link #SIZES}, with and
   * without sample weights and smoothing, over a random range inside a slightly longer array
   * (gradients outside the range must stay untouched).
   */
  private static void assertLabelledMatchesReference(
      MarginKernel kernel,
      MarginActivation activation,
      MarginTerms terms,
      Random random,
      LabelSource labels,
      String kind) {
    for (int size : SIZES) {
      for (int variant = 0; variant < 4; variant++) {
        boolean weighted = (variant & 1) != 0;
        boolean smoothed = (variant & 2) != 0;
        int from = random.nextInt(4);
        int to = from + size;
        int length = to + random.nextInt(4);
        float[] x = scores(random, length, terms.positiveMargin(), terms.negativeMargin());
        float[] t = labels.labels(random, length);
        float[] w = weighted ? nonNegative(random, length) : null;
        float keep = smoothed ? 0.9f : 1f;
        float spread = smoothed ? 0.1f / 13 : 0f;
        float gradScale = 1f / size;
        float[] expectedGrad = sentinels(length);
        float[] grad = sentinels(length);
        double expected =
            ScalarMarginKernel.INSTANCE.labelled(
                new LabelledTerm(terms, x, t, w, keep, spread, expectedGrad), gradScale, from, to);
        double actual =
            kernel.labelled(
                new LabelledTerm(terms, x, t, w, keep, spread, grad), gradScale, from, to);
        String what =
            kernel + " " + activation + " " + kind + " size " + size + " variant " + variant;
        assertClose(what, expected, actual, size);
        assertGradients(what, expectedGrad, grad, from, to, gradScale);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kernelsAndActivations")
  void labelledMatchesReference(MarginKernel kernel, MarginActivation activation) {
    assertLabelledMatchesReference(
        kernel,
        activation,
        new MarginTerms(activation, 0.75f, -0.25f, 0.3f, 0.7f),
        new Random(11),
        KernelCrossCheckTest::labels,
        "labelled");
  }

  /**
   * LCWA-like sparse labels (mostly 0, so that whole vectors of 8 have no positive term, which the
   * SIMD softplus kernel skips), runs of all-ones vectors, and vectors with a single fractional
   * label; with and without weights and smoothing.
   */
  @ParameterizedTest
  @MethodSource("kernelsAndActivations")
  void labelledSparseLabelsMatchReference(MarginKernel kernel, MarginActivation activation) {
    assertLabelledMatchesReference(
        kernel,
        activation,
        new MarginTerms(activation, 1f, 0f, 0.5f, 0.5f),
        new Random(23),
        (random, length) -> {
          float[] t = new float[length];
          for (int i = 0; i < length; i++) {
            int kind = random.nextInt(100);
            boolean onesRun = (i / 64) % 5 == 3;
            t[i] = onesRun ? 1f : kind < 3 ? 1f : kind == 3 ? random.nextFloat() : 0f;
          }
          return t;
        },
        "sparse labelled");
  }

  /**
   * Gradient scales outside the mean/sum range (weighted means whose weights add up to less than 1,
   * or to more than 2^60), which the SIMD ReLU loop hands to the portable kernel.
   */
  @ParameterizedTest
  @MethodSource("kernelsAndActivations")
  void labelledWithExtremeGradientScalesMatchesReference(
      MarginKernel kernel, MarginActivation activation) {
    Random random = new Random(31);
    MarginTerms terms = new MarginTerms(activation, 1f, -0.5f, 0.5f, 0.5f);
    int size = 1000;
    float[] x = scores(random, size, terms.positiveMargin(), terms.negativeMargin());
    float[] t = labels(random, size);
    float[] w = nonNegative(random, size);
    for (float gradScale : new float[] {4f, 1e3f, 0x1p-61f, 1e-25f, 1f, 0x1p-60f}) {
      float[] expectedGrad = new float[size];
      float[] grad = new float[size];
      double expected =
          ScalarMarginKernel.INSTANCE.labelled(
              new LabelledTerm(terms, x, t, w, 1f, 0f, expectedGrad), gradScale, 0, size);
      double actual =
          kernel.labelled(new LabelledTerm(terms, x, t, w, 1f, 0f, grad), gradScale, 0, size);
      String what = kernel + " " + activation + " gradScale " + gradScale;
      assertClose(what, expected, actual, size);
      assertGradients(what, expectedGrad, grad, 0, size, gradScale);
    }
  }

  /**
   * The positive term (with and without multiplicities) and the negative term (with and without a
   * keep mask) at every size, each range at a random offset into a longer array whose other
   * gradients must stay untouched.
   */
  @ParameterizedTest
  @MethodSource("kernelsActivationsAndTerms")
  void termMatchesReference(MarginKernel kernel, MarginActivation activation, boolean positive) {
    Random random = new Random(positive ? 12 : 13);
    float gradScale = positive ? 0.5f : 0.25f;
    MarginTerms terms = new MarginTerms(activation, 1f, 0.5f, 0.5f, 0.5f);
    for (int size : SIZES) {
      for (boolean variant : new boolean[] {false, true}) {
        int from = random.nextInt(4);
        int to = from + size;
        int length = to + random.nextInt(4);
        float[] x = scores(random, length, 1f, positive ? 0f : 0.5f);
        Term term;
        String what = kernel + " " + activation;
        if (positive) {
          float[] c = variant ? nonNegative(random, length) : null;
          term =
              (k, grad) -> k.positiveTerm(new PositiveTerm(terms, x, c, grad), gradScale, from, to);
          what += " positive size " + size + " weighted " + variant;
        } else {
          boolean[] keep = variant ? keepTwoInThree(random, length) : null;
          term =
              (k, grad) ->
                  k.negativeTerm(new NegativeTerm(terms, x, keep, grad), gradScale, from, to);
          what += " negative size " + size + " filtered " + variant;
        }
        float[] expectedGrad = sentinels(length);
        float[] grad = sentinels(length);
        double expected = term.apply(ScalarMarginKernel.INSTANCE, expectedGrad);
        double actual = term.apply(kernel, grad);
        assertClose(what, expected, actual, size);
        assertGradients(what, expectedGrad, grad, from, to, gradScale);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kernelsAndActivations")
  void invalidInputGivesNaNWherever(MarginKernel kernel, MarginActivation activation) {
    MarginTerms terms = new MarginTerms(activation, 1f, 0f, 0.5f, 0.5f);
    int size = 300;
    for (int position : new int[] {0, 7, 8, 255, 256, 299}) {
      for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
        float[] x = new float[size];
        x[position] = bad;
        float[] grad = new float[size];
        String what = kernel + " " + activation + " score " + bad + " at " + position;
        LabelledTerm labelled = new LabelledTerm(terms, x, new float[size], null, 1f, 0f, grad);
        assertTrue(Double.isNaN(kernel.labelled(labelled, 1f, 0, size)), what);
        PositiveTerm positive = new PositiveTerm(terms, x, null, grad);
        assertTrue(Double.isNaN(kernel.positiveTerm(positive, 1f, 0, size)), what);
        NegativeTerm negative = new NegativeTerm(terms, x, null, grad);
        assertTrue(Double.isNaN(kernel.negativeTerm(negative, 1f, 0, size)), what);
      }
      for (float bad :
          new float[] {
            Float.NaN,
            -1e-30f,
            -0.5f,
            1.0000001f,
            2f,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY
          }) {
        float[] t = new float[size];
        t[position] = bad;
        LabelledTerm labelled =
            new LabelledTerm(terms, new float[size], t, null, 1f, 0f, new float[size]);
        double sum = kernel.labelled(labelled, 1f, 0, size);
        assertTrue(
            Double.isNaN(sum), kernel + " " + activation + " label " + bad + " at " + position);
      }
    }
  }

  /**
   * The weighted and smoothed variants, with labels 1 and scores of both signs around the bad
   * element.
   */
  @ParameterizedTest
  @MethodSource("kernelsAndActivations")
  void invalidInputGivesNaNWithWeightsAndSmoothing(
      MarginKernel kernel, MarginActivation activation) {
    MarginTerms terms = new MarginTerms(activation, 1f, 0f, 0.5f, 0.5f);
    int size = 300;
    float[] weights = new float[size];
    Arrays.fill(weights, 0.75f);
    for (float[] w : new float[][] {null, weights}) {
      for (float keep : new float[] {1f, 0.9f}) {
        float spread = 1f - keep == 0f ? 0f : 0.001f;
        String variant = " weights " + (w != null) + " keep " + keep;
        ToDoubleBiFunction<float[], float[]> labelled =
            (x, t) ->
                kernel.labelled(
                    new LabelledTerm(terms, x, t, w, keep, spread, new float[size]),
                    0.01f,
                    0,
                    size);
        for (int position : new int[] {0, 9, 256, 299}) {
          for (float bad :
              new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] x = new float[size];
            float[] t = new float[size];
            for (int i = 0; i < size; i++) {
              x[i] = i % 2 == 0 ? -2f : 3f;
              t[i] = i % 3 == 0 ? 1f : 0f;
            }
            x[position] = bad;
            t[position] = 1f;
            assertTrue(
                Double.isNaN(labelled.applyAsDouble(x, t)),
                kernel + " " + activation + " score " + bad + " at " + position + variant);
          }
          for (float bad : new float[] {Float.NaN, -0.25f, 1.5f}) {
            float[] x = new float[size];
            float[] t = new float[size];
            Arrays.fill(x, -1f);
            t[position] = bad;
            assertTrue(
                Double.isNaN(labelled.applyAsDouble(x, t)),
                kernel + " " + activation + " label " + bad + " at " + position + variant);
          }
        }
      }
    }
  }

  @Test
  void negativeZeroAndBoundaryLabelsAreValid() {
    for (MarginKernel kernel : Kernels.fast()) {
      for (MarginActivation activation :
          List.of(MarginActivation.RELU, MarginActivation.SOFTPLUS)) {
        MarginTerms terms = new MarginTerms(activation, 1f, 0f, 0.5f, 0.5f);
        float[] t = new float[40];
        for (int i = 0; i < t.length; i++) {
          t[i] = i % 3 == 0 ? -0f : i % 3 == 1 ? 1f : 0f;
        }
        // Negative scores too: x·0 is then −0.0, which must not turn a −0.0 label invalid.
        float[] x = new float[40];
        for (int i = 0; i < x.length; i++) {
          x[i] = i % 2 == 0 ? -1.5f : 0.5f;
        }
        float[] expectedGrad = new float[40];
        float[] grad = new float[40];
        double expected =
            ScalarMarginKernel.INSTANCE.labelled(
                new LabelledTerm(terms, x, t, null, 1f, 0f, expectedGrad), 1f, 0, 40);
        double sum = kernel.labelled(new LabelledTerm(terms, x, t, null, 1f, 0f, grad), 1f, 0, 40);
        assertEquals(expected, sum, 1e-5, kernel + " " + activation);
        assertArrayEquals(expectedGrad, grad, 1e-6f, kernel + " " + activation);
      }
    }
  }

  @Test
  void userActivationsFallBackToTheReference() {
    MarginActivation doubled = CustomActivations.of("square", z -> 2 * z * z, z -> 4 * z);
    MarginTerms terms = new MarginTerms(doubled, 1f, 0f, 0.5f, 0.5f);
    float[] x = {0.5f, -1f, 2f, 0f, 3f, 1f, -2f, 0.25f, 1.5f, -0.5f};
    float[] t = {1f, 0f, 1f, 0f, 0f, 1f, 0f, 0.5f, 1f, 0f};
    float[] expected = new float[x.length];
    double reference =
        ScalarMarginKernel.INSTANCE.labelled(
            new LabelledTerm(terms, x, t, null, 1f, 0f, expected), 0.1f, 0, x.length);
    for (MarginKernel kernel : Kernels.fast()) {
      float[] grad = new float[x.length];
      LabelledTerm term = new LabelledTerm(terms, x, t, null, 1f, 0f, grad);
      assertEquals(reference, kernel.labelled(term, 0.1f, 0, x.length), 1e-9);
      assertTrue(Arrays.equals(expected, grad), kernel.toString());
    }
  }
}
