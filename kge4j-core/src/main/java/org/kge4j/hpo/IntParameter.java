package org.kge4j.hpo;

import java.util.ArrayList;
import java.util.List;

/**
 * An integer range {@code low, low + step, ..., <= high}, sampled uniformly among those values, or,
 * with {@code log} (step 1), log-uniformly: uniformly on its {@linkplain NumericParameter sampling
 * scale}, where value {@code v} owns the cell {@code [v − step/2, v + step/2]} (on a log scale
 * {@code [log(v − ½), log(v + ½)]}), as in Optuna.
 *
 * @param name the keyword name
 * @param low the lower bound (included)
 * @param high the upper bound (included when on the step grid)
 * @param step the spacing, at least 1; exactly 1 on a log scale (Optuna's rule: log-spaced values
 *     have no common step)
 * @param log whether to sample on a log scale (needs {@code low > 0})
 */
public record IntParameter(String name, int low, int high, int step, boolean log)
    implements NumericParameter {
  /** Validates the bounds. */
  public IntParameter {
    HpoChecks.requireName(name);
    if (low > high) {
      throw new IllegalArgumentException(
          "int parameter " + name + " needs low <= high, got [" + low + ", " + high + "]");
    }
    if (step < 1) {
      throw new IllegalArgumentException("int parameter " + name + " needs step >= 1, got " + step);
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException(
          "int parameter " + name + " on a log scale needs low > 0, got " + low);
    }
    if (log && step != 1) {
      throw new IllegalArgumentException(
          "int parameter " + name + " on a log scale needs step 1, got " + step);
    }
  }

  private long count() {
    return ((long) high - low) / step + 1;
  }

  /** The largest admissible value: the last point of the step grid at or below {@code high}. */
  public int maxValue() {
    return (int) (low + (count() - 1) * step);
  }

  @Override
  public double scaleLow() {
    return log ? Math.log(low - 0.5) : low - 0.5 * step;
  }

  @Override
  public double scaleHigh() {
    return log ? Math.log(maxValue() + 0.5) : maxValue() + 0.5 * step;
  }

  @Override
  public double toScale(double value) {
    return log ? Math.log(value) : value;
  }

  @Override
  public Object fromScale(double x) {
    double value = log ? Math.exp(x) : x;
    long index = (long) Math.floor((value - low) / step + 0.5);
    return (int) (low + step * Math.min(count() - 1, Math.max(0, index)));
  }

  @Override
  public List<Object> grid(int pointsPerRange) {
    HpoChecks.requirePoints(pointsPerRange);
    long count = count();
    List<Object> values = new ArrayList<>();
    int points = (int) Math.min(pointsPerRange, count);
    for (int i = 0; i < points; i++) {
      long index = points == 1 ? 0 : Math.round((double) i * (count - 1) / (points - 1));
      int value = (int) (low + step * index);
      if (values.isEmpty() || !values.get(values.size() - 1).equals(value)) {
        values.add(value);
      }
    }
    return values;
  }

  @Override
  public IntParameter withName(String newName) {
    return new IntParameter(newName, low, high, step, log);
  }
}
