package org.kge4j.evaluation;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.EntityPanels;
import org.kge4j.model.Interaction;
import org.kge4j.model.Model;

/**
 * Filtered ranks of a kge4j {@link Model} computed block-wise: the queries of {@value
 * BlockRankCounter#QUERY_BLOCK} evaluation triples (one side at a time) are counted against the
 * model's entity panels by a {@link BlockRankCounter}, which keeps only the counts {@code #{score >
 * s}} and {@code #{score >= s}} of each query and applies the filter as corrections over the few
 * known answers of each query. The true entity's score {@code s} is recomputed with the block
 * operation's exact chain ({@link Interaction#chainScore}), so every comparison sees the same bits
 * the block produced.
 *
 * <p>Work units are (side, block of triples); each writes only its triples' ranks, so the result
 * does not depend on the number of threads.
 */
final class BlockRanker {

  private static final int QUERY_BLOCK = BlockRankCounter.QUERY_BLOCK;

  private final Model model;
  private final EntityPanels panels;
  private final int[] triples;
  private final KnownTriples index;
  private final RankBasedEvaluator.Ranks ranks;
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
    return new Worker();
  }

  private final class Worker implements IntConsumer {
    private final BlockRankCounter counter = new BlockRankCounter(model.interaction(), panels);
    private final float[] queries = new float[QUERY_BLOCK * width];
    private final float[] trueScores = new float[QUERY_BLOCK];
    private final int[] greater = new int[QUERY_BLOCK];
    private final int[] greaterOrEqual = new int[QUERY_BLOCK];
    private final int[] removedStart = new int[QUERY_BLOCK + 1];

    /** The known answers of the unit's queries; grows to the largest unit's. */
    private int[] removed = new int[1024];

    @Override
    public void accept(int unit) {
      int blocks = (numTriples + QUERY_BLOCK - 1) / QUERY_BLOCK;
      boolean heads = unit >= blocks;
      int first = (heads ? unit - blocks : unit) * QUERY_BLOCK;
      int count = Math.min(QUERY_BLOCK, numTriples - first);
      Interaction interaction = model.interaction();
      EmbeddingTable entities = model.entityEmbeddings();
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
                queries,
                i * width,
                entities.blockOf(trueEntity),
                entities.offset(trueEntity),
                width);
        removedStart[i + 1] = removedStart[i];
        if (index != null) {
          addKnown(heads ? index.headRange(r, tail) : index.tailRange(h, r), heads, trueEntity, i);
        }
      }
      counter.count(
          queries,
          count,
          trueScores,
          index == null ? null : removed,
          removedStart,
          greater,
          greaterOrEqual,
          (i, e) ->
              new IllegalStateException(
                  "model returned a NaN score for entity "
                      + e
                      + " in "
                      + (heads ? "head" : "tail")
                      + " prediction of evaluation triple "
                      + (first + i)
                      + "; scores must be finite or infinite, never NaN"));
      for (int i = 0; i < count; i++) {
        int t = first + i;
        int candidates = panels.numEntities() - (removedStart[i + 1] - removedStart[i]);
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

    /**
     * Appends the known answers in the packed {@code range} other than {@code trueEntity} as query
     * {@code i}'s removed columns (ascending: the keys are sorted by entity).
     */
    private void addKnown(long range, boolean heads, int trueEntity, int i) {
      long[] keys = heads ? index.headKeys : index.tailKeys;
      int from = KnownTriples.from(range);
      int to = KnownTriples.to(range);
      int n = removedStart[i];
      if (n + to - from > removed.length) {
        removed = Arrays.copyOf(removed, Math.max(2 * removed.length, n + to - from));
      }
      for (int k = from; k < to; k++) {
        int e = (int) (keys[k] % index.numEntities);
        if (e != trueEntity) {
          removed[n++] = e;
        }
      }
      removedStart[i + 1] = n;
    }
  }
}
