package org.kge4j.rdf;

import java.util.List;

/**
 * The fractions of a graph's triples that go to training, validation and testing (PyKEEN's {@code
 * ratios}): each in {@code (0, 1)}, summing to 1 within {@value #EPSILON} (PyKEEN's {@code
 * normalize_ratios} tolerance).
 *
 * @param training the training fraction
 * @param validation the validation fraction
 * @param testing the testing fraction
 */
public record SplitRatios(double training, double validation, double testing) {

  /** The tolerance of the sum, as PyKEEN's {@code normalize_ratios}. */
  public static final double EPSILON = 1e-6;

  /** 80 % training, 10 % validation, 10 % testing. */
  public static final SplitRatios DEFAULT = new SplitRatios(0.8, 0.1, 0.1);

  /**
   * Checks the fractions.
   *
   * @throws IllegalArgumentException if a fraction is not in {@code (0, 1)} or the sum is not 1
   */
  public SplitRatios {
    double[] values = {training, validation, testing};
    String[] names = {"training", "validation", "testing"};
    for (int i = 0; i < 3; i++) {
      if (!(values[i] > 0 && values[i] < 1)) {
        throw new IllegalArgumentException(
            "split ratio "
                + names[i]
                + " must be in the open interval (0, 1), got "
                + values[i]
                + " in "
                + List.of(training, validation, testing));
      }
    }
    double sum = training + validation + testing;
    if (Math.abs(sum - 1) > EPSILON) {
      throw new IllegalArgumentException(
          "split ratios must sum to 1, got "
              + List.of(training, validation, testing)
              + " with sum "
              + sum);
    }
  }

  /**
   * Parses {@code training,validation,testing}, or {@code training,validation} with testing the
   * rest (as PyKEEN's {@code normalize_ratios} appends {@code 1 - sum}).
   *
   * @throws IllegalArgumentException if the text is not two or three numbers that make valid ratios
   */
  public static SplitRatios parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 2 && parts.length != 3) {
      throw new IllegalArgumentException(
          "expected training,validation,testing ratios such as 0.8,0.1,0.1 (or 0.8,0.1 with"
              + " testing the rest), got \""
              + text
              + "\"");
    }
    double[] values = new double[3];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "expected numbers such as 0.8,0.1,0.1, got \""
                + parts[i].trim()
                + "\" in \""
                + text
                + "\"",
            e);
      }
    }
    if (parts.length == 2) {
      values[2] = 1 - values[0] - values[1];
    }
    return new SplitRatios(values[0], values[1], values[2]);
  }

  /**
   * The number of triples of each part for {@code n} triples, as PyKEEN's {@code
   * get_absolute_split_sizes}: split points {@code floor(cumulative ratio * n)}, the last at {@code
   * n}, so the sizes sum to {@code n}.
   *
   * @param n the number of triples, {@code >= 0}
   */
  public int[] sizes(int n) {
    // The tolerance of the sum may put the second point a hair beyond n.
    int first = (int) Math.min(training * n, n);
    int second = (int) Math.min((training + validation) * n, n);
    return new int[] {first, second - first, n - second};
  }

  /** The three fractions in order. */
  public List<Double> toList() {
    return List.of(training, validation, testing);
  }

  @Override
  public String toString() {
    return training + "," + validation + "," + testing;
  }
}
