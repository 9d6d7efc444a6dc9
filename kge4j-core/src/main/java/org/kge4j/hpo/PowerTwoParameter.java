package org.kge4j.hpo;

import java.util.ArrayList;
import java.util.List;

/**
 * Powers of two {@code 2^low, 2^(low + 1), ..., 2^high}, the exponent drawn uniformly (its sampling
 * scale is the exponent, one unit cell per exponent): PyKEEN's integer range with {@code
 * scale="power_two"} (e.g. {@code batch_size} with exponents 4..12, i.e. 16..4096). Values are the
 * powers themselves, not the exponents.
 *
 * @param name the keyword name
 * @param low the smallest exponent, {@code >= 0}
 * @param high the largest exponent, {@code low <= high <= 30}
 */
public record PowerTwoParameter(String name, int low, int high) implements NumericParameter {
  /** Validates the exponents. */
  public PowerTwoParameter {
    HpoChecks.requireName(name);
    if (low < 0 || high > 30 || low > high) {
      throw new IllegalArgumentException(
          "power-of-two parameter "
              + name
              + " needs exponents 0 <= low <= high <= 30, got ["
              + low
              + ", "
              + high
              + "]");
    }
  }

  /** The scale is the exponent itself (already logarithmic in the value), so not {@code log}. */
  @Override
  public boolean log() {
    return false;
  }

  @Override
  public double scaleLow() {
    return low - 0.5;
  }

  @Override
  public double scaleHigh() {
    return high + 0.5;
  }

  /** The exponent of {@code value}: {@code log2(value)}. */
  @Override
  public double toScale(double value) {
    return Math.log(value) / Math.log(2);
  }

  /** {@code 2^e} for the exponent {@code e} nearest to {@code x}, clipped to the range. */
  @Override
  public Object fromScale(double x) {
    long e = Math.round(x);
    return 1 << (int) Math.max(low, Math.min(high, e));
  }

  /** Every power in the range: the exponents are few, so {@code pointsPerRange} is not needed. */
  @Override
  public List<Object> grid(int pointsPerRange) {
    HpoChecks.requirePoints(pointsPerRange);
    List<Object> values = new ArrayList<>();
    for (int e = low; e <= high; e++) {
      values.add(1 << e);
    }
    return values;
  }

  @Override
  public PowerTwoParameter withName(String newName) {
    return new PowerTwoParameter(newName, low, high);
  }
}
