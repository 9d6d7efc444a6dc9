package org.kge4j.cli;

import java.util.OptionalDouble;

/**
 * What one training epoch left behind: its mean training loss and, when the run evaluated on the
 * validation split after that epoch, the validation MRR ({@code
 * both.realistic.inverse_harmonic_mean_rank}).
 *
 * <p>One row of {@code losses.tsv} and one point of the plot.
 *
 * @param epoch the epoch number, counted from 1
 * @param loss the epoch's training loss, as the training loop reports it
 * @param validationMrr the validation MRR after this epoch, empty when it was not evaluated
 */
public record EpochRecord(int epoch, double loss, OptionalDouble validationMrr) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code epoch < 1} or the MRR lies outside [0, 1]
   */
  public EpochRecord {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
    }
    if (validationMrr == null) {
      throw new IllegalArgumentException(
          "validationMrr must not be null; use OptionalDouble.empty()");
    }
    if (validationMrr.isPresent()
        && !(validationMrr.getAsDouble() >= 0 && validationMrr.getAsDouble() <= 1)) {
      throw new IllegalArgumentException(
          "validation MRR must be in [0, 1], got " + validationMrr.getAsDouble());
    }
  }

  /** An epoch without validation. */
  public static EpochRecord of(int epoch, double loss) {
    return new EpochRecord(epoch, loss, OptionalDouble.empty());
  }

  /** An epoch followed by a validation whose MRR was {@code validationMrr}. */
  public static EpochRecord of(int epoch, double loss, double validationMrr) {
    return new EpochRecord(epoch, loss, OptionalDouble.of(validationMrr));
  }
}
