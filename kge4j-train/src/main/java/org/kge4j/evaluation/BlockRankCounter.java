package org.kge4j.evaluation;

import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.model.EntityPanels;
import org.kge4j.model.Interaction;

/**
 * The rank counts of query vectors against the entities packed in {@link EntityPanels}, scored with
 * the block kernel: the inner loop of blocked filtered evaluation, public so that a caller holding
 * only some of the entities (an entity partition on a cluster) counts exactly as single-machine
 * evaluation does. For query {@code q_i} with true score {@code s_i} and removed entities {@code
 * K_i} (the filter's known answers other than the true one):
 *
 * <pre>
 *   greater_i        = |{e ∉ K_i : score(q_i, e) &gt;  s_i}|
 *   greaterOrEqual_i = |{e ∉ K_i : score(q_i, e) &gt;= s_i}|
 * </pre>
 *
 * over the panels' entities {@code e}, every score the exact chain of the interaction's block
 * operation. Queries are scored {@value #QUERY_BLOCK} at a time against {@value #PASS_PANELS}
 * panels at a time and only the counts are kept; {@code K_i} is subtracted within each pass, from
 * the scores the block produced. With {@code s_i} computed by the same chain ({@link
 * Interaction#chainScore}), the true entity meets itself at equality, so over all entities the
 * optimistic rank is {@code 1 + greater_i} and the pessimistic rank {@code greaterOrEqual_i};
 * counts over disjoint entity sets add up to the counts over their union.
 *
 * <p>An instance owns its score buffer ({@value #QUERY_BLOCK} × {@value #PASS_PANELS} panels): one
 * per thread.
 */
public final class BlockRankCounter {

  /**
   * Queries per pass over the panels: a multiple of the kernel's six-row tiles. 192 rather than 96
   * halves how often the panels stream through L2 per query (FB15k-237 test evaluation on two
   * threads: 1.16-1.23 s against 1.20-1.28 s, three alternating runs each).
   */
  public static final int QUERY_BLOCK = 192;

  /**
   * Panels per pass: the score buffer holds {@code 192 × 512} floats (384 KiB), so that it stays in
   * L2 between the kernel writing it and {@link DenseKernel#countAbove} reading it (a buffer of 1.5
   * MiB, 96 queries × 64 panels, spilled to L3).
   */
  public static final int PASS_PANELS = 8;

  /**
   * The exception to throw for a NaN score of query {@code query} against entity {@code column}.
   */
  @FunctionalInterface
  public interface NanScore {
    /**
     * @param query the query's index in the call's queries
     * @param column the entity's column in the panels
     */
    IllegalStateException error(int query, int column);
  }

  private final Interaction interaction;
  private final EntityPanels panels;
  private final DenseKernel kernel = DenseKernels.active();
  private final float[] scores = new float[QUERY_BLOCK * PASS_PANELS * EntityPanels.PANEL];
  private final int[] cursor = new int[QUERY_BLOCK];
  private final int[] counts = new int[2];

  /** A counter of {@code interaction}'s scores against {@code panels}' entities. */
  public BlockRankCounter(Interaction interaction, EntityPanels panels) {
    this.interaction = interaction;
    this.panels = panels;
  }

  /**
   * Writes {@code greater_i} and {@code greaterOrEqual_i} (see the class comment) of queries {@code
   * i < numQueries} into {@code greater[i]} and {@code greaterOrEqual[i]}.
   *
   * @param queries query {@code i} in {@code [i·width, (i + 1)·width)}, {@code width} the panels'
   * @param trueScores {@code s_i}
   * @param removed the removed entities' panel columns, those of query {@code i} ascending in
   *     {@code [removedStart[i], removedStart[i + 1])}, or null to remove none
   * @param removedStart where each query's removed columns start, {@code numQueries + 1} entries
   * @param nan builds the exception thrown for the first NaN score met
   */
  public void count(
      float[] queries,
      int numQueries,
      float[] trueScores,
      int[] removed,
      int[] removedStart,
      int[] greater,
      int[] greaterOrEqual,
      NanScore nan) {
    int width = panels.width();
    int stride = PASS_PANELS * EntityPanels.PANEL;
    for (int first = 0; first < numQueries; first += QUERY_BLOCK) {
      int count = Math.min(QUERY_BLOCK, numQueries - first);
      for (int i = 0; i < count; i++) {
        greater[first + i] = 0;
        greaterOrEqual[first + i] = 0;
        cursor[i] = removed == null ? 0 : removedStart[first + i];
      }
      for (int p0 = 0; p0 < panels.numPanels(); p0 += PASS_PANELS) {
        int p1 = Math.min(panels.numPanels(), p0 + PASS_PANELS);
        int start = p0 * EntityPanels.PANEL;
        int end = Math.min(start + stride, panels.numEntities());
        panels.score(kernel, interaction, queries, first * width, count, p0, p1, scores, 0, stride);
        for (int i = 0; i < count; i++) {
          int row = i * stride;
          float s = trueScores[first + i];
          if (!kernel.countAbove(scores, row, end - start, s, counts)) {
            int j = 0;
            while (!Float.isNaN(scores[row + j])) {
              j++;
            }
            throw nan.error(first + i, start + j);
          }
          int g = counts[0];
          int ge = counts[1];
          if (removed != null) {
            // the filter as corrections: the removed columns of this pass, ascending
            int k = cursor[i];
            for (int to = removedStart[first + i + 1]; k < to && removed[k] < end; k++) {
              float score = scores[row + removed[k] - start];
              g -= score > s ? 1 : 0;
              ge -= score >= s ? 1 : 0;
            }
            cursor[i] = k;
          }
          greater[first + i] += g;
          greaterOrEqual[first + i] += ge;
        }
      }
    }
  }
}
