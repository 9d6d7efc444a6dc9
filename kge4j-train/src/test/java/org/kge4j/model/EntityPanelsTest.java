package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;

/**
 * Scoring against packed panels: every real column is the interaction's chain score whether or not
 * the output rows have room for the last panel's padding, and without room nothing past the real
 * columns is written.
 */
class EntityPanelsTest {

  private static final int WIDTH = 10;
  private static final int NUM_ENTITIES = 3 * EntityPanels.PANEL + 41;
  private static final int NUM_QUERIES = 13;

  @ParameterizedTest
  @EnumSource(Interaction.class)
  void realColumnsAreChainScoresWithAndWithoutRoomForPadding(Interaction interaction) {
    SplittableRandom random = new SplittableRandom(7 + interaction.ordinal());
    EmbeddingTable entities = GaussianValues.table(random, NUM_ENTITIES, WIDTH);
    float[] queries = GaussianValues.floats(random, NUM_QUERIES * WIDTH);
    EntityPanels panels = new EntityPanels(entities);
    DenseKernel kernel = DenseKernels.active();
    int panelsScored = panels.numPanels() - 1;
    int firstEntity = EntityPanels.PANEL;
    int real = NUM_ENTITIES - firstEntity;
    int roomy = panelsScored * EntityPanels.PANEL;
    float[] withRoom = new float[NUM_QUERIES * roomy];
    float[] tight = new float[NUM_QUERIES * real + 1];
    Arrays.fill(tight, -7f);
    panels.score(
        kernel, interaction, queries, 0, NUM_QUERIES, 1, 1 + panelsScored, withRoom, 0, roomy);
    panels.score(kernel, interaction, queries, 0, NUM_QUERIES, 1, 1 + panelsScored, tight, 0, real);
    for (int i = 0; i < NUM_QUERIES; i++) {
      for (int j = 0; j < real; j++) {
        int e = firstEntity + j;
        float expected =
            interaction.chainScore(
                queries, i * WIDTH, entities.blockOf(e), entities.offset(e), WIDTH);
        assertEquals(expected, withRoom[i * roomy + j], "query " + i + ", entity " + e + " (room)");
        assertEquals(expected, tight[i * real + j], "query " + i + ", entity " + e + " (tight)");
      }
    }
    assertEquals(-7f, tight[NUM_QUERIES * real], "the value after the last real column");
  }
}
