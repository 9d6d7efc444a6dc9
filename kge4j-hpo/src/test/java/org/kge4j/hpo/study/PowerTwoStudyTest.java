package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kge4j.hpo.PowerTwoParameter;

/** Powers of two (PyKEEN's {@code scale="power_two"} batch sizes) through a whole TPE study. */
class PowerTwoStudyTest {

  private static final PowerTwoParameter BATCH = new PowerTwoParameter("batch_size", 4, 12);

  @Test
  void onlyPowersOfTwoInTheRangeAreAdmissible() {
    assertEquals(256, ParameterValues.coerce(BATCH, 256.0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ParameterValues.coerce(BATCH, 100));
    assertEquals(
        "parameter batch_size must be a power of two in [2^4, 2^12], got 100 (Integer)",
        e.getMessage());
    assertTrue(!ParameterValues.admissible(BATCH, 8192));
    assertEquals(
        java.util.Optional.of(64), ParameterValues.singleValue(new PowerTwoParameter("b", 6, 6)));
  }

  @Test
  void tpeSearchesTheExponentAndFindsTheBestPower() {
    Study study =
        Study.builder("batch", StudyDirection.MINIMIZE)
            .sampler(new TpeSampler(1))
            .pruner(new NopPruner())
            .build();
    // |log2(batch) − 8|: 256 is best, 2^7 and 2^9 next
    study.optimize(
        t -> {
          int batch = (Integer) t.suggest(BATCH);
          return Math.abs(Integer.numberOfTrailingZeros(batch) - 8);
        },
        30);
    assertEquals(30, study.trials(java.util.Set.of(TrialState.COMPLETE)).size());
    for (FrozenTrial t : study.trials()) {
      int batch = (Integer) t.params().get("batch_size");
      assertEquals(1, Integer.bitCount(batch));
      assertTrue(batch >= 16 && batch <= 4096, "in 2^4..2^12: " + batch);
    }
    assertEquals(256, study.bestTrial().orElseThrow().params().get("batch_size"));
    long late =
        study.trials().stream()
            .filter(t -> t.number() >= 20)
            .filter(t -> Math.abs((Integer) t.params().get("batch_size") - 256) <= 256)
            .count();
    assertTrue(late >= 5, "TPE concentrates on 128..512 after its start-up trials: " + late);
  }
}
