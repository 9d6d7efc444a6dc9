package org.kge4j.bench;

import java.util.SplittableRandom;
import org.kge4j.loss.DoubleMarginLoss;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Forward + backward of the LCWA double-margin loss through the array entry point {@link
 * DoubleMarginLoss#processLcwaScoresInto}: {@code n} scores as {@code B = 1000} rows of {@code n /
 * 1000}, labels with 1% ones (as LCWA's multi-hot targets), mean reduction, margins (1, 0), balance
 * 0.5. One operation is one call; elements/s = ops/s · n. Each call reads the scores and labels and
 * writes the gradient: 12 bytes per element.
 */
public class LcwaBenchmark extends MarginLossBenchmark {
  /** Bytes moved per element: read score and label, write gradient (float32 each). */
  public static final int BYTES_PER_ELEMENT = 12;

  /** Scores in the batch (B = 1000 rows). */
  @Param({"10000", "100000", "1000000", "10000000"})
  public int n;

  float[] predictions;
  float[] labels;
  float[] gradient;

  /** Scores uniform in [-3, 3), labels 1 with probability 1%. */
  @Override
  void fillInputs() {
    SplittableRandom random = new SplittableRandom(42);
    predictions = new float[n];
    labels = new float[n];
    gradient = new float[n];
    for (int i = 0; i < n; i++) {
      predictions[i] = (float) (random.nextDouble() * 6 - 3);
      labels[i] = random.nextInt(100) == 0 ? 1f : 0f;
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
    return loss.processLcwaScoresInto(predictions, labels, null, n, null, null, gradient);
  }
}
