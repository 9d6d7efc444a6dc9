package org.kge4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Model;
import org.kge4j.model.Models;
import org.kge4j.testing.RandomTriples;

/**
 * The blocked ranking of kge4j's models against the generic one-query-at-a-time path fed with the
 * same scores (the block operation's chains): every metric must be equal, ties, filtering, thread
 * counts and panel/pass edges included.
 */
class BlockRankerTest {

  /** The generic path's view of a model: every score computed one by one with the exact chain. */
  private static final class ChainScores extends GenericPredictor {
    ChainScores(Model model) {
      super(model);
    }

    @Override
    public void scoreTails(int head, int relation, float[] out) {
      float[] q = new float[model.entityEmbeddings().width()];
      model.tailQuery(head, relation, q, 0);
      all(q, out);
    }

    @Override
    public void scoreHeads(int relation, int tail, float[] out) {
      float[] q = new float[model.entityEmbeddings().width()];
      model.headQuery(relation, tail, q, 0);
      all(q, out);
    }

    private void all(float[] q, float[] out) {
      EmbeddingTable e = model.entityEmbeddings();
      for (int j = 0; j < e.numRows(); j++) {
        out[j] = model.interaction().chainScore(q, 0, e.blockOf(j), e.offset(j), e.width());
      }
    }
  }

  static Stream<Arguments> cases() {
    // 150 entities: three panels, the last partial; 4200: two passes of the score buffer
    return Stream.of(
        Arguments.of("transe", 1, 150, 6),
        Arguments.of("transe", 2, 150, 7),
        Arguments.of("distmult", 1, 150, 8),
        Arguments.of("complex", 1, 150, 5),
        Arguments.of("rotate", 1, 150, 4),
        Arguments.of("distmult", 1, 4200, 3));
  }

  @ParameterizedTest(name = "{0} p={1} entities={2}")
  @MethodSource("cases")
  void blockedRanksEqualOneQueryAtATimeRanks(String name, int norm, int numEntities, int dim) {
    SplittableRandom random = new SplittableRandom(numEntities + dim);
    Model model = Models.create(name, numEntities, 3, dim, norm, null, random);
    // exact ties: entity 5 is a copy of entity 7, entity 9 of entity 2
    model.entityEmbeddings().setRow(5, model.entityEmbeddings().row(7));
    model.entityEmbeddings().setRow(9, model.entityEmbeddings().row(2));
    String[] entities = new String[numEntities];
    for (int i = 0; i < numEntities; i++) {
      entities[i] = "e" + i;
    }
    String[] relations = {"a", "b", "c"};
    int[] test = RandomTriples.draw(random, 200, Math.min(numEntities, 20), 3);
    test[0] = 7; // a test triple whose tail ties with another entity
    test[2] = 5;
    TriplesFactory testing = TriplesFactory.fromMappedTriples(test, entities, relations);
    TriplesFactory training =
        TriplesFactory.fromMappedTriples(
            RandomTriples.draw(random, 600, Math.min(numEntities, 20), 3), entities, relations);
    for (boolean filtered : new boolean[] {true, false}) {
      MetricResults reference =
          RankBasedEvaluator.builder()
              .filtered(filtered)
              .numThreads(1)
              .build()
              .evaluate(new ChainScores(model), testing, List.of(training));
      for (int threads : new int[] {1, 2, 3}) {
        MetricResults blocked =
            RankBasedEvaluator.builder()
                .filtered(filtered)
                .numThreads(threads)
                .build()
                .evaluate(model, testing, List.of(training));
        assertEquals(
            reference.metrics(), blocked.metrics(), "filtered=" + filtered + " threads=" + threads);
      }
    }
  }

  @ParameterizedTest(name = "{0} p={1} entities={2}")
  @MethodSource("cases")
  void aNanScoreIsNamed(String name, int norm, int numEntities, int dim) {
    Model model = Models.create(name, numEntities, 3, dim, norm, null, new SplittableRandom(1));
    float[] row = model.entityEmbeddings().row(3);
    row[0] = Float.NaN;
    model.entityEmbeddings().setRow(3, row);
    String[] entities = new String[numEntities];
    for (int i = 0; i < numEntities; i++) {
      entities[i] = "e" + i;
    }
    TriplesFactory testing =
        TriplesFactory.fromMappedTriples(new int[] {0, 1, 2}, entities, new String[] {"a", "b"});
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                RankBasedEvaluator.builder()
                    .numThreads(1)
                    .build()
                    .evaluate(model, testing, List.of()));
    assertTrue(
        e.getMessage().startsWith("model returned a NaN score for entity 3 in tail prediction"),
        e.getMessage());
  }
}
