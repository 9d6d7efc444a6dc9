package org.kge4j.loss;

import java.util.SplittableRandom;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;
import org.kge4j.testing.Masks;

/**
 * What the randomised loss tests share: a random configuration, and the filtered sLCWA call of the
 * tensor API from dense test data (the public entry point takes only the kept negatives, in order,
 * next to the {@code (b, k)} keep mask, so tests that hold all {@code b·k} negative scores compact
 * them here first).
 */
final class LossFixtures {

  private LossFixtures() {}

  /** A random configuration: both activations and reductions, margins from the HPO ranges. */
  static DoubleMarginLoss randomLoss(SplittableRandom random) {
    return DoubleMarginLoss.builder()
        .positiveMargin(random.nextDouble(-1, 1))
        .offset(random.nextDouble(0, 1))
        .positiveNegativeBalance(random.nextDouble(0.05, 0.95))
        .marginActivation(random.nextBoolean() ? "relu" : "softplus")
        .reduction(random.nextBoolean() ? "mean" : "sum")
        .build();
  }

  /**
   * {@code loss.processSlcwaScores} of the positives {@code (b)} and the negatives of {@code
   * negatives} (dense, {@code b·k}) that {@code keep} keeps.
   */
  static SlcwaLossOutput processKept(
      DoubleMarginLoss loss, float[] positives, float[] negatives, boolean[] keep, int b, int k) {
    int kept = Masks.count(keep);
    float[] compact = new float[kept];
    for (int j = 0, c = 0; j < keep.length; j++) {
      if (keep[j]) {
        compact[c++] = negatives[j];
      }
    }
    return loss.processSlcwaScores(
        FloatTensor.of(positives, b),
        FloatTensor.of(compact, kept),
        null,
        BoolTensor.of(keep, b, k),
        null);
  }
}
