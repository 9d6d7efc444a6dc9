package org.kge4j.evaluation;

import java.util.function.IntConsumer;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.EntityPanels;
import org.kge4j.model.Interaction;
import org.kge4j.model.Model;

/**
 * Filtered ranks of a kge4j {@link Model} computed block-wise: the queries of {@value #QUERY_BLOCK}
 * evaluation triples (one side at a time) are scored against {@value #PASS_PANELS} entity panels at
 * a time with the block kernel, and only the counts {@code #{score > s}} and {@code #{score >= s}}
 * of each query are kept; the filter is applied afterwards as corrections over the few known
 * answers of each query, whose scores are recomputed with the block operation's exact chain ({@link
 * Interaction#chainScore}), as is the true entity's score {@code s}, so every comparison sees the
 * same bits the block produced.
 *
 * <p>Work units are (side, block of triples); each writes only its triples' ranks, so the result
 * does not depend on the number of threads.
 */
final class BlockRanker {

  /** Queries per unit: a multiple of the kernel's six-row tiles. */
  static final int QUERY_BLOCK = 96;

  /** Panels per pass: the score buffer of a unit holds {@code 96 × 4096} floats. */
  static final int PASS_PANELS = 64;

  private final Model model;
  private final EntityPanels panels;
  private final int[] triples;
  private final KnownTriples index;
  private final RankBasedEvaluator.Ranks ranks;
  private final DenseKernel kernel = DenseKernels.active();
  private final int numTriples;
  private final int width;

  BlockRanker(Model model, int[] triples, KnownTriples index, RankBasedEvaluator.Ranks ranks) {
    this.model = model;
    this.panels = new EntityPanels(model.entityEmbeddings());
    this.triples = triples;
    this.index = index;
    this.ranks = ranks;
    this.numTriples = triples.length / 3;
    this.width = model.entityEmbeddings().width();
  }

  /** Units: every block of triples on the tail side, then on the head side. */
  int numUnits() {
    return 2 * ((numTriples + QUERY_BLOCK - 1) / QUERY_BLOCK);
  }

  /** A worker with its own buffers, ranking the units it is given. */
  IntConsumer newWorker() {
    float[] queries = new float[QUERY_BLOCK * width];
    float[] scores = new float[QUERY_BLOCK * PASS_PANELS * EntityPanels.PANEL];
    float[] trueScores = new float[QUERY_BLOCK];
    int[] greater = new int[QUERY_BLOCK];
    int[] greaterOrEqual = new int[QUERY_BLOCK];
    int[] cursor = new int[2 * QUERY_BLOCK];
    int[] known = new int[QUERY_BLOCK];
    int[] counts = new int[2];
    return unit ->
        rank(unit, queries, scores, trueScores, greater, greaterOrEqual, cursor, known, counts);
  }

  private void rank(
      int unit,
      float[] queries,
      float[] scores,
      float[] trueScores,
      int[] greater,
      int[] greaterOrEqual,
      int[] cursor,
      int[] known,
      int[] counts) {
    int blocks = (numTriples + QUERY_BLOCK - 1) / QUERY_BLOCK;
    boolean heads = unit >= blocks;
    int first = (heads ? unit - blocks : unit) * QUERY_BLOCK;
    int count = Math.min(QUERY_BLOCK, numTriples - first);
    Interaction interaction = model.interaction();
    EmbeddingTable entities = model.entityEmbeddings();
    long[] keys = index == null ? null : heads ? index.headKeys : index.tailKeys;
    for (int i = 0; i < count; i++) {
      int t = first + i;
      int h = triples[3 * t];
      int r = triples[3 * t + 1];
      int tail = triples[3 * t + 2];
      int trueEntity = heads ? h : tail;
      if (heads) {
        model.headQuery(r, tail, queries, i * width);
      } else {
        model.tailQuery(h, r, queries, i * width);
      }
      trueScores[i] =
          interaction.chainScore(
              queries, i * width, entities.blockOf(trueEntity), entities.offset(trueEntity), width);
      greater[i] = 0;
      greaterOrEqual[i] = 0;
      known[i] = 0;
      if (index != null) {
        long range = heads ? index.headRange(r, tail) : index.tailRange(h, r);
        cursor[2 * i] = KnownTriples.from(range);
        cursor[2 * i + 1] = KnownTriples.to(range);
      }
    }
    int stride = PASS_PANELS * EntityPanels.PANEL;
    for (int p0 = 0; p0 < panels.numPanels(); p0 += PASS_PANELS) {
      int p1 = Math.min(panels.numPanels(), p0 + PASS_PANELS);
      int start = p0 * EntityPanels.PANEL;
      int columns = Math.min(stride, panels.numEntities() - start);
      panels.score(kernel, interaction, queries, 0, count, p0, p1, scores, 0, stride);
      for (int i = 0; i < count; i++) {
        int row = i * stride;
        if (!kernel.countAbove(scores, row, columns, trueScores[i], counts)) {
          int j = 0;
          while (!Float.isNaN(scores[row + j])) {
            j++;
          }
          throw new IllegalStateException(
              "model returned a NaN score for entity "
                  + (start + j)
                  + " in "
                  + (heads ? "head" : "tail")
                  + " prediction of evaluation triple "
                  + (first + i)
                  + "; scores must be finite or infinite, never NaN");
        }
        int g = counts[0];
        int ge = counts[1];
        if (index != null) {
          // the filter as corrections: the known answers in this pass (keys are sorted by entity)
          int t = first + i;
          int trueEntity = heads ? triples[3 * t] : triples[3 * t + 2];
          int k = cursor[2 * i];
          int to = cursor[2 * i + 1];
          for (; k < to; k++) {
            int e = (int) (keys[k] % index.numEntities);
            if (e >= start + columns) {
              break;
            }
            if (e == trueEntity) {
              continue;
            }
            known[i]++;
            float score = scores[row + e - start];
            g -= score > trueScores[i] ? 1 : 0;
            ge -= score >= trueScores[i] ? 1 : 0;
          }
          cursor[2 * i] = k;
        }
        greater[i] += g;
        greaterOrEqual[i] += ge;
      }
    }
    for (int i = 0; i < count; i++) {
      int t = first + i;
      int candidates = panels.numEntities() - known[i];
      if (heads) {
        ranks.headOptimistic()[t] = greater[i] + 1;
        ranks.headPessimistic()[t] = greaterOrEqual[i];
        ranks.headCandidates()[t] = candidates;
      } else {
        ranks.tailOptimistic()[t] = greater[i] + 1;
        ranks.tailPessimistic()[t] = greaterOrEqual[i];
        ranks.tailCandidates()[t] = candidates;
      }
    }
  }
}
