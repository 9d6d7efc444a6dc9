package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
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

  /**
   * Every panel starts {@link EntityPanels#LEAD} floats plus a whole number of 64-byte lines into
   * its array, across several arrays, and holds its entities' values transposed there: the layout
   * that keeps the kernel's vector loads within cache lines. Widths below, at and across the
   * 16-value strips the packing copies at a time.
   */
  @ParameterizedTest
  @ValueSource(ints = {6, 16, 37})
  void panelsStartTheLeadPlusWholeLinesIntoTheirArrays(int width) {
    int numEntities = 5 * EntityPanels.PANEL + 3;
    EmbeddingTable entities = GaussianValues.table(new SplittableRandom(11), numEntities, width);
    EntityPanels panels = new EntityPanels(entities, 2 * width * EntityPanels.PANEL);
    assertEquals(6, panels.numPanels());
    // a float array's 16-byte header plus the lead fill a whole 64-byte line
    assertEquals(0, (16 + Float.BYTES * EntityPanels.LEAD) % 64, "header plus lead in bytes");
    for (int p = 0; p < panels.numPanels(); p++) {
      assertEquals(EntityPanels.LEAD + (p % 2) * width * EntityPanels.PANEL, panels.offset(p));
      assertEquals(0, (panels.offset(p) - EntityPanels.LEAD) % 16, "panel " + p);
      for (int j = 0; j < panels.columns(p); j++) {
        int e = p * EntityPanels.PANEL + j;
        for (int r = 0; r < width; r++) {
          assertEquals(
              entities.row(e)[r],
              panels.array(p)[panels.offset(p) + r * EntityPanels.PANEL + j],
              "panel " + p + ", entity " + e + ", element " + r);
        }
      }
    }
    assertEquals(
        EntityPanels.LEAD + 2 * width * EntityPanels.PANEL, panels.array(0).length, "array size");
  }
}
