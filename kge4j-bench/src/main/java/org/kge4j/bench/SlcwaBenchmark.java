package org.kge4j.bench;

import java.util.SplittableRandom;
import org.kge4j.loss.DoubleMarginLoss;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Forward + backward of the dense sLCWA double-margin loss through the array entry point {@link
 * DoubleMarginLoss#processSlcwaScoresInto}: {@code b} positives and {@code b × 64} negatives, mean
 * reduction, margins (1, 0), balance 0.5. One operation is one call; elements/s = ops/s · b · (K +
 * 1), counting every score. Each score is read and its gradient written: 8 bytes per element.
 */
public class SlcwaBenchmark extends MarginLossBenchmark {
  /** Negatives per positive. */
  public static final int K = 64;

  /** Bytes moved per element: read score, write gradient (float32 each). */
  public static final int BYTES_PER_ELEMENT = 8;

  /** Positives in the batch. */
  @Param({"10000", "100000", "1000000"})
  public int b;

  float[] positives;
  float[] negatives;
  float[] positiveGradient;
  float[] negativeGradient;

  /** Positive scores uniform in [-1, 3), negative scores in [-3, 1). */
  @Override
  void fillInputs() {
    SplittableRandom random = new SplittableRandom(43);
    positives = new float[b];
    negatives = new float[b * K];
    positiveGradient = new float[b];
    negativeGradient = new float[b * K];
    for (int i = 0; i < b; i++) {
      positives[i] = (float) (random.nextDouble() * 4 - 1);
    }
    for (int i = 0; i < negatives.length; i++) {
      negatives[i] = (float) (random.nextDouble() * 4 - 3);
    }
  }

  /**
   * One forward + backward pass.
   *
   * @return the loss value (consumed by JMH)
   */
  @Override
  @Benchmark
  public double forwardBackward() {
    return loss.processSlcwaScoresInto(
        positives, negatives, null, null, b, K, positiveGradient, negativeGradient);
  }
}
