package org.kge4j.hpo.study;

import java.util.Optional;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.PowerTwoParameter;

/**
 * Values of parameters: admissibility, the canonical Java type, and Optuna's "internal
 * representation" (a double: the value of a numeric parameter, the index of a choice).
 */
final class ParameterValues {
  private ParameterValues() {}

  /**
   * The value as the parameter's canonical type ({@code Double}, {@code Integer}, {@code String}),
   * or an {@link IllegalArgumentException} naming the parameter, the value and the valid range.
   */
  static Object coerce(HpoParameter parameter, Object value) {
    Optional<Object> canonical = tryCoerce(parameter, value);
    if (canonical.isEmpty()) {
      throw new IllegalArgumentException(
          "parameter "
              + parameter.name()
              + " must be "
              + describe(parameter)
              + ", got "
              + value
              + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"));
    }
    return canonical.get();
  }

  /** Whether {@link #coerce} would accept the value. */
  static boolean admissible(HpoParameter parameter, Object value) {
    return tryCoerce(parameter, value).isPresent();
  }

  private static Optional<Object> tryCoerce(HpoParameter parameter, Object value) {
    if (parameter instanceof CategoricalParameter c) {
      return value instanceof String s && c.choices().contains(s)
          ? Optional.of(s)
          : Optional.empty();
    }
    if (!(value instanceof Number number)) {
      return Optional.empty();
    }
    double v = number.doubleValue();
    if (parameter instanceof FloatParameter f) {
      return v >= f.low() && v <= f.high() ? Optional.of(v) : Optional.empty();
    }
    if (parameter instanceof PowerTwoParameter t) {
      boolean power =
          v == Math.rint(v) && v >= 1 && v <= (1 << 30) && Integer.bitCount((int) v) == 1;
      int exponent = power ? Integer.numberOfTrailingZeros((int) v) : -1;
      return power && exponent >= t.low() && exponent <= t.high()
          ? Optional.of((int) v)
          : Optional.empty();
    }
    IntParameter i = (IntParameter) parameter;
    if (v != Math.rint(v) || v < i.low() || v > i.maxValue()) {
      return Optional.empty();
    }
    long offset = (long) v - i.low();
    return offset % i.step() == 0 ? Optional.of((int) v) : Optional.empty();
  }

  /** The admissible values in words, e.g. {@code "a float in [0.001, 0.1] (log scale)"}. */
  static String describe(HpoParameter parameter) {
    if (parameter instanceof CategoricalParameter c) {
      return "one of " + c.choices();
    }
    if (parameter instanceof FloatParameter f) {
      return "a float in [" + f.low() + ", " + f.high() + "]" + (f.log() ? " (log scale)" : "");
    }
    if (parameter instanceof PowerTwoParameter t) {
      return "a power of two in [2^" + t.low() + ", 2^" + t.high() + "]";
    }
    IntParameter i = (IntParameter) parameter;
    return "an int in ["
        + i.low()
        + ", "
        + i.maxValue()
        + "]"
        + (i.step() > 1 ? " with step " + i.step() : "")
        + (i.log() ? " (log scale)" : "");
  }

  /** The value of a parameter that admits exactly one, if it does (Optuna's {@code single()}). */
  static Optional<Object> singleValue(HpoParameter parameter) {
    if (parameter instanceof CategoricalParameter c) {
      return c.choices().size() == 1 ? Optional.of(c.choices().get(0)) : Optional.empty();
    }
    if (parameter instanceof FloatParameter f) {
      return f.low() == f.high() ? Optional.of(f.low()) : Optional.empty();
    }
    if (parameter instanceof PowerTwoParameter t) {
      return t.low() == t.high() ? Optional.of(1 << t.low()) : Optional.empty();
    }
    IntParameter i = (IntParameter) parameter;
    return i.maxValue() == i.low() ? Optional.of(i.low()) : Optional.empty();
  }

  /** Optuna's internal representation: the number, or the index of the choice. */
  static double toInternal(HpoParameter parameter, Object value) {
    if (parameter instanceof CategoricalParameter c) {
      return c.choices().indexOf(value);
    }
    return ((Number) value).doubleValue();
  }

  /** The inverse of {@link #toInternal}. */
  static Object fromInternal(HpoParameter parameter, double internal) {
    if (parameter instanceof CategoricalParameter c) {
      return c.choices().get((int) internal);
    }
    if (parameter instanceof FloatParameter) {
      return internal;
    }
    return (int) Math.round(internal);
  }
}
