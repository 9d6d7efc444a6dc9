package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.hpo.study.Trials.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hyperband's brackets, budgets and trial assignment. */
class HyperbandPrunerTest {
  @Test
  void bracketsAndBudgetsFollowTheResourceRange() {
    // r = 1, R = 64, η = 4: rungs 1, 4, 16, 64 → 4 brackets; budgets ⌈4·4^s/(s+1)⌉ for s = 3..0
    HyperbandPruner hb = new HyperbandPruner(1, 64);
    assertEquals(4, hb.numBrackets());
    assertArrayEquals(new int[] {64, 22, 8, 4}, hb.budgets());
    // r = 3, R = 100: 3, 12, 48 (192 > 100) → 3 brackets, ⌈3·16/3⌉, ⌈3·4/2⌉, 3
    assertArrayEquals(new int[] {16, 6, 3}, new HyperbandPruner(3, 100).budgets());
    assertEquals(1, new HyperbandPruner(5, 5).numBrackets());
  }

  @Test
  void trialsAreAssignedByTheCrcOfStudyNameAndNumber() {
    // CRC32("kge_n") mod 98 (Python's binascii.crc32) for n = 0..9: 57 39 25 67 68 36 62 80 67
    // 29; [0, 64) is bracket 0, [64, 86) bracket 1; Optuna 5.0's HyperbandPruner agrees
    HyperbandPruner hb = new HyperbandPruner(1, 64);
    int[] expected = {0, 0, 0, 1, 1, 0, 0, 1, 1, 0};
    for (int n = 0; n < expected.length; n++) {
      assertEquals(expected[n], hb.bracket("kge", n), "trial " + n);
    }
  }

  @Test
  void eachBracketIsSuccessiveHalvingOverItsOwnTrials() {
    HyperbandPruner hb = new HyperbandPruner(1, 64);
    // trials 0, 1, 2 are in bracket 0 (its first rung ends at step 1), 3 and 4 in bracket 1 (at 4)
    List<FrozenTrial> trials = new ArrayList<>();
    trials.add(
        Trials.withSystemAttributes(
            trial(0, TrialState.COMPLETE, 0.9, Map.of(1, 0.9)), Map.of("completed_rung_0", "0.9")));
    trials.add(trial(3, TrialState.RUNNING, null, Map.of(1, 0.1)));
    FixedStudyView study = new FixedStudyView("kge", StudyDirection.MAXIMIZE, trials);
    assertFalse(hb.prune(study, study.get(3)), "bracket 1 does not look at step 1");
    FrozenTrial one = trial(1, TrialState.RUNNING, null, Map.of(1, 0.5));
    study.put(one);
    assertTrue(hb.prune(study, one), "bracket 0: 0.5 loses to trial 0's 0.9");
    FrozenTrial four = trial(4, TrialState.RUNNING, null, Map.of(4, 0.2));
    study.put(four);
    assertFalse(hb.prune(study, four), "bracket 1: alone at its first rung, promoted");
    // the sampler of a bracket-0 trial learns from bracket 0 only
    assertEquals(
        List.of(0, 1),
        hb.samplingView(study, trial(2, TrialState.RUNNING, null, Map.of())).trials().stream()
            .map(FrozenTrial::number)
            .toList());
  }

  @Test
  void rejectsAnEmptyResourceRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new HyperbandPruner(10, 5));
    assertEquals("max_resource must be >= min_resource 10, got 5", e.getMessage());
  }
}
