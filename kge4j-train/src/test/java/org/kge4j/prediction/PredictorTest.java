package org.kge4j.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;
import org.kge4j.model.ModelSpec;
import org.kge4j.model.Models;
import org.kge4j.testing.RandomTriples;

/**
 * Predictions of a one-dimensional DistMult, {@code score(h, r, t) = h · r · t}, whose values are
 * set by hand: entities e0..e4 = 1, 2, 3, 2, -1 and relations r0 = 1, r1 = -1. Every expected
 * ranking below follows from that product.
 */
class PredictorTest {

  private static final String[] ENTITIES = {"e0", "e1", "e2", "e3", "e4"};
  private static final String[] RELATIONS = {"r0", "r1"};
  private static final float[] ENTITY_VALUES = {1, 2, 3, 2, -1};
  private static final float[] RELATION_VALUES = {1, -1};

  /** Training (e0, r0, e2) and (e4, r1, e1); validation (e0, r0, e1); testing (e1, r0, e2). */
  private static Dataset dataset() {
    return new Dataset(
        "hand",
        TriplesFactory.fromMappedTriples(new int[] {0, 0, 2, 4, 1, 1}, ENTITIES, RELATIONS),
        TriplesFactory.fromMappedTriples(new int[] {0, 0, 1}, ENTITIES, RELATIONS),
        TriplesFactory.fromMappedTriples(new int[] {1, 0, 2}, ENTITIES, RELATIONS));
  }

  private static Model handModel() {
    Model model = Models.create("distmult", 5, 2, 1, 1, null, new SplittableRandom(1));
    for (int e = 0; e < ENTITY_VALUES.length; e++) {
      model.entityEmbeddings().setRow(e, new float[] {ENTITY_VALUES[e]});
    }
    for (int r = 0; r < RELATION_VALUES.length; r++) {
      model.relationEmbeddings().setRow(r, new float[] {RELATION_VALUES[r]});
    }
    return model;
  }

  private static final Predictor PREDICTOR = Predictor.of(handModel(), dataset());

  private static List<String> labels(TargetPredictions p) {
    return p.answers().stream().map(Prediction::label).toList();
  }

  @Test
  void tailsAreRankedByScoreThenIdAndKnownTriplesAreFiltered() {
    // (e0, r0, ?): scores 1, 2, 3, 2, -1. e2 is a training tail, e1 a validation tail.
    TargetPredictions p = PREDICTOR.predictTails("e0", "r0", 10);
    assertEquals(List.of("e3", "e0", "e4"), labels(p));
    assertEquals(List.of(2f, 1f, -1f), p.answers().stream().map(Prediction::score).toList());
    assertEquals(Target.TAIL, p.target());
    assertEquals(
        Map.of(Target.HEAD, new LabeledId(0, "e0"), Target.RELATION, new LabeledId(0, "r0")),
        p.fixed());
    assertEquals(EnumSet.allOf(KnownSplit.class), p.filtered());
    assertTrue(p.answers().stream().noneMatch(Prediction::known));
  }

  @Test
  void keptKnownAnswersAreFlaggedWithTheirSplit() {
    TargetPredictions p = PREDICTOR.filtering(Set.of()).predictTails(0, 0, 3);
    // e1 and e3 tie at 2: the smaller id first.
    assertEquals(List.of("e2", "e1", "e3"), labels(p));
    assertEquals(Set.of(KnownSplit.TRAINING), p.answers().get(0).knownIn());
    assertEquals(Set.of(KnownSplit.VALIDATION), p.answers().get(1).knownIn());
    assertEquals(Set.of(), p.answers().get(2).knownIn());
    assertTrue(p.answers().get(0).known());
    assertFalse(p.answers().get(2).known());
    assertEquals(Set.of(), p.filtered());
  }

  @Test
  void filteringOneSplitKeepsTheOthersFlagged() {
    TargetPredictions p =
        PREDICTOR.filtering(EnumSet.of(KnownSplit.TRAINING)).predictTails("e0", "r0", 2);
    assertEquals(List.of("e1", "e3"), labels(p));
    assertEquals(Set.of(KnownSplit.VALIDATION), p.answers().get(0).knownIn());
  }

  @Test
  void headsOfATail() {
    // (?, r1, e1): scores -2, -4, -6, -4, 2. e4 is a training head.
    TargetPredictions p = PREDICTOR.predictHeads("r1", "e1", 3);
    assertEquals(List.of("e0", "e1", "e3"), labels(p));
    assertEquals(List.of(-2f, -4f, -4f), p.answers().stream().map(Prediction::score).toList());
    assertEquals(Target.HEAD, p.target());
    TargetPredictions kept = PREDICTOR.filtering(Set.of()).predictHeads(1, 1, 1);
    assertEquals(List.of("e4"), labels(kept));
    assertEquals(Set.of(KnownSplit.TRAINING), kept.answers().get(0).knownIn());
  }

  @Test
  void relationsOfAnEntityPair() {
    // (e1, ?, e2): r0 = 6 (a testing triple, filtered by default), r1 = -6.
    assertEquals(List.of("r1"), labels(PREDICTOR.predictRelations("e1", "e2", 5)));
    TargetPredictions all = PREDICTOR.filtering(Set.of()).predictRelations("e1", "e2", 5);
    assertEquals(List.of("r0", "r1"), labels(all));
    assertEquals(6f, all.answers().get(0).score());
    assertEquals(Set.of(KnownSplit.TESTING), all.answers().get(0).knownIn());
    assertEquals(5, all.top(), "top is what was asked; only two relations exist");
  }

  @Test
  void aModelWithInverseRelationsPredictsTheDatasRelationsOnly() {
    // PyKEEN's create_inverse_triples: rows r0, r1 and their inverses r0' = 0.5, r1' = 2.
    Model model =
        Models.create(
            "distmult", new ModelSpec(5, 2, 1, null, null, true), 1, null, new SplittableRandom(1));
    assertEquals(4, model.numRelations());
    for (int e = 0; e < ENTITY_VALUES.length; e++) {
      model.entityEmbeddings().setRow(e, new float[] {ENTITY_VALUES[e]});
    }
    float[] rows = {1, -1, 0.5f, 2};
    for (int r = 0; r < rows.length; r++) {
      model.relationEmbeddings().setRow(r, new float[] {rows[r]});
    }
    Predictor predictor = Predictor.of(model, dataset()).filtering(Set.of());
    assertEquals(2, predictor.numRelations());
    // (e1, ?, e2) among the data's relations: r0 = 2·1·3 = 6, r1 = -6; no inverse row competes.
    TargetPredictions relations = predictor.predictRelations("e1", "e2", 5);
    assertEquals(List.of("r0", "r1"), labels(relations));
    assertEquals(List.of(6f, -6f), relations.answers().stream().map(Prediction::score).toList());
    // Heads are tails of the inverse: (?, r1, e1) scores e1 · r1' · h = 4, 8, 12, 8, -4.
    TargetPredictions heads = predictor.predictHeads("r1", "e1", 3);
    assertEquals(List.of("e2", "e1", "e3"), labels(heads));
    assertEquals(List.of(12f, 8f, 8f), heads.answers().stream().map(Prediction::score).toList());
    IllegalArgumentException inverseRow =
        assertThrows(IllegalArgumentException.class, () -> predictor.predictTails(0, 2, 1));
    assertEquals("relation id must be in [0, 2), got 2", inverseRow.getMessage());
    Model plain = handModel();
    IllegalArgumentException mismatch =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Predictor.of(
                    model,
                    new Dataset(
                        "one relation",
                        TriplesFactory.fromMappedTriples(
                            new int[] {0, 0, 1}, ENTITIES, new String[] {"r0"}),
                        TriplesFactory.fromMappedTriples(
                            new int[] {0, 0, 2}, ENTITIES, new String[] {"r0"}),
                        TriplesFactory.fromMappedTriples(
                            new int[] {1, 0, 2}, ENTITIES, new String[] {"r0"}))));
    assertEquals(
        "the model has 5 entities and 4 relations (with their inverses), but dataset one relation"
            + " has 5 and 1",
        mismatch.getMessage());
    assertEquals(2, Predictor.of(plain, dataset()).numRelations());
  }

  @Test
  void scoresOfGivenTriples() {
    List<ScoredTriple> scored =
        PREDICTOR.scoreTriples(
            List.of(new String[] {"e4", "r1", "e1"}, new String[] {"e2", "r1", "e3"}));
    assertEquals(2f, scored.get(0).score());
    assertEquals(Set.of(KnownSplit.TRAINING), scored.get(0).knownIn());
    assertEquals(new LabeledId(4, "e4"), scored.get(0).head());
    assertEquals(-6f, scored.get(1).score());
    assertFalse(scored.get(1).known());
    assertEquals(-6f, PREDICTOR.scoreTriple(2, 1, 3).score());
  }

  @Test
  void unknownLabelsSuggestTheClosestKnownOnes() {
    UnknownLabelException e =
        assertThrows(UnknownLabelException.class, () -> PREDICTOR.predictTails("e9", "r0", 3));
    assertEquals("entity", e.kind());
    assertEquals("e9", e.label());
    // Every "eN" is one substitution away; equal distance and prefix: code-point order.
    assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), e.suggestions());
    assertEquals("unknown entity 'e9'; closest: e0, e1, e2, e3, e4", e.getMessage());
    UnknownLabelException r =
        assertThrows(UnknownLabelException.class, () -> PREDICTOR.predictHeads("R1x", "e1", 3));
    assertEquals("relation", r.kind());
    assertEquals(List.of("r1", "r0"), r.suggestions());
  }

  @Test
  void badIdsAndTopAreRejectedWithTheRange() {
    IllegalArgumentException top =
        assertThrows(IllegalArgumentException.class, () -> PREDICTOR.predictTails(0, 0, 0));
    assertEquals("top must be >= 1, got 0", top.getMessage());
    IllegalArgumentException head =
        assertThrows(IllegalArgumentException.class, () -> PREDICTOR.predictTails(5, 0, 1));
    assertEquals("head id must be in [0, 5), got 5", head.getMessage());
    IllegalArgumentException relation =
        assertThrows(IllegalArgumentException.class, () -> PREDICTOR.predictHeads(-1, 0, 1));
    assertEquals("relation id must be in [0, 2), got -1", relation.getMessage());
  }

  @Test
  void aModelOfAnotherIdSpaceIsRejected() {
    Model small = Models.create("distmult", 4, 2, 1, 1, null, new SplittableRandom(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Predictor.of(small, dataset()));
    assertEquals(
        "the model has 4 entities and 2 relations, but dataset hand has 5 and 2", e.getMessage());
  }

  @Test
  void nanScoresFailNamingTheTriple() {
    Model model = handModel();
    model.entityEmbeddings().setRow(3, new float[] {Float.NaN});
    Predictor predictor = Predictor.of(model, dataset());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> predictor.predictTails(0, 0, 2));
    assertTrue(e.getMessage().contains("(0, 0, 3) NaN"), e.getMessage());
  }

  /**
   * On a random model with many tied scores (small integer embeddings), the heap's answers equal a
   * full sort of all candidates by (score desc, id asc) with the filtered ones removed.
   */
  @Test
  void topKEqualsAFullSortOnARandomModelWithTies() throws Exception {
    int numEntities = 300;
    int numRelations = 7;
    String[] entities = new String[numEntities];
    for (int i = 0; i < numEntities; i++) {
      entities[i] = String.format("n%03d", i);
    }
    String[] relations = {"a", "b", "c", "d", "e", "f", "g"};
    SplittableRandom random = new SplittableRandom(42);
    int[] training = RandomTriples.draw(random, 2000, numEntities, numRelations);
    Dataset data =
        new Dataset(
            "random",
            TriplesFactory.fromMappedTriples(training, entities, relations),
            TriplesFactory.fromMappedTriples(new int[0], entities, relations),
            TriplesFactory.fromMappedTriples(new int[0], entities, relations));
    Model model = Models.create("distmult", numEntities, numRelations, 2, 1, null, random);
    for (int e = 0; e < numEntities; e++) {
      model.entityEmbeddings().setRow(e, new float[] {random.nextInt(-3, 4), random.nextInt(2)});
    }
    for (int r = 0; r < numRelations; r++) {
      model.relationEmbeddings().setRow(r, new float[] {random.nextInt(1, 3), 1});
    }
    Predictor predictor = Predictor.of(model, data);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> checks = new ArrayList<>();
      for (int q = 0; q < 40; q++) {
        int h = random.nextInt(numEntities);
        int r = random.nextInt(numRelations);
        int top = 1 + random.nextInt(numEntities + 5);
        checks.add(pool.submit(() -> assertTopKMatchesSort(predictor, data, h, r, top)));
      }
      for (Future<?> check : checks) {
        check.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void assertTopKMatchesSort(
      Predictor predictor, Dataset data, int head, int relation, int top) {
    Model model = predictor.model();
    List<Integer> candidates = new ArrayList<>();
    for (int e = 0; e < model.numEntities(); e++) {
      boolean known = false;
      for (int i = 0; i < data.training().numTriples(); i++) {
        known |=
            data.training().head(i) == head
                && data.training().relation(i) == relation
                && data.training().tail(i) == e;
      }
      if (!known) {
        candidates.add(e);
      }
    }
    candidates.sort(
        Comparator.comparingDouble((Integer e) -> -model.score(head, relation, e))
            .thenComparingInt(e -> e));
    List<Integer> expected = candidates.subList(0, Math.min(top, candidates.size()));
    List<Integer> actual =
        predictor.predictTails(head, relation, top).answers().stream().map(Prediction::id).toList();
    assertEquals(expected, actual, "(" + head + ", " + relation + ", ?) top " + top);
  }
}
