package org.kge4j.hpo.study;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.kge4j.hpo.HpoParameter;

/**
 * An immutable snapshot of one trial, as stored: Optuna's {@code FrozenTrial}.
 *
 * @param number the trial's number in its study, unique across all workers (0, 1, 2, ...)
 * @param state the trial's state
 * @param value the objective value: present for {@code COMPLETE} trials, and for {@code PRUNED}
 *     ones whose last intermediate value was finite
 * @param params the suggested values ({@code Double}, {@code Integer} or {@code String}) by name,
 *     in the order the objective asked for them
 * @param distributions the parameter each value was drawn from, with the same keys as {@code
 *     params}
 * @param intermediateValues the reported values by step (epoch), ascending
 * @param start when a worker started the trial (absent while {@code WAITING})
 * @param end when it finished (absent until then)
 * @param failMessage why a {@code FAIL} trial failed (absent otherwise)
 * @param userAttributes attributes set by the objective
 * @param systemAttributes attributes set by samplers, pruners and the study (e.g. successive
 *     halving's {@code completed_rung_0}, an enqueued trial's fixed parameters)
 */
public record FrozenTrial(
    int number,
    TrialState state,
    OptionalDouble value,
    Map<String, Object> params,
    Map<String, HpoParameter> distributions,
    NavigableMap<Integer, Double> intermediateValues,
    Optional<Instant> start,
    Optional<Instant> end,
    Optional<String> failMessage,
    Map<String, String> userAttributes,
    Map<String, String> systemAttributes) {

  /** Validates and copies the maps (the parameter order is kept). */
  public FrozenTrial {
    Preconditions.atLeast("trial number", number, 0);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(failMessage, "failMessage");
    if (!params.keySet().equals(distributions.keySet())) {
      throw new IllegalArgumentException(
          "trial "
              + number
              + ": params "
              + params.keySet()
              + " and distributions "
              + distributions.keySet()
              + " must have the same names");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    intermediateValues = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
    userAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(userAttributes));
    systemAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttributes));
  }

  /** The last step with a reported intermediate value, if any. */
  public OptionalInt lastStep() {
    return intermediateValues.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(intermediateValues.lastKey());
  }

  /** The wall-clock time from start to end, once finished. */
  public Optional<Duration> duration() {
    return start.flatMap(s -> end.map(e -> Duration.between(s, e)));
  }
}
