package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.HpoSpace;

/**
 * Grid search: every combination of the given values, each once, in a fixed order (Optuna's {@code
 * GridSampler} visits them in random order and may repeat points under parallel workers; this one
 * does neither).
 *
 * <p>Point {@code i} of the Cartesian product, in row-major order (the first parameter varies
 * slowest, like {@code itertools.product}), is the point of trial number {@code i}. Trial numbers
 * are unique across workers, so parallel workers never repeat a point, and the study creates no
 * trial beyond the grid ({@link #trialLimit()}). A failed trial's point is not retried; trials
 * enqueued with fixed parameters use up the points of their numbers.
 */
public final class GridSampler implements Sampler {
  private final Map<String, List<Object>> values;
  private final int size;

  /**
   * A grid over the given values per parameter name, in the map's iteration order (pass a {@code
   * LinkedHashMap} for a defined order). Each list must be non-empty and the product at most {@code
   * Integer.MAX_VALUE} points.
   */
  public GridSampler(Map<String, ? extends List<?>> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a grid needs at least one parameter");
    }
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    long product = 1;
    for (Map.Entry<String, ? extends List<?>> e : values.entrySet()) {
      if (e.getValue().isEmpty() || e.getValue().stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException(
            "grid values of parameter "
                + e.getKey()
                + " must be a non-empty list without nulls, got "
                + e.getValue());
      }
      copy.put(e.getKey(), List.copyOf(e.getValue()));
      product *= e.getValue().size();
      if (product > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "a grid may have at most " + Integer.MAX_VALUE + " points, got more");
      }
    }
    this.values = Collections.unmodifiableMap(copy);
    this.size = (int) product;
  }

  /** The grid of a search space: {@link HpoParameter#grid(int)} of each of its parameters. */
  public static GridSampler of(HpoSpace space, int pointsPerRange) {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    space.parameters().forEach((name, p) -> values.put(name, p.grid(pointsPerRange)));
    return new GridSampler(values);
  }

  /** The values per parameter, in grid order. */
  public Map<String, List<Object>> values() {
    return values;
  }

  /** The number of points. */
  public int size() {
    return size;
  }

  /** Point {@code index} (row-major: the last parameter varies fastest). */
  public Map<String, Object> point(int index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "grid point index must be in [0, " + size + "), got " + index);
    }
    List<String> names = new ArrayList<>(values.keySet());
    Object[] chosen = new Object[names.size()];
    int rest = index;
    for (int d = names.size() - 1; d >= 0; d--) {
      List<Object> axis = values.get(names.get(d));
      chosen[d] = axis.get(rest % axis.size());
      rest /= axis.size();
    }
    Map<String, Object> point = new LinkedHashMap<>();
    for (int d = 0; d < names.size(); d++) {
      point.put(names.get(d), chosen[d]);
    }
    return Collections.unmodifiableMap(point);
  }

  @Override
  public Object sampleIndependent(StudyView study, FrozenTrial trial, HpoParameter parameter) {
    if (!values.containsKey(parameter.name())) {
      throw new IllegalArgumentException(
          "the grid has no values for parameter "
              + parameter.name()
              + "; it has "
              + values.keySet());
    }
    return ParameterValues.coerce(parameter, point(trial.number()).get(parameter.name()));
  }

  @Override
  public OptionalInt trialLimit() {
    return OptionalInt.of(size);
  }

  @Override
  public String toString() {
    return "GridSampler(" + size + " points over " + values.keySet() + ")";
  }
}
