package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.hpo.study.Trials.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The median pruner on a hand-made set of intermediate values. */
class MedianPrunerTest {
  /**
   * Five complete trials. Step 1 values .2 .3 .5 .6 .1 → median .3; step 2 values (trial 4 has
   * none) .3 .4 .5 .7 → median (.4 + .5)/2 = .45.
   */
  private static List<FrozenTrial> complete() {
    return List.of(
        trial(0, TrialState.COMPLETE, 0.3, Map.of(0, 0.1, 1, 0.2, 2, 0.3)),
        trial(1, TrialState.COMPLETE, 0.4, Map.of(0, 0.2, 1, 0.3, 2, 0.4)),
        trial(2, TrialState.COMPLETE, 0.5, Map.of(0, 0.3, 1, 0.5, 2, 0.5)),
        trial(3, TrialState.COMPLETE, 0.7, Map.of(0, 0.4, 1, 0.6, 2, 0.7)),
        trial(4, TrialState.COMPLETE, 0.1, Map.of(0, 0.5, 1, 0.1)));
  }

  private static boolean prune(
      MedianPruner pruner, StudyDirection direction, Map<Integer, Double> values) {
    return prune(pruner, direction, complete(), values);
  }

  private static boolean prune(
      MedianPruner pruner,
      StudyDirection direction,
      List<FrozenTrial> others,
      Map<Integer, Double> values) {
    List<FrozenTrial> all = new ArrayList<>(others);
    FrozenTrial running = trial(9, TrialState.RUNNING, null, values);
    all.add(running);
    return pruner.prune(new FixedStudyView("median", direction, all), running);
  }

  @Test
  void prunesBelowTheMedianWhenMaximising() {
    MedianPruner pruner = new MedianPruner();
    assertTrue(prune(pruner, StudyDirection.MAXIMIZE, Map.of(0, 0.25, 1, 0.28)));
    assertFalse(prune(pruner, StudyDirection.MAXIMIZE, Map.of(0, 0.25, 1, 0.31)));
    assertTrue(prune(pruner, StudyDirection.MAXIMIZE, Map.of(0, 0.25, 1, 0.31, 2, 0.44)));
    assertFalse(prune(pruner, StudyDirection.MAXIMIZE, Map.of(0, 0.25, 1, 0.31, 2, 0.46)));
  }

  @Test
  void comparesTheTrialsBestValueOverAllItsSteps() {
    // best over steps is 0.9, although the value at step 1 (0.1) is below the median 0.3
    assertFalse(prune(new MedianPruner(), StudyDirection.MAXIMIZE, Map.of(0, 0.9, 1, 0.1)));
    // minimising: the best is the smallest
    assertFalse(prune(new MedianPruner(), StudyDirection.MINIMIZE, Map.of(0, 0.25, 1, 0.31)));
    assertTrue(prune(new MedianPruner(), StudyDirection.MINIMIZE, Map.of(0, 0.35, 1, 0.32)));
  }

  @Test
  void waitsForStartupTrialsAndWarmupAndChecksOncePerInterval() {
    List<FrozenTrial> four = complete().subList(0, 4);
    Map<Integer, Double> bad = Map.of(0, 0.0, 1, 0.0);
    assertFalse(prune(new MedianPruner(), StudyDirection.MAXIMIZE, four, bad), "4 < 5 trials");
    assertTrue(prune(new MedianPruner(4, 0, 1, 1), StudyDirection.MAXIMIZE, four, bad));
    assertFalse(prune(new MedianPruner(0, 2, 1, 1), StudyDirection.MAXIMIZE, bad), "warm-up");
    // interval 2: pruning steps 0, 2, 4...; at step 1 the trial already reported step 0
    assertFalse(prune(new MedianPruner(0, 0, 2, 1), StudyDirection.MAXIMIZE, bad));
    assertTrue(
        prune(
            new MedianPruner(0, 0, 2, 1), StudyDirection.MAXIMIZE, Map.of(0, 0.0, 1, 0.0, 2, 0.0)));
    // a trial that skipped step 2 is checked at step 3 (its first step past 2), where no complete
    // trial has a value: no median, no pruning
    assertFalse(
        prune(
            new MedianPruner(0, 0, 2, 1), StudyDirection.MAXIMIZE, Map.of(0, 0.0, 1, 0.0, 3, 0.0)));
  }

  @Test
  void needsEnoughTrialsAtTheStepAndPrunesNaN() {
    // only four complete trials reported step 2
    Map<Integer, Double> bad = Map.of(0, 0.0, 1, 0.0, 2, 0.0);
    assertFalse(prune(new MedianPruner(0, 0, 1, 5), StudyDirection.MAXIMIZE, bad));
    assertTrue(prune(new MedianPruner(0, 0, 1, 4), StudyDirection.MAXIMIZE, bad));
    assertTrue(prune(new MedianPruner(), StudyDirection.MAXIMIZE, Map.of(0, Double.NaN)));
    assertFalse(prune(new MedianPruner(), StudyDirection.MAXIMIZE, Map.of()), "nothing reported");
  }

  @Test
  void medianInterpolatesAndIgnoresNaN() {
    assertEquals(2.5, MedianPruner.nanMedian(List.of(4.0, 1.0, 2.0, 3.0)));
    assertEquals(2.0, MedianPruner.nanMedian(List.of(3.0, Double.NaN, 1.0, 2.0)));
    assertTrue(Double.isNaN(MedianPruner.nanMedian(List.of(Double.NaN))));
  }

  @Test
  void rejectsInvalidSettings() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new MedianPruner(5, 0, 0, 1));
    assertEquals("interval_steps must be >= 1, got 0", e.getMessage());
  }
}
