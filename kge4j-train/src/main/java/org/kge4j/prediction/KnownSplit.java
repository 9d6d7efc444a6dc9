package org.kge4j.prediction;

import java.util.Locale;

/**
 * A split of a dataset whose triples count as known (PyKEEN's {@code in_training}, {@code
 * in_validation}, {@code in_testing} membership columns). Predictions drop answers known in the
 * splits they filter and flag answers known in any split.
 */
public enum KnownSplit implements LowerCaseLabel {
  /** The training triples. */
  TRAINING,
  /** The validation triples. */
  VALIDATION,
  /** The testing triples. */
  TESTING;

  /**
   * The split named {@code name}, ignoring case: {@code training}/{@code train}, {@code
   * validation}/{@code valid}, {@code testing}/{@code test}.
   *
   * @throws IllegalArgumentException for any other name, listing the valid ones
   */
  public static KnownSplit of(String name) {
    String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
    switch (key) {
      case "training":
      case "train":
        return TRAINING;
      case "validation":
      case "valid":
        return VALIDATION;
      case "testing":
      case "test":
        return TESTING;
      default:
        throw new IllegalArgumentException(
            "split must be one of training (train), validation (valid), testing (test), got '"
                + name
                + "'");
    }
  }
}
