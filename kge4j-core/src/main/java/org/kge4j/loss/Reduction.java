package org.kge4j.loss;

import java.util.Locale;

/**
 * How element-wise loss values become one scalar: {@code MEAN} divides the sum by the number of
 * elements, {@code SUM} does not.
 */
public enum Reduction {
  /** {@code R(ℓ) = Σ ℓ / n}. */
  MEAN,
  /** {@code R(ℓ) = Σ ℓ}. */
  SUM;

  /**
   * Resolves {@code "mean"} or {@code "sum"}, ignoring case (rule R3; PyKEEN accepts only lower
   * case). Surrounding spaces are not ignored.
   *
   * @throws IllegalArgumentException for any other name, {@code null} included
   */
  public static Reduction of(String name) {
    if (name != null) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "mean":
          return MEAN;
        case "sum":
          return SUM;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "reduction must be 'mean' or 'sum' (case ignored), got "
            + (name == null ? "null" : "'" + name + "'"));
  }

  /** The PyKEEN name, {@code mean} or {@code sum}. */
  public String pykeenName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
