package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.loss.LossFixtures.randomLoss;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kge4j.tensor.FloatTensor;

/**
 * Gradients by central finite differences in double, on random shapes and configurations, with
 * every score kept away from the ReLU kinks at {@code λ} and {@code −λ̄}; and values against the
 * double-precision reference.
 */
class DoubleMarginLossGradientTest {
  private static final double STEP = 1e-3;

  /**
   * One property try: its seed and the random source drawn from it, a random loss and that loss's
   * double reference.
   */
  private record Draw(
      long seed, SplittableRandom random, DoubleMarginLoss loss, ReferenceLoss reference) {
    static Draw of(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      DoubleMarginLoss loss = randomLoss(random);
      return new Draw(seed, random, loss, ReferenceLoss.of(loss));
    }

    /** What jqwik reports for a falsified try: enough to redraw it. */
    @Override
    public String toString() {
      return "Draw.of(" + seed + "): " + loss;
    }

    /** A random dimension size in [1, max]. */
    int dimension(int max) {
      return 1 + random.nextInt(max);
    }

    /** Scores at least 0.05 away from both kinks, so that ±STEP never crosses one. */
    float[] scoresAwayFromKinks(int n) {
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        float v;
        do {
          v = (float) random.nextDouble(-3, 3);
        } while (Math.abs(v - loss.positiveMargin()) < 0.05
            || Math.abs(v + loss.negativeMargin()) < 0.05);
        x[i] = v;
      }
      return x;
    }
  }

  /** Every property's try starts from a draw of a random seed. */
  @Provide
  Arbitrary<Draw> draws() {
    return Arbitraries.longs().map(Draw::of);
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  /**
   * {@code value} equals {@code f(point)} (relative 1e-5), and {@code analytic} is its gradient by
   * central finite differences ({@link #assertGradient}).
   */
  private static void assertMatchesReference(
      double value, float[] analytic, double[] point, ToDoubleFunction<double[]> f, String what) {
    assertEquals(f.applyAsDouble(point), value, 1e-5 + 1e-5 * Math.abs(value));
    assertGradient(analytic, point, f, what);
  }

  /** {@link #assertMatchesReference} on a forward output and the scores it was computed from. */
  private static void assertOutputMatchesReference(
      LossOutput out, float[] scores, ToDoubleFunction<double[]> f, String what) {
    assertMatchesReference(out.value(), out.gradient().toArray(), toDouble(scores), f, what);
  }

  /** {@link #assertOutputMatchesReference} against the draw's pointwise reference loss. */
  private static void assertPointwiseMatchesReference(
      Draw draw, LossOutput out, float[] scores, double[] labels, double[] weights, String what) {
    assertOutputMatchesReference(
        out, scores, p -> draw.reference().pointwise(p, labels, weights), what);
  }

  private static void assertGradient(
      float[] analytic, double[] point, ToDoubleFunction<double[]> f, String what) {
    for (int i = 0; i < point.length; i++) {
      double saved = point[i];
      point[i] = saved + STEP;
      double up = f.applyAsDouble(point);
      point[i] = saved - STEP;
      double down = f.applyAsDouble(point);
      point[i] = saved;
      double numeric = (up - down) / (2 * STEP);
      double tolerance = 1e-4 + 1e-3 * Math.abs(numeric);
      int index = i;
      assertTrue(
          Math.abs(analytic[i] - numeric) <= tolerance,
          () ->
              what
                  + "["
                  + index
                  + "]: analytic "
                  + analytic[index]
                  + " vs finite difference "
                  + numeric);
    }
  }

  @Property(tries = 150)
  void forwardGradientMatchesFiniteDifferences(@ForAll("draws") Draw draw) {
    int rows = draw.dimension(4);
    int cols = draw.dimension(6);
    float[] x = draw.scoresAwayFromKinks(rows * cols);
    float[] t = new float[rows * cols];
    SplittableRandom random = draw.random();
    for (int i = 0; i < t.length; i++) {
      t[i] = random.nextBoolean() ? (float) random.nextDouble() : (random.nextBoolean() ? 1f : 0f);
    }
    LossOutput out =
        draw.loss().forward(FloatTensor.of(x, rows, cols), FloatTensor.of(t, rows, cols));
    assertPointwiseMatchesReference(draw, out, x, toDouble(t), null, "predictions");
  }

  @Property(tries = 100)
  void broadcastGradientIsSummedBack(@ForAll("draws") Draw draw) {
    int rows = draw.dimension(4);
    int cols = draw.dimension(5);
    float[] x = draw.scoresAwayFromKinks(cols);
    float[] t = new float[rows * cols];
    SplittableRandom random = draw.random();
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) random.nextDouble();
    }
    // predictions (cols,) broadcast against labels (rows, cols)
    LossOutput out = draw.loss().forward(FloatTensor.of(x, cols), FloatTensor.of(t, rows, cols));
    double[] labels = toDouble(t);
    ToDoubleFunction<double[]> f =
        p -> {
          double[] expanded = new double[rows * cols];
          for (int i = 0; i < expanded.length; i++) {
            expanded[i] = p[i % cols];
          }
          return draw.reference().pointwise(expanded, labels, null);
        };
    assertOutputMatchesReference(out, x, f, "broadcast predictions");
  }

  @Property(tries = 100)
  void weightedLcwaGradientMatchesFiniteDifferences(@ForAll("draws") Draw draw) {
    int n = draw.dimension(12);
    float[] x = draw.scoresAwayFromKinks(n);
    float[] t = new float[n];
    float[] w = new float[n];
    SplittableRandom random = draw.random();
    for (int i = 0; i < n; i++) {
      t[i] = random.nextBoolean() ? 1f : 0f;
      w[i] = (float) random.nextDouble(0, 2);
    }
    double epsilon = random.nextDouble(0, 0.5);
    int numEntities = 2 + random.nextInt(50);
    DoubleMarginLoss loss = draw.loss();
    LossOutput out =
        loss.processLcwaScores(
            FloatTensor.of(x, n), FloatTensor.of(t, n), epsilon, numEntities, FloatTensor.of(w, n));
    double[] smoothed = new double[n];
    for (int i = 0; i < n; i++) {
      smoothed[i] = (1 - epsilon) * t[i] + epsilon / (numEntities - 1) * (1 - t[i]);
    }
    assertPointwiseMatchesReference(draw, out, x, smoothed, toDouble(w), "lcwa");
  }

  @Property(tries = 100)
  void slcwaGradientsMatchFiniteDifferences(@ForAll("draws") Draw draw) {
    int b = draw.dimension(5);
    int k = draw.dimension(6);
    float[] positives = draw.scoresAwayFromKinks(b);
    float[] negatives = draw.scoresAwayFromKinks(b * k);
    SplittableRandom random = draw.random();
    boolean filtered = random.nextBoolean();
    double[] pos = toDouble(positives);
    double[] neg = toDouble(negatives);
    if (!filtered) {
      SlcwaLossOutput out =
          draw.loss()
              .processSlcwaScores(
                  FloatTensor.of(positives, b, 1),
                  FloatTensor.of(negatives, b, k),
                  null,
                  null,
                  null);
      assertMatchesReference(
          out.value(),
          out.positiveGradient().toArray(),
          pos,
          p -> draw.reference().denseSlcwa(p, neg, k),
          "positives");
      assertGradient(
          out.negativeGradient().toArray(),
          neg,
          q -> draw.reference().denseSlcwa(pos, q, k),
          "negatives");
      return;
    }
    boolean[] keep = new boolean[b * k];
    for (int j = 0; j < keep.length; j++) {
      keep[j] = random.nextDouble() < 0.6;
    }
    SlcwaLossOutput out = LossFixtures.processKept(draw.loss(), positives, negatives, keep, b, k);
    assertMatchesReference(
        out.value(),
        out.positiveGradient().toArray(),
        pos,
        p -> draw.reference().filteredSlcwa(p, neg, keep, k),
        "filtered positives");
    // The compact gradient, scattered back, must match finite differences on the kept scores.
    float[] denseGradient = new float[b * k];
    for (int j = 0, c = 0; j < keep.length; j++) {
      if (keep[j]) {
        denseGradient[j] = out.negativeGradient().getFlat(c++);
      }
    }
    assertGradient(
        denseGradient,
        neg,
        q -> draw.reference().filteredSlcwa(pos, q, keep, k),
        "filtered negatives");
  }
}
