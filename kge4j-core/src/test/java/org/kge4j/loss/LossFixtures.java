package org.kge4j.loss;

import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * The filtered sLCWA call of the tensor API from dense test data: the public entry point takes only
 * the kept negatives, in order, next to the {@code (b, k)} keep mask, so the tests that hold all
 * {@code b·k} negative scores compact them here first.
 */
final class KeptNegatives {

  private KeptNegatives() {}

  /**
   * {@code loss.processSlcwaScores} of the positives {@code (b)} and the negatives of {@code
   * negatives} (dense, {@code b·k}) that {@code keep} keeps.
   */
  static SlcwaLossOutput processSlcwaScores(
      DoubleMarginLoss loss, float[] positives, float[] negatives, boolean[] keep, int b, int k) {
    int kept = 0;
    for (boolean kj : keep) {
      kept += kj ? 1 : 0;
    }
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
