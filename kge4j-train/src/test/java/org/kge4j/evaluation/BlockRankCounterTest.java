package org.kge4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.EntityPanels;
import org.kge4j.model.GaussianValues;
import org.kge4j.model.Interaction;

/**
 * The public counter against the plain definition over chain scores: more queries than one block of
 * {@value BlockRankCounter#QUERY_BLOCK}, more entities than one pass, removed columns in every
 * pass, and true scores that tie with entities.
 */
class BlockRankCounterTest {

  private static final int WIDTH = 6;

  @ParameterizedTest
  @EnumSource(Interaction.class)
  void countsAreThoseOfThePlainDefinition(Interaction interaction) {
    SplittableRandom random = new SplittableRandom(interaction.ordinal());
    int numEntities = 2 * BlockRankCounter.PASS_PANELS * EntityPanels.PANEL + 37;
    int numQueries = 2 * BlockRankCounter.QUERY_BLOCK + 11;
    EmbeddingTable entities = GaussianValues.table(random, numEntities, WIDTH);
    float[] queries = GaussianValues.floats(random, numQueries * WIDTH);
    float[][] scores = new float[numQueries][numEntities];
    float[] trueScores = new float[numQueries];
    int[] removedStart = new int[numQueries + 1];
    int[] removed = new int[numQueries * 8];
    for (int i = 0; i < numQueries; i++) {
      for (int e = 0; e < numEntities; e++) {
        scores[i][e] =
            interaction.chainScore(
                queries, i * WIDTH, entities.blockOf(e), entities.offset(e), WIDTH);
      }
      // the true entity is one of the entities: it ties with itself
      trueScores[i] = scores[i][random.nextInt(numEntities)];
      int[] columns = random.ints(8, 0, numEntities).distinct().sorted().toArray();
      System.arraycopy(columns, 0, removed, removedStart[i], columns.length);
      removedStart[i + 1] = removedStart[i] + columns.length;
    }
    int[] greater = new int[numQueries];
    int[] greaterOrEqual = new int[numQueries];
    new BlockRankCounter(interaction, new EntityPanels(entities))
        .count(
            queries,
            numQueries,
            trueScores,
            removed,
            removedStart,
            greater,
            greaterOrEqual,
            (i, e) -> new IllegalStateException("NaN"));
    int[] expectedGreater = new int[numQueries];
    int[] expectedGreaterOrEqual = new int[numQueries];
    for (int i = 0; i < numQueries; i++) {
      int[] kept = new int[numEntities];
      Arrays.fill(kept, 1);
      for (int k = removedStart[i]; k < removedStart[i + 1]; k++) {
        kept[removed[k]] = 0;
      }
      for (int e = 0; e < numEntities; e++) {
        expectedGreater[i] += kept[e] == 1 && scores[i][e] > trueScores[i] ? 1 : 0;
        expectedGreaterOrEqual[i] += kept[e] == 1 && scores[i][e] >= trueScores[i] ? 1 : 0;
      }
    }
    assertArrayEquals(expectedGreater, greater);
    assertArrayEquals(expectedGreaterOrEqual, greaterOrEqual);
  }

  @ParameterizedTest
  @EnumSource(Interaction.class)
  void aNanScoreIsReportedWithItsQueryAndColumn(Interaction interaction) {
    int numEntities = BlockRankCounter.PASS_PANELS * EntityPanels.PANEL + 5;
    EmbeddingTable entities = new EmbeddingTable("entity", numEntities, WIDTH);
    float[] row = new float[WIDTH];
    row[2] = Float.NaN;
    entities.setRow(numEntities - 2, row);
    int numQueries = BlockRankCounter.QUERY_BLOCK + 3;
    float[] queries = new float[numQueries * WIDTH];
    Arrays.fill(queries, 1f);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new BlockRankCounter(interaction, new EntityPanels(entities))
                    .count(
                        queries,
                        numQueries,
                        new float[numQueries],
                        null,
                        null,
                        new int[numQueries],
                        new int[numQueries],
                        (i, c) -> new IllegalStateException("query " + i + " column " + c)));
    assertEquals("query 0 column " + (numEntities - 2), e.getMessage());
  }
}
