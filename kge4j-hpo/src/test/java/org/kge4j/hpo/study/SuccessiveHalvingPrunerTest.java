package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.hpo.study.Trials.trial;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Successive halving's rung promotions, worked out by hand (η = 4, r = 1: rungs end at 1, 4, 16).
 */
class SuccessiveHalvingPrunerTest {
  private static boolean report(
      SuccessiveHalvingPruner pruner,
      FixedStudyView study,
      int number,
      Map<Integer, Double> values) {
    FrozenTrial t = study.get(number);
    FrozenTrial updated =
        Trials.withSystemAttributes(
            trial(number, TrialState.RUNNING, null, values),
            t == null ? Map.of() : t.systemAttributes());
    study.put(updated);
    return pruner.prune(study, updated);
  }

  @Test
  void promotesTheTopQuarterOfEachRung() {
    SuccessiveHalvingPruner asha = new SuccessiveHalvingPruner(1);
    FixedStudyView study = new FixedStudyView("asha", StudyDirection.MAXIMIZE, List.of());
    assertFalse(report(asha, study, 0, Map.of(0, 0.5)), "step 0 is before rung 0 ends");
    assertEquals(Map.of(), study.get(0).systemAttributes());
    // rung 0 (ends at step 1): fewer than η values, so only the best of them is promoted
    assertFalse(report(asha, study, 0, Map.of(0, 0.5, 1, 0.5)), "alone: promoted");
    assertEquals(Map.of("completed_rung_0", "0.5"), study.get(0).systemAttributes());
    assertTrue(report(asha, study, 1, Map.of(1, 0.3)), "0.3 < best 0.5: pruned");
    assertEquals("0.3", study.get(1).systemAttributes().get("completed_rung_0"));
    assertFalse(report(asha, study, 2, Map.of(1, 0.7)), "0.7 is the best of .5 .3 .7");
    assertTrue(report(asha, study, 3, Map.of(1, 0.6)), "4 values: top ⌊4/4⌋ = 1 is 0.7");
    assertTrue(report(asha, study, 4, Map.of(1, 0.2)));
    assertTrue(report(asha, study, 5, Map.of(1, 0.1)));
    assertTrue(report(asha, study, 6, Map.of(1, 0.55)), "7 values: top 1 is 0.7");
    // 8 values .1 .2 .3 .5 .55 .6 .65 .7: the top ⌊8/4⌋ = 2 are promoted, 0.65 among them
    assertFalse(report(asha, study, 7, Map.of(1, 0.65)));
    // the promoted trial 2 reaches rung 1 (step 4): alone there, promoted again
    assertFalse(report(asha, study, 2, Map.of(1, 0.7, 4, 0.8)));
    assertEquals("0.8", study.get(2).systemAttributes().get("completed_rung_1"));
    assertTrue(report(asha, study, 7, Map.of(1, 0.65, 4, 0.75)), "rung 1: .8 beats .75");
  }

  @Test
  void aTrialMayPassSeveralRungsAtOnce() {
    SuccessiveHalvingPruner asha = new SuccessiveHalvingPruner(1);
    FixedStudyView study = new FixedStudyView("jump", StudyDirection.MINIMIZE, List.of());
    assertFalse(report(asha, study, 0, Map.of(4, 0.9)));
    assertEquals(
        Map.of("completed_rung_0", "0.9", "completed_rung_1", "0.9"),
        study.get(0).systemAttributes());
    // minimising: 0.95 is worse than 0.9 at rung 0
    assertTrue(report(asha, study, 1, Map.of(1, 0.95)));
    assertFalse(report(asha, study, 2, Map.of(1, 0.85)));
  }

  @Test
  void nanBootstrapAndEarlyStoppingRate() {
    FixedStudyView study = new FixedStudyView("nan", StudyDirection.MAXIMIZE, List.of());
    assertTrue(report(new SuccessiveHalvingPruner(1), study, 0, Map.of(1, Double.NaN)));
    assertTrue(
        report(new SuccessiveHalvingPruner(1, 4, 0, 2), study, 1, Map.of(1, 0.9)),
        "bootstrap 2: pruned while at most 2 values are recorded");
    SuccessiveHalvingPruner late = new SuccessiveHalvingPruner(2, 3, 1, 0);
    assertEquals(6.0, late.rungEnd(0));
    assertEquals(18.0, late.rungEnd(1));
    assertFalse(report(late, study, 2, Map.of(5, 0.0)), "step 5 < r·η^s = 6");
    assertEquals(Map.of(), study.get(2).systemAttributes());
  }

  @Test
  void rejectsInvalidSettings() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalvingPruner(1, 1, 0, 0));
    assertEquals("reduction_factor must be >= 2, got 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalvingPruner(0));
  }
}
