package org.kge4j.model;

import java.util.Optional;

/**
 * The closed interval {@code [lower, upper]} that a model's scores can take; infinite bounds mean
 * unbounded. Distance models such as TransE and RotatE score {@code -distance}, so their range is
 * {@code (-inf, 0]}.
 *
 * <p>{@link #marginConflict} relates the range to a double-margin loss: with positive margin {@code
 * λ} and negative margin {@code λ̄}, a positive's loss term is zero at {@code score >= λ} and a
 * negative's at {@code score <= -λ̄}. Training can only separate positives from negatives when both
 * zones meet the range and do not overlap: {@code λ <= upper}, {@code -λ̄ >= lower} and {@code -λ̄
 * < λ}. For scores {@code <= 0} this means {@code λ <= 0} and {@code λ̄ > -λ >= 0}, i.e. {@code λ̄
 * > λ}, which PyKEEN's {@code resolve_margin} forbids; use {@code
 * DoubleMarginLoss.fromDistanceLimits(γ1, γ2, μ1)} ({@code λ = -γ1}, {@code λ̄ = γ2}) instead.
 *
 * @param lower smallest possible score, may be {@link Double#NEGATIVE_INFINITY}
 * @param upper largest possible score, may be {@link Double#POSITIVE_INFINITY}
 */
public record ScoreRange(double lower, double upper) {

  /** Scores of any real value (DistMult, ComplEx). */
  public static final ScoreRange UNBOUNDED =
      new ScoreRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  /** Scores {@code <= 0}: negative distances (TransE, RotatE). */
  public static final ScoreRange NON_POSITIVE = new ScoreRange(Double.NEGATIVE_INFINITY, 0.0);

  /**
   * Checks the interval.
   *
   * @throws IllegalArgumentException if a bound is NaN or {@code lower > upper}
   */
  public ScoreRange {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException(
          "score range needs lower <= upper (no NaN), got [" + lower + ", " + upper + "]");
    }
  }

  /** Whether {@code score} lies in the range. */
  public boolean contains(double score) {
    return score >= lower && score <= upper;
  }

  /**
   * Explains why a double-margin loss with these margins cannot separate scores of this range, or
   * returns empty when it can (see the class description).
   *
   * @param positiveMargin {@code λ}: positives reach zero loss at {@code score >= λ}
   * @param negativeMargin {@code λ̄}: negatives reach zero loss at {@code score <= -λ̄}
   */
  public Optional<String> marginConflict(double positiveMargin, double negativeMargin) {
    double positiveZone = positiveMargin;
    double negativeZone = 0.0 - negativeMargin;
    String zones =
        "positives reach zero loss at score >= "
            + positiveZone
            + " and negatives at score <= "
            + negativeZone
            + ", but scores lie in "
            + this;
    if (positiveZone > upper) {
      return Optional.of(
          zones
              + ": no positive can reach its zone (positive margin "
              + positiveMargin
              + " > "
              + upper
              + ")");
    }
    if (negativeZone < lower) {
      return Optional.of(
          zones
              + ": no negative can reach its zone (-negative margin "
              + negativeZone
              + " < "
              + lower
              + ")");
    }
    if (negativeZone >= positiveZone) {
      return Optional.of(
          zones
              + ": the zones overlap (need negative margin "
              + negativeMargin
              + " > -positive margin "
              + (-positiveMargin)
              + ")");
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return (lower == Double.NEGATIVE_INFINITY ? "(-inf" : "[" + lower)
        + ", "
        + (upper == Double.POSITIVE_INFINITY ? "+inf)" : upper + "]");
  }
}
