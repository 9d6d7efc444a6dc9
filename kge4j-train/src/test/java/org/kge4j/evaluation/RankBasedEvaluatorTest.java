package org.kge4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kge4j.data.TriplesFactory;

class RankBasedEvaluatorTest {

  private static final String[] FIVE = {"e0", "e1", "e2", "e3", "e4"};
  private static final String[] ONE_RELATION = {"r"};

  /** A model whose scores are a fixed table per query. */
  private record TableModel(
      int numEntities,
      Map<Integer, float[]> tailScoresByHead,
      Map<Integer, float[]> headScoresByTail)
      implements LinkPredictor {
    @Override
    public void scoreTails(int head, int relation, float[] out) {
      System.arraycopy(tailScoresByHead.get(head), 0, out, 0, numEntities);
    }

    @Override
    public void scoreHeads(int relation, int tail, float[] out) {
      System.arraycopy(headScoresByTail.get(tail), 0, out, 0, numEntities);
    }
  }

  private static TriplesFactory triples(int... hrt) {
    return TriplesFactory.fromMappedTriples(hrt, FIVE, ONE_RELATION);
  }

  /**
   * Test triple (e0, r, e1). Tail scores of (e0, r, ?): [0.5, 2.0, 3.0, 2.0, 1.0]: e2 beats e1, e3
   * ties with it. Head scores of (?, r, e1): [1.0, 1.0, 1.0, 0.0, 1.0]: e1, e2, e4 tie with e0.
   * Training holds (e0, r, e2) and (e4, r, e1), so filtering removes e2 (tail) and e4 (head).
   */
  private static final TableModel FIVE_ENTITY_MODEL =
      new TableModel(
          5,
          Map.of(0, new float[] {0.5f, 2.0f, 3.0f, 2.0f, 1.0f}),
          Map.of(1, new float[] {1.0f, 1.0f, 1.0f, 0.0f, 1.0f}));

  /**
   * {@link #FIVE_ENTITY_MODEL} on its test triple (e0, r, e1), filtered by its training triples.
   */
  private static MetricResults evaluateFiveEntityModel(RankBasedEvaluator evaluator) {
    return evaluator.evaluate(
        FIVE_ENTITY_MODEL, triples(0, 0, 1), List.of(triples(0, 0, 2, 4, 0, 1)));
  }

  /** The optimistic, pessimistic and realistic arithmetic mean ranks of one side, exactly. */
  private static void assertMeanRanks(
      MetricResults m, String side, double optimistic, double pessimistic, double realistic) {
    assertEquals(optimistic, m.get(side + ".optimistic.arithmetic_mean_rank"));
    assertEquals(pessimistic, m.get(side + ".pessimistic.arithmetic_mean_rank"));
    assertEquals(realistic, m.get(side + ".realistic.arithmetic_mean_rank"));
  }

  @Test
  void unfilteredRanksWithTiesComputedByHand() {
    MetricResults m = evaluateFiveEntityModel(RankBasedEvaluator.builder().filtered(false).build());
    // tail: one score above, one tie => optimistic 2, pessimistic 3, realistic 2.5
    assertMeanRanks(m, "tail", 2.0, 3.0, 2.5);
    // head: three ties, none above => optimistic 1, pessimistic 4, realistic 2.5
    assertMeanRanks(m, "head", 1.0, 4.0, 2.5);
    assertEquals(2.5, m.get("both.realistic.arithmetic_mean_rank"));
    assertEquals(1.5, m.get("both.optimistic.arithmetic_mean_rank"));
    assertEquals(
        (1 / 2.0 + 1 / 1.0) / 2, m.get("both.optimistic.inverse_harmonic_mean_rank"), 1e-12);
    assertEquals(0.5, m.get("both.optimistic.hits_at_1"));
    // 5 candidates each side: expected rank 3, AMR = 2.5 / 3, AMRI = 1 - 1.5 / 2
    assertEquals(2.5 / 3.0, m.get("both.realistic.adjusted_arithmetic_mean_rank"), 1e-12);
    assertEquals(0.25, m.get("both.realistic.adjusted_arithmetic_mean_rank_index"), 1e-12);
  }

  @Test
  void filteredRanksWithTiesComputedByHand() {
    MetricResults m = evaluateFiveEntityModel(new RankBasedEvaluator());
    // tail without e2: only the tie e3 remains => optimistic 1, pessimistic 2, realistic 1.5
    assertMeanRanks(m, "tail", 1.0, 2.0, 1.5);
    // head without e4: ties e1, e2 => optimistic 1, pessimistic 3, realistic 2
    assertMeanRanks(m, "head", 1.0, 3.0, 2.0);
    // both sides: realistic ranks 2 (head) and 1.5 (tail)
    assertEquals(1.75, m.get("both.realistic.arithmetic_mean_rank"), 1e-12);
    assertEquals((1 / 2.0 + 1 / 1.5) / 2, m.meanReciprocalRank(), 1e-12);
    assertEquals(
        (1 / 3.0 + 1 / 2.0) / 2, m.get("both.pessimistic.inverse_harmonic_mean_rank"), 1e-12);
    assertEquals(1.0, m.get("both.optimistic.inverse_harmonic_mean_rank"));
    assertEquals(0.0, m.hitsAt(1));
    assertEquals(1.0, m.hitsAt(3));
    assertEquals(1.0, m.get("both.optimistic.hits_at_1"));
    assertEquals(
        0.5, m.get("tail.pessimistic.hits_at_1") + m.get("head.pessimistic.hits_at_1") + 0.5);
    assertEquals(1.75, m.get("both.realistic.median_rank"), 1e-12);
    // 4 candidates each side: expected rank 2.5; AMR = 1.75 / 2.5; AMRI = 1 - 0.75 / 1.5
    assertEquals(0.7, m.get("both.realistic.adjusted_arithmetic_mean_rank"), 1e-12);
    assertEquals(0.5, m.get("both.realistic.adjusted_arithmetic_mean_rank_index"), 1e-12);
    assertEquals(2.0, m.get("both.realistic.count"));
    assertEquals(1.0, m.get("tail.realistic.count"));
  }

  /**
   * The ranks of one triple: its head's optimistic and pessimistic rank among so many candidates,
   * then its tail's.
   */
  private static RankBasedEvaluator.Ranks oneTriple(
      int headOptimistic,
      int headPessimistic,
      int headCandidates,
      int tailOptimistic,
      int tailPessimistic,
      int tailCandidates) {
    return new RankBasedEvaluator.Ranks(
        new int[] {headOptimistic},
        new int[] {headPessimistic},
        new int[] {headCandidates},
        new int[] {tailOptimistic},
        new int[] {tailPessimistic},
        new int[] {tailCandidates});
  }

  @Test
  void metricsOfGivenRanksEqualThoseOfEvaluate() {
    RankBasedEvaluator evaluator = new RankBasedEvaluator();
    // the filtered ranks worked out in filteredRanksWithTiesComputedByHand
    MetricResults fromRanks = evaluator.metrics(oneTriple(1, 3, 4, 1, 2, 4));
    MetricResults evaluated = evaluateFiveEntityModel(evaluator);
    assertEquals(evaluated, fromRanks);
  }

  @Test
  void ranksMustBeConsistent() {
    RankBasedEvaluator.Ranks swapped = oneTriple(1, 3, 4, 2, 1, 4);
    IllegalArgumentException order =
        assertThrows(
            IllegalArgumentException.class, () -> new RankBasedEvaluator().metrics(swapped));
    assertEquals(
        "tail ranks of triple 0 must satisfy 1 <= optimistic <= pessimistic <= candidates,"
            + " got 2, 1, 4",
        order.getMessage());
    IllegalArgumentException lengths =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RankBasedEvaluator.Ranks(
                    new int[] {1},
                    new int[] {1},
                    new int[] {1},
                    new int[] {1},
                    new int[] {1},
                    new int[0]));
    assertEquals(
        "ranks need one entry per triple in every array, got lengths [1, 1, 1, 1, 1, 0]",
        lengths.getMessage());
    int[] none = new int[0];
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RankBasedEvaluator()
                    .metrics(new RankBasedEvaluator.Ranks(none, none, none, none, none, none)));
    assertEquals("ranks must cover at least one triple, got 0", empty.getMessage());
  }

  @Test
  void evaluationTriplesFilterEachOther() {
    // Evaluating (e0, r, e1) and (e0, r, e3) together: e3 is a true tail of (e0, r, ?) and is
    // filtered when ranking e1 (and vice versa), even without further filter triples.
    TableModel model =
        new TableModel(
            5,
            Map.of(0, new float[] {0.5f, 2.0f, 3.0f, 2.0f, 1.0f}),
            Map.of(
                1,
                new float[] {1.0f, 1.0f, 1.0f, 0.0f, 1.0f},
                3,
                new float[] {9.0f, 0.0f, 0.0f, 0.0f, 0.0f}));
    MetricResults m =
        new RankBasedEvaluator().evaluate(model, triples(0, 0, 1, 0, 0, 3), List.of());
    // tail of (e0,r,e1): e2 above, e3 filtered => 2 / 2; tail of (e0,r,e3): e2 above, e1 filtered
    assertEquals(2.0, m.get("tail.optimistic.arithmetic_mean_rank"));
    assertEquals(2.0, m.get("tail.pessimistic.arithmetic_mean_rank"));
  }

  /**
   * {@code count} random triples over 3 relations, none twice: each is drawn again while its key
   * {@code (h·3 + r)·numEntities + t} is in {@code excluded} or already in {@code keys}, to which
   * it is then added.
   */
  private static int[] distinctTriples(
      SplittableRandom random, int count, int numEntities, Set<Long> excluded, Set<Long> keys) {
    int[] triples = new int[3 * count];
    for (int i = 0; i < count; i++) {
      long key;
      do {
        triples[3 * i] = random.nextInt(numEntities);
        triples[3 * i + 1] = random.nextInt(3);
        triples[3 * i + 2] = random.nextInt(numEntities);
        key = ((long) triples[3 * i] * 3 + triples[3 * i + 1]) * numEntities + triples[3 * i + 2];
      } while (excluded.contains(key) || !keys.add(key));
    }
    return triples;
  }

  @Test
  void filteringRemovesExactlyTheOtherKnownAnswers() {
    // An oracle that scores every training triple 10, the test answer 5 and the rest 0:
    // unfiltered, the test triple ranks behind the training answers; filtered it ranks first.
    int numEntities = 40;
    String[] entities = new String[numEntities];
    for (int e = 0; e < numEntities; e++) {
      entities[e] = String.format("e%02d", e);
    }
    String[] relations = {"r0", "r1", "r2"};
    SplittableRandom random = new SplittableRandom(8);
    Set<Long> trainKeys = new HashSet<>();
    int[] train = distinctTriples(random, 400, numEntities, Set.of(), trainKeys);
    Set<Long> testKeys = new HashSet<>();
    int[] test = distinctTriples(random, 60, numEntities, trainKeys, testKeys);
    LinkPredictor oracle =
        new TripleScorePredictor(
            numEntities,
            (h, r, t) -> {
              long key = ((long) h * 3 + r) * numEntities + t;
              return trainKeys.contains(key) ? 10f : testKeys.contains(key) ? 5f : 0f;
            });
    TriplesFactory training = TriplesFactory.fromMappedTriples(train, entities, relations);
    TriplesFactory testing = TriplesFactory.fromMappedTriples(test, entities, relations);
    MetricResults filtered = new RankBasedEvaluator().evaluate(oracle, testing, List.of(training));
    MetricResults raw =
        RankBasedEvaluator.builder()
            .filtered(false)
            .build()
            .evaluate(oracle, testing, List.of(training));
    // Filtered, other test answers tie with the true one only if also unfiltered -> optimistic 1.
    assertEquals(1.0, filtered.get("both.optimistic.inverse_harmonic_mean_rank"));
    assertEquals(1.0, filtered.get("both.pessimistic.inverse_harmonic_mean_rank"));
    assertTrue(
        raw.get("both.optimistic.inverse_harmonic_mean_rank") < 0.9,
        "unfiltered MRR " + raw.get("both.optimistic.inverse_harmonic_mean_rank"));
    // Unfiltered optimistic rank = 1 + number of training answers of the query: check the mean.
    double expected = 0;
    for (int i = 0; i < 60; i++) {
      int h = test[3 * i];
      int r = test[3 * i + 1];
      int t = test[3 * i + 2];
      for (int e = 0; e < numEntities; e++) {
        expected += trainKeys.contains(((long) h * 3 + r) * numEntities + e) ? 1 : 0;
        expected += trainKeys.contains(((long) e * 3 + r) * numEntities + t) ? 1 : 0;
      }
    }
    assertEquals(1 + expected / 120, raw.get("both.optimistic.arithmetic_mean_rank"), 1e-9);
  }

  @Test
  void metricNamesFollowPyKeen() {
    MetricResults m =
        new RankBasedEvaluator().evaluate(FIVE_ENTITY_MODEL, triples(0, 0, 1), List.of());
    for (String side : List.of("head", "tail", "both")) {
      for (String type : List.of("optimistic", "pessimistic", "realistic")) {
        for (String metric :
            List.of(
                "arithmetic_mean_rank",
                "inverse_harmonic_mean_rank",
                "hits_at_1",
                "hits_at_3",
                "hits_at_5",
                "hits_at_10",
                "median_rank",
                "adjusted_arithmetic_mean_rank",
                "adjusted_arithmetic_mean_rank_index",
                "count")) {
          assertTrue(
              m.metrics().containsKey(side + "." + type + "." + metric),
              side + "." + type + "." + metric);
        }
      }
    }
    assertEquals(3 * 3 * 10, m.metrics().size());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.get("both.realistic.mrr"));
    assertTrue(e.getMessage().startsWith("unknown metric \"both.realistic.mrr\": expected one of"));
    assertThrows(IllegalArgumentException.class, () -> m.hitsAt(2));
  }

  @Test
  void infiniteScoresRankLikeAnyOtherValue() {
    float inf = Float.POSITIVE_INFINITY;
    TableModel model =
        new TableModel(
            5,
            Map.of(0, new float[] {-inf, inf, inf, 0f, -inf}),
            Map.of(1, new float[] {-inf, 0f, -inf, 1f, 2f}));
    MetricResults m =
        RankBasedEvaluator.builder()
            .filtered(false)
            .build()
            .evaluate(model, triples(0, 0, 1), List.of());
    // tail: +inf ties with one +inf => 1 / 2; head: -inf is last, tied with e2 => 4 / 5
    assertEquals(1.0, m.get("tail.optimistic.arithmetic_mean_rank"));
    assertEquals(2.0, m.get("tail.pessimistic.arithmetic_mean_rank"));
    assertEquals(4.0, m.get("head.optimistic.arithmetic_mean_rank"));
    assertEquals(5.0, m.get("head.pessimistic.arithmetic_mean_rank"));
  }

  @Test
  void nanScoreIsAnError() {
    TableModel model =
        new TableModel(
            5,
            Map.of(0, new float[] {0.5f, 2.0f, Float.NaN, 2.0f, 1.0f}),
            Map.of(1, new float[] {1.0f, 1.0f, 1.0f, 0.0f, 1.0f}));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new RankBasedEvaluator().evaluate(model, triples(0, 0, 1), List.of()));
    assertEquals(
        "model returned a NaN score for entity 2 in tail prediction of evaluation "
            + "triple 0; scores must be finite or infinite, never NaN",
        e.getMessage());
  }

  @Test
  void badInputsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> RankBasedEvaluator.builder().ks());
    assertThrows(IllegalArgumentException.class, () -> RankBasedEvaluator.builder().ks(0));
    assertThrows(IllegalArgumentException.class, () -> RankBasedEvaluator.builder().numThreads(0));
    TableModel wrongSize = new TableModel(4, Map.of(), Map.of());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RankBasedEvaluator().evaluate(wrongSize, triples(0, 0, 1), List.of()));
    assertEquals(
        "model.numEntities() must equal the evaluation triples' numEntities 5, got 4",
        e.getMessage());
    TriplesFactory empty = TriplesFactory.fromMappedTriples(new int[0], FIVE, ONE_RELATION);
    assertThrows(
        IllegalArgumentException.class,
        () -> new RankBasedEvaluator().evaluate(FIVE_ENTITY_MODEL, empty, List.of()));
  }
}
