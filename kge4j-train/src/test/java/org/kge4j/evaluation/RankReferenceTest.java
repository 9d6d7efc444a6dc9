package org.kge4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.kge4j.data.TriplesFactory;
import org.kge4j.testing.RandomTriples;

/**
 * Checks the fast path (counting over all entities, then subtracting the filtered ones found by
 * binary search) against a direct reference, and checks that the result does not depend on the
 * number of threads.
 */
class RankReferenceTest {

  /** A score drawn from a few values by {@code seed}, so that ties are common. */
  private static float randomScore(long seed, int h, int r, int t) {
    long z = seed + 31L * (h * 1_000_003L + r * 7919L + t);
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z ^= z >>> 29;
    return (int) Math.floorMod(z, 4L);
  }

  @Property(tries = 40)
  void matchesDirectReference(
      @ForAll @IntRange(min = 2, max = 30) int numEntities,
      @ForAll @IntRange(min = 1, max = 4) int numRelations,
      @ForAll @IntRange(min = 1, max = 80) int numTriples,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] entities = new String[numEntities];
    for (int e = 0; e < numEntities; e++) {
      entities[e] = String.format("e%03d", e);
    }
    String[] relations = new String[numRelations];
    for (int r = 0; r < numRelations; r++) {
      relations[r] = "r" + r;
    }
    int[] train = RandomTriples.draw(random, 2 * numTriples, numEntities, numRelations);
    int[] test = RandomTriples.draw(random, numTriples, numEntities, numRelations);
    TriplesFactory training = TriplesFactory.fromMappedTriples(train, entities, relations);
    TriplesFactory testing = TriplesFactory.fromMappedTriples(test, entities, relations);
    TripleScorePredictor.TripleScore score = (h, r, t) -> randomScore(seed, h, r, t);
    TripleScorePredictor model = new TripleScorePredictor(numEntities, score);

    Set<List<Integer>> known = new HashSet<>();
    for (int[] triples : List.of(train, test)) {
      for (int i = 0; i < triples.length / 3; i++) {
        known.add(List.of(triples[3 * i], triples[3 * i + 1], triples[3 * i + 2]));
      }
    }
    List<Double> realistic = new ArrayList<>();
    double optimisticSum = 0;
    double pessimisticSum = 0;
    for (int side = 0; side < 2; side++) {
      for (int i = 0; i < numTriples; i++) {
        int h = test[3 * i];
        int r = test[3 * i + 1];
        int t = test[3 * i + 2];
        float trueScore = score.of(h, r, t);
        int above = 0;
        int tied = 0;
        for (int e = 0; e < numEntities; e++) {
          List<Integer> candidate = side == 0 ? List.of(e, r, t) : List.of(h, r, e);
          boolean isTrue = side == 0 ? e == h : e == t;
          if (isTrue || known.contains(candidate)) {
            continue;
          }
          float s = side == 0 ? score.of(e, r, t) : score.of(h, r, e);
          above += s > trueScore ? 1 : 0;
          tied += s == trueScore ? 1 : 0;
        }
        optimisticSum += 1 + above;
        pessimisticSum += 1 + above + tied;
        realistic.add(1 + above + tied / 2.0);
      }
    }
    int n = 2 * numTriples;
    double inverse = 0;
    for (double rank : realistic) {
      inverse += 1 / rank;
    }
    MetricResults one =
        RankBasedEvaluator.builder()
            .numThreads(1)
            .build()
            .evaluate(model, testing, List.of(training));
    MetricResults two =
        RankBasedEvaluator.builder()
            .numThreads(2)
            .build()
            .evaluate(model, testing, List.of(training));
    assertEquals(one, two);
    assertEquals(optimisticSum / n, one.get("both.optimistic.arithmetic_mean_rank"), 1e-9);
    assertEquals(pessimisticSum / n, one.get("both.pessimistic.arithmetic_mean_rank"), 1e-9);
    assertEquals(inverse / n, one.meanReciprocalRank(), 1e-9);
  }
}
