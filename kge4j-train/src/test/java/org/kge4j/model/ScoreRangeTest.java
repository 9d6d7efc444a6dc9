package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreRangeTest {

  @Test
  void modelsDeclareTheirRanges() {
    SplittableRandom random = new SplittableRandom(0);
    assertEquals(ScoreRange.NON_POSITIVE, new TransE(3, 2, 4, 1, random).scoreRange());
    assertEquals(ScoreRange.NON_POSITIVE, new RotatE(3, 2, 4, random).scoreRange());
    assertEquals(ScoreRange.UNBOUNDED, new DistMult(3, 2, 4, random).scoreRange());
    assertEquals(ScoreRange.UNBOUNDED, new ComplEx(3, 2, 4, random).scoreRange());
  }

  @Test
  void pykeenDefaultMarginsCannotSeparateDistanceScores() {
    // λ = 1: no score <= 0 reaches the positive zone
    assertTrue(
        ScoreRange.NON_POSITIVE
            .marginConflict(1.0, 0.0)
            .orElseThrow()
            .contains("no positive can reach its zone"));
    // λ = -0.5, λ̄ = 0.2: positives' zone [-0.5, 0] and negatives' (-inf, -0.2] overlap
    assertTrue(ScoreRange.NON_POSITIVE.marginConflict(-0.5, 0.2).orElseThrow().contains("overlap"));
  }

  @Test
  void distanceLimitsSeparateDistanceScores() {
    // fromDistanceLimits(γ1 = 1, γ2 = 2): λ = -1, λ̄ = 2
    assertTrue(ScoreRange.NON_POSITIVE.marginConflict(-1.0, 2.0).isEmpty());
    assertTrue(ScoreRange.UNBOUNDED.marginConflict(1.0, 0.0).isEmpty());
    assertTrue(ScoreRange.UNBOUNDED.marginConflict(0.0, 0.0).orElseThrow().contains("overlap"));
  }

  @Test
  void rejectsInvertedBounds() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ScoreRange(1, 0));
    assertTrue(e.getMessage().contains("got [1.0, 0.0]"), e.getMessage());
  }
}
