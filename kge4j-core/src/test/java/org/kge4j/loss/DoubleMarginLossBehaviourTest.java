package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.RandomArrays.gaussian;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/** PyKEEN's behavioural loss checks, in Java, for every activation and reduction. */
class DoubleMarginLossBehaviourTest {
  /** Random scores, reseeded for every test (JUnit makes an instance per invocation). */
  private final SplittableRandom random = new SplittableRandom(1);

  /** The loss with PyKEEN's default margins for every activation and reduction. */
  static Stream<DoubleMarginLoss> losses() {
    return Stream.of("relu", "softplus")
        .flatMap(
            a ->
                Stream.of("mean", "sum")
                    .map(r -> DoubleMarginLoss.builder().marginActivation(a).reduction(r).build()));
  }

  private static boolean isMean(DoubleMarginLoss loss) {
    return loss.reduction() == Reduction.MEAN;
  }

  @ParameterizedTest
  @MethodSource("losses")
  void valueIsAFiniteScalar(DoubleMarginLoss loss) {
    float[] x = gaussian(random, 20);
    float[] t = new float[20];
    for (int i = 0; i < t.length; i++) {
      t[i] = i % 3 == 0 ? 1f : 0f;
    }
    LossOutput out =
        loss.processLcwaScores(FloatTensor.of(x, 4, 5), FloatTensor.of(t, 4, 5), null, null);
    assertTrue(Double.isFinite(out.value()), "loss " + out.value());
    assertTrue(
        out.value() > 0,
        "scores around 0 with margins (1, 0) must cost something, got " + out.value());
    assertArrayEquals(new int[] {4, 5}, out.gradient().shape());
  }

  @ParameterizedTest
  @MethodSource("losses")
  void gradientDescentFromZeroSeparatesLcwaScores(DoubleMarginLoss loss) {
    int rows = 3;
    int cols = 6;
    float[] labels = new float[rows * cols];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (i * 7) % 3 == 0 ? 1f : 0f;
    }
    float[] scores = new float[rows * cols];
    for (int step = 0; step < 10; step++) {
      float[] g =
          loss.processLcwaScores(
                  FloatTensor.of(scores, rows, cols),
                  FloatTensor.of(labels, rows, cols),
                  null,
                  null)
              .gradient()
              .toArray();
      for (int i = 0; i < scores.length; i++) {
        scores[i] -= (isMean(loss) ? scores.length : 1) * 0.1f * g[i];
      }
    }
    float minPositive = Float.POSITIVE_INFINITY;
    float maxNegative = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i] == 1f) {
        minPositive = Math.min(minPositive, scores[i]);
      } else {
        maxNegative = Math.max(maxNegative, scores[i]);
      }
    }
    assertTrue(
        maxNegative < minPositive,
        "negatives up to " + maxNegative + ", positives from " + minPositive);
  }

  @ParameterizedTest
  @MethodSource("losses")
  void gradientDescentFromZeroSeparatesSlcwaScores(DoubleMarginLoss loss) {
    int b = 4;
    int k = 3;
    float[] positives = new float[b];
    float[] negatives = new float[b * k];
    for (int step = 0; step < 10; step++) {
      SlcwaLossOutput out =
          loss.processSlcwaScores(
              FloatTensor.of(positives, b, 1), FloatTensor.of(negatives, b, k), null, null, null);
      float[] gp = out.positiveGradient().toArray();
      float[] gn = out.negativeGradient().toArray();
      float lr = isMean(loss) ? 1f : 0.1f;
      for (int i = 0; i < b; i++) {
        positives[i] -= lr * b * gp[i];
      }
      for (int j = 0; j < negatives.length; j++) {
        negatives[j] -= lr * negatives.length * gn[j] / (isMean(loss) ? 1 : k);
      }
    }
    float minPositive = min(positives);
    float maxNegative = -min(negate(negatives));
    assertTrue(
        maxNegative < minPositive,
        "negatives up to " + maxNegative + ", positives from " + minPositive);
  }

  private static float min(float[] v) {
    float m = Float.POSITIVE_INFINITY;
    for (float x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static float[] negate(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("losses")
  void filteredAndDenseAgreeWhenTheFilterKeepsEverything(DoubleMarginLoss loss) {
    int b = 5;
    int k = 4;
    float[] positives = gaussian(random, b);
    float[] negatives = gaussian(random, b * k);
    boolean[] all = new boolean[b * k];
    Arrays.fill(all, true);
    SlcwaLossOutput dense =
        loss.processSlcwaScores(
            FloatTensor.of(positives, b, 1), FloatTensor.of(negatives, b, k), null, null, null);
    SlcwaLossOutput filtered =
        loss.processSlcwaScores(
            FloatTensor.of(positives, b, 1),
            FloatTensor.of(negatives, b * k),
            null,
            BoolTensor.of(all, b, k),
            null);
    assertEquals(dense.value(), filtered.value(), 1e-6 * Math.max(1, Math.abs(dense.value())));
    assertArrayEquals(
        dense.positiveGradient().toArray(), filtered.positiveGradient().toArray(), 1e-6f);
    assertArrayEquals(
        dense.negativeGradient().toArray(), filtered.negativeGradient().toArray(), 1e-6f);
  }

  @ParameterizedTest
  @MethodSource("losses")
  void broadcastLabelsEqualExpandedLabels(DoubleMarginLoss loss) {
    int b = 3;
    int e = 5;
    float[] x = gaussian(random, b * e);
    float[] column = {1f, 0f, 0.25f};
    float[] expanded = new float[b * e];
    for (int i = 0; i < expanded.length; i++) {
      expanded[i] = column[i / e];
    }
    LossOutput broadcast = loss.forward(FloatTensor.of(x, b, e), FloatTensor.of(column, b, 1));
    LossOutput explicit = loss.forward(FloatTensor.of(x, b, e), FloatTensor.of(expanded, b, e));
    assertEquals(explicit.value(), broadcast.value(), 1e-9);
    assertArrayEquals(explicit.gradient().toArray(), broadcast.gradient().toArray(), 0f);
  }

  @ParameterizedTest
  @MethodSource("losses")
  void emptyFilterGivesZeroLossAndZeroGradients(DoubleMarginLoss loss) {
    SlcwaLossOutput out =
        loss.processSlcwaScores(
            FloatTensor.of(new float[] {0.5f, -2f}, 2),
            FloatTensor.of(new float[0], 0),
            null,
            BoolTensor.of(new boolean[6], 2, 3),
            null);
    assertEquals(0.0, out.value());
    assertArrayEquals(new float[] {0f, 0f}, out.positiveGradient().toArray());
    assertArrayEquals(new int[] {0}, out.negativeGradient().shape());
  }
}
