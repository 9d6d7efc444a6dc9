package org.kge4j.hpo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicatesTest {

  @Test
  void theSummaryIsTheMeanAndTheSampleStandardDeviation() {
    List<Replicates.Replicate> replicates =
        List.of(
            new Replicates.Replicate(1, FakeTrainer.metrics(0.70), null),
            new Replicates.Replicate(2, FakeTrainer.metrics(0.80), null),
            new Replicates.Replicate(3, FakeTrainer.metrics(0.75), null));
    Replicates.Summary s =
        Replicates.Summary.of(replicates, "both.realistic.inverse_harmonic_mean_rank");
    assertEquals(0.75, s.mean(), 1e-12);
    // deviations −0.05, 0.05, 0: sqrt(0.005 / 2) = 0.05
    assertEquals(0.05, s.std(), 1e-12);
    assertEquals(List.of(0.70, 0.80, 0.75), s.values());
  }
}
