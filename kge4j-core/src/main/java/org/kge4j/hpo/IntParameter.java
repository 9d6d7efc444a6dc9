package org.kge4j.hpo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An integer range {@code low, low + step, ..., <= high}, sampled uniformly among those values, or,
 * with {@code log}, log-uniformly and rounded to the grid of steps.
 *
 * @param name the keyword name
 * @param low the lower bound (included)
 * @param high the upper bound (included when on the step grid)
 * @param step the spacing, at least 1
 * @param log whether to sample on a log scale (needs {@code low > 0})
 */
public record IntParameter(String name, int low, int high, int step, boolean log)
    implements HpoParameter {
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
  }

  private int count() {
    return (high - low) / step + 1;
  }

  @Override
  public Object sample(RandomGenerator random) {
    if (!log) {
      return low + step * random.nextInt(count());
    }
    double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    int index = (int) Math.round((value - low) / step);
    return low + step * Math.min(count() - 1, Math.max(0, index));
  }

  @Override
  public List<Object> grid(int pointsPerRange) {
    HpoChecks.requirePoints(pointsPerRange);
    int count = count();
    List<Object> values = new ArrayList<>();
    int points = Math.min(pointsPerRange, count);
    for (int i = 0; i < points; i++) {
      int index = points == 1 ? 0 : (int) Math.round((double) i * (count - 1) / (points - 1));
      int value = low + step * index;
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
