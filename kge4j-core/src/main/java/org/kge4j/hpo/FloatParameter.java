package org.kge4j.hpo;

import java.util.ArrayList;
import java.util.List;

/**
 * A float range {@code [low, high]}, sampled uniformly or, with {@code log}, log-uniformly ({@code
 * exp(U(log low, log high))}): uniformly on its {@linkplain NumericParameter sampling scale}.
 *
 * @param name the keyword name
 * @param low the lower bound (included)
 * @param high the upper bound (included)
 * @param log whether to sample and grid on a log scale (needs {@code low > 0})
 */
public record FloatParameter(String name, double low, double high, boolean log)
    implements NumericParameter {
  /** Validates the bounds. */
  public FloatParameter {
    HpoChecks.requireName(name);
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      throw new IllegalArgumentException(
          "float parameter " + name + " needs finite low <= high, got [" + low + ", " + high + "]");
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException(
          "float parameter " + name + " on a log scale needs low > 0, got " + low);
    }
  }

  @Override
  public double scaleLow() {
    return toScale(low);
  }

  @Override
  public double scaleHigh() {
    return toScale(high);
  }

  @Override
  public double toScale(double value) {
    return log ? Math.log(value) : value;
  }

  @Override
  public Object fromScale(double x) {
    // the ends of the scale map to the bounds exactly (exp(log 1e-3) is 1.0000000000000002e-3)
    if (x <= scaleLow()) {
      return low;
    }
    if (x >= scaleHigh()) {
      return high;
    }
    double value = log ? Math.exp(x) : x;
    return Math.min(high, Math.max(low, value));
  }

  @Override
  public List<Object> grid(int pointsPerRange) {
    HpoChecks.requirePoints(pointsPerRange);
    List<Object> values = new ArrayList<>();
    if (low == high || pointsPerRange == 1) {
      values.add(low);
      return values;
    }
    for (int i = 0; i < pointsPerRange; i++) {
      double f = (double) i / (pointsPerRange - 1);
      double value =
          log
              ? Math.exp(Math.log(low) + f * (Math.log(high) - Math.log(low)))
              : low + f * (high - low);
      // the ends are the bounds exactly (exp(log 1e-3) is 1.0000000000000002e-3)
      values.add(
          i == 0 ? low : i == pointsPerRange - 1 ? high : Math.min(high, Math.max(low, value)));
    }
    return values;
  }

  @Override
  public FloatParameter withName(String newName) {
    return new FloatParameter(newName, low, high, log);
  }
}
