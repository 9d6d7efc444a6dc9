package org.kge4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;
import org.kge4j.model.Models;
import org.kge4j.testing.RandomTriples;

class SampledRankingTest {

  private static final int ENTITIES = 40;

  private static String[] labels(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = "e" + i;
    }
    return out;
  }

  /** {@code count} random triples of the two relations, from the seed {@code seed}. */
  private static int[] randomTriples(long seed, int count) {
    return RandomTriples.draw(new SplittableRandom(seed), count, ENTITIES, 2);
  }

  @Test
  void allOtherEntitiesAsCandidatesIsFullRankingUnderPrefixedNames() {
    Model model = Models.create("distmult", ENTITIES, 2, 6, 1, null, new SplittableRandom(1));
    String[] entities = labels(ENTITIES);
    String[] relations = {"a", "b"};
    TriplesFactory test =
        TriplesFactory.fromMappedTriples(randomTriples(2, 50), entities, relations);
    TriplesFactory train =
        TriplesFactory.fromMappedTriples(randomTriples(3, 300), entities, relations);
    for (boolean filtered : new boolean[] {true, false}) {
      MetricResults full =
          RankBasedEvaluator.builder()
              .filtered(filtered)
              .build()
              .evaluate(new GenericPredictor(model), test, List.of(train));
      MetricResults sampled =
          RankBasedEvaluator.builder()
              .filtered(filtered)
              .sampledCandidates(1000, 7)
              .build()
              .evaluate(new GenericPredictor(model), test, List.of(train));
      assertEquals(ENTITIES - 1, sampled.get("sampled.num_candidates"));
      for (Map.Entry<String, Double> metric : full.metrics().entrySet()) {
        String key = metric.getKey();
        if (key.contains("adjusted")) {
          continue; // the expected rank differs: N + 1 candidates, not those left after filtering
        }
        assertEquals(metric.getValue(), sampled.get("sampled." + key), 1e-12, filtered + " " + key);
      }
      assertTrue(
          sampled.metrics().keySet().stream().allMatch(k -> k.startsWith("sampled.")),
          "no sampled metric may carry a full-ranking name: " + sampled.metrics().keySet());
    }
  }

  @Test
  void filteringNeverDrawsKnownAnswersAndTheDrawsAreSeeded() {
    // a predictor that scores e1..e5 highest, then the true entity (e0 as tail, e7 as head)
    LinkPredictor fixed =
        new LinkPredictor() {
          @Override
          public int numEntities() {
            return ENTITIES;
          }

          @Override
          public void scoreTails(int head, int relation, float[] out) {
            for (int e = 0; e < ENTITIES; e++) {
              out[e] = e == 0 ? 50f : e <= 5 ? 100f + e : -e;
            }
          }

          @Override
          public void scoreHeads(int relation, int tail, float[] out) {
            for (int e = 0; e < ENTITIES; e++) {
              out[e] = e == 7 ? 50f : e <= 5 && e > 0 ? 100f + e : -e;
            }
          }
        };
    String[] entities = labels(ENTITIES);
    String[] relations = {"a"};
    // (7, a, 0) to test; (7, a, 1..5) and (1..5, a, 0) known: the true tail/head e0 is beaten only
    // by known answers
    TriplesFactory test =
        TriplesFactory.fromMappedTriples(new int[] {7, 0, 0}, entities, relations);
    int[] known = new int[30];
    for (int e = 1; e <= 5; e++) {
      known[3 * (e - 1)] = 7;
      known[3 * (e - 1) + 2] = e;
      known[15 + 3 * (e - 1)] = e;
    }
    TriplesFactory train = TriplesFactory.fromMappedTriples(known, entities, relations);
    for (int n : new int[] {3, 20, 39}) {
      MetricResults filtered =
          RankBasedEvaluator.builder()
              .sampledCandidates(n, 11)
              .build()
              .evaluate(fixed, test, List.of(train));
      assertEquals(1.0, filtered.get("sampled.both.realistic.arithmetic_mean_rank"), "n=" + n);
    }
    MetricResults unfiltered =
        RankBasedEvaluator.builder()
            .filtered(false)
            .sampledCandidates(39, 11)
            .build()
            .evaluate(fixed, test, List.of());
    assertEquals(6.0, unfiltered.get("sampled.both.realistic.arithmetic_mean_rank"));
  }

  /** Ranking against 10 sampled candidates (seed 3) on {@code numThreads} threads. */
  private static RankBasedEvaluator tenSampledCandidates(int numThreads) {
    return RankBasedEvaluator.builder().numThreads(numThreads).sampledCandidates(10, 3).build();
  }

  @Test
  void resultsDoNotDependOnTheThreadsAndModelsScoreOnlyTheirCandidates() {
    Model model = Models.create("complex", ENTITIES, 2, 4, 1, null, new SplittableRandom(4));
    String[] entities = labels(ENTITIES);
    TriplesFactory test =
        TriplesFactory.fromMappedTriples(randomTriples(5, 60), entities, new String[] {"a", "b"});
    MetricResults one = tenSampledCandidates(1).evaluate(model, test, List.of());
    MetricResults two = tenSampledCandidates(2).evaluate(model, test, List.of());
    assertEquals(one.metrics(), two.metrics());
    // the model path and the generic path draw the same candidates
    MetricResults generic =
        RankBasedEvaluator.builder()
            .sampledCandidates(10, 3)
            .build()
            .evaluate(new GenericPredictor(model), test, List.of());
    assertEquals(
        generic.get("sampled.both.realistic.inverse_harmonic_mean_rank"),
        one.get("sampled.both.realistic.inverse_harmonic_mean_rank"),
        1e-9);
    MetricResults otherSeed =
        RankBasedEvaluator.builder()
            .sampledCandidates(10, 4)
            .build()
            .evaluate(model, test, List.of());
    assertTrue(!one.metrics().equals(otherSeed.metrics()), "another seed draws other candidates");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RankBasedEvaluator.builder().sampledCandidates(-1, 0));
    assertEquals(
        "the number of sampled candidates must be >= 0 (0 = all entities), got -1", e.getMessage());
  }
}
