package org.kge4j.hpo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A choice among named options, sampled uniformly.
 *
 * @param name the keyword name
 * @param choices the distinct options, in a fixed order (an unmodifiable copy is kept)
 */
public record CategoricalParameter(String name, List<String> choices) implements HpoParameter {
  /** Validates and copies the choices. */
  public CategoricalParameter {
    HpoChecks.requireName(name);
    if (choices == null || choices.isEmpty()) {
      throw new IllegalArgumentException(
          "categorical parameter " + name + " needs at least one choice");
    }
    if (choices.stream().anyMatch(Objects::isNull)
        || new HashSet<>(choices).size() != choices.size()) {
      throw new IllegalArgumentException(
          "categorical parameter " + name + " needs distinct non-null choices, got " + choices);
    }
    choices = List.copyOf(choices);
  }

  @Override
  public Object sample(RandomGenerator random) {
    return choices.get(random.nextInt(choices.size()));
  }

  @Override
  public List<Object> grid(int pointsPerRange) {
    HpoChecks.requirePoints(pointsPerRange);
    return new ArrayList<>(choices);
  }

  @Override
  public CategoricalParameter withName(String newName) {
    return new CategoricalParameter(newName, choices);
  }
}
