package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrialOutcomeTest {

  @ParameterizedTest
  @EnumSource(
      value = TrialState.class,
      names = {"WAITING", "RUNNING"})
  void aTrialFinishesOnlyInAFinishedState(TrialState state) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TrialOutcome(state, OptionalDouble.empty(), Optional.empty()));
    assertEquals("a trial finishes as COMPLETE, PRUNED or FAIL, got " + state, e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = TrialState.class,
      names = {"COMPLETE", "PRUNED", "FAIL"})
  void theFinishedStatesAreOutcomes(TrialState state) {
    assertEquals(state, new TrialOutcome(state, OptionalDouble.empty(), Optional.empty()).state());
  }
}
