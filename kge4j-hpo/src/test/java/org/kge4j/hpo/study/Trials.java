package org.kge4j.hpo.study;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Hand-made trials for sampler and pruner tests. */
final class Trials {
  private Trials() {}

  static FrozenTrial trial(
      int number, TrialState state, Double value, Map<Integer, Double> intermediate) {
    return new FrozenTrial(
        number,
        state,
        value == null ? OptionalDouble.empty() : OptionalDouble.of(value),
        Map.of(),
        Map.of(),
        new TreeMap<>(intermediate),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Map.of());
  }

  static FrozenTrial withSystemAttributes(FrozenTrial t, Map<String, String> attributes) {
    return new FrozenTrial(
        t.number(),
        t.state(),
        t.value(),
        t.params(),
        t.distributions(),
        t.intermediateValues(),
        t.start(),
        t.end(),
        t.failMessage(),
        t.userAttributes(),
        attributes);
  }
}
