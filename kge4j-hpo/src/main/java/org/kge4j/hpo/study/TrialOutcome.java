package org.kge4j.hpo.study;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a trial finished, as {@link StudyStorage#finishTrial} records it: a finished state, the
 * trial's value and, for {@code FAIL}, the message saying why.
 *
 * @param state {@code COMPLETE}, {@code PRUNED} or {@code FAIL}
 * @param value the objective's value ({@code COMPLETE}), the last finite intermediate value ({@code
 *     PRUNED}), or empty
 * @param failMessage why the trial failed ({@code FAIL}), or empty
 */
public record TrialOutcome(TrialState state, OptionalDouble value, Optional<String> failMessage) {

  /**
   * Checks the state.
   *
   * @throws IllegalArgumentException if {@code state} is not a finished state ({@link
   *     TrialState#requireFinished})
   */
  public TrialOutcome {
    state.requireFinished();
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(failMessage, "failMessage");
  }

  /** A {@code COMPLETE} trial whose objective returned {@code value}. */
  public static TrialOutcome complete(double value) {
    return new TrialOutcome(TrialState.COMPLETE, OptionalDouble.of(value), Optional.empty());
  }

  /** A {@code PRUNED} trial with its last finite intermediate value, if any. */
  public static TrialOutcome pruned(OptionalDouble lastValue) {
    return new TrialOutcome(TrialState.PRUNED, lastValue, Optional.empty());
  }

  /** A {@code FAIL}ed trial, {@code message} saying why. */
  public static TrialOutcome failed(String message) {
    return new TrialOutcome(TrialState.FAIL, OptionalDouble.empty(), Optional.of(message));
  }
}
