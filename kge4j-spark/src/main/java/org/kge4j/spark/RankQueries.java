package org.kge4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.kge4j.evaluation.BlockRankCounter;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.EntityPanels;
import org.kge4j.model.Interaction;
import org.kge4j.model.Model;
import scala.Tuple2;

/**
 * A block of evaluation triples to rank, with what the rank counts need: the vectors of each
 * triple's head and tail, the other known answers of both queries (to filter), and, for sampled
 * ranking, the candidates drawn for each side.
 *
 * @param index the triples' positions in the sorted evaluation set
 * @param heads head ids
 * @param relationIds relation ids
 * @param tails tail ids
 * @param headVectors the heads' vectors, row-major
 * @param tailVectors the tails' vectors, row-major
 * @param knownTails per triple, the known tails of {@code (h, r, ?)} (filtered), or empty
 * @param knownHeads per triple, the known heads of {@code (?, r, t)} (filtered), or empty
 * @param sampledTails per triple, the sampled tail candidates (sampled ranking), or null
 * @param sampledHeads per triple, the sampled head candidates (sampled ranking), or null
 * @param width floats per vector
 */
record RankQueries(
    int[] index,
    int[] heads,
    int[] relationIds,
    int[] tails,
    float[] headVectors,
    float[] tailVectors,
    int[][] knownTails,
    int[][] knownHeads,
    int[][] sampledTails,
    int[][] sampledHeads,
    int width)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Number of triples. */
  int size() {
    return index.length;
  }

  /**
   * Per triple of this block, its partial counts against {@code block}: {@code {tail greater, tail
   * greater-or-equal, tail candidates, head greater, head greater-or-equal, head candidates}},
   * keyed by the triple's position. Full ranking counts every block entity that the filter keeps
   * (the true entity always); sampled ranking counts the sampled candidates in the block and the
   * true entity.
   *
   * @throws IllegalStateException if the model returns a NaN score
   */
  Iterator<Tuple2<Integer, int[]>> count(ScoringSpec spec, EntityBlock block, float[][] relations) {
    int q = size();
    int[][] counts = new int[q][6];
    if (sampledTails == null) {
      full(spec, block, relations, counts);
    } else {
      sampled(spec, block, relations, counts);
    }
    List<Tuple2<Integer, int[]>> out = new ArrayList<>(q);
    for (int j = 0; j < q; j++) {
      out.add(new Tuple2<>(index[j], counts[j]));
    }
    return out.iterator();
  }

  /**
   * Full ranking with single-machine evaluation's block path: both sides' queries, computed by a
   * model over the triples' own entities, are counted against the block's entity panels by a {@link
   * BlockRankCounter}, the true scores with the same exact chain, and the known answers in the
   * block other than the true entity are removed as corrections — {@code RankBasedEvaluator}'s rule
   * restricted to one block, bit for bit.
   */
  private void full(ScoringSpec spec, EntityBlock block, float[][] relations, int[][] counts) {
    int q = size();
    Model model = BlockModel.build(spec, entityRows(), relations);
    EmbeddingTable table = new EmbeddingTable("entity", block.size(), width);
    for (int i = 0; i < block.size(); i++) {
      table.setRow(i, block.vector(i));
    }
    Interaction interaction = model.interaction();
    BlockRankCounter counter = new BlockRankCounter(interaction, new EntityPanels(table));
    float[] queries = new float[q * width];
    float[] trueScores = new float[q];
    int[] greater = new int[q];
    int[] greaterOrEqual = new int[q];
    int[] removedStart = new int[q + 1];
    for (int side = 0; side < 2; side++) {
      boolean heads = side == 1;
      int[] trueEntities = heads ? this.heads : tails;
      float[] trueVectors = heads ? headVectors : tailVectors;
      int[][] known = heads ? knownHeads : knownTails;
      int total = 0;
      for (int j = 0; j < q; j++) {
        if (heads) {
          model.headQuery(relationIds[j], q + j, queries, j * width);
        } else {
          model.tailQuery(j, relationIds[j], queries, j * width);
        }
        trueScores[j] = interaction.chainScore(queries, j * width, trueVectors, j * width, width);
        total += known[j].length;
      }
      int[] removed = new int[total];
      for (int j = 0; j < q; j++) {
        int n = removedStart[j];
        for (int e : known[j]) {
          int i = e == trueEntities[j] ? -1 : block.indexOf(e);
          if (i >= 0) {
            removed[n++] = i;
          }
        }
        Arrays.sort(removed, removedStart[j], n);
        removedStart[j + 1] = n;
      }
      String name = heads ? "head" : "tail";
      counter.count(
          queries,
          q,
          trueScores,
          removed,
          removedStart,
          greater,
          greaterOrEqual,
          (j, e) ->
              new IllegalStateException(
                  "model returned a NaN score for entity "
                      + block.ids()[e]
                      + " in "
                      + name
                      + " prediction of evaluation triple "
                      + index[j]));
      for (int j = 0; j < q; j++) {
        int at = 3 * side;
        counts[j][at] = greater[j];
        counts[j][at + 1] = greaterOrEqual[j];
        counts[j][at + 2] = block.size() - (removedStart[j + 1] - removedStart[j]);
      }
    }
  }

  /**
   * Sampled ranking: each side's sampled candidates that lie in the block, scored one query at a
   * time with the model's candidate kernels, as single-machine sampled ranking scores them.
   */
  private void sampled(ScoringSpec spec, EntityBlock block, float[][] relations, int[][] counts) {
    int m = block.size();
    int q = size();
    Model model = BlockModel.build(spec, block, entityRows(), relations);
    int[] positions = new int[m];
    float[] candidateScores = new float[m];
    int[] one = new int[1];
    float[] trueScore = new float[1];
    for (int j = 0; j < q; j++) {
      int headRow = m + j;
      int tailRow = m + q + j;
      int n = present(block, sampledTails[j], positions);
      model.scoreTails(headRow, relationIds[j], positions, n, candidateScores);
      one[0] = tailRow;
      model.scoreTails(headRow, relationIds[j], one, 1, trueScore);
      sampled(candidateScores, n, trueScore[0], block.indexOf(tails[j]) >= 0, counts[j], 0);
      n = present(block, sampledHeads[j], positions);
      model.scoreHeads(relationIds[j], tailRow, positions, n, candidateScores);
      one[0] = headRow;
      model.scoreHeads(relationIds[j], tailRow, one, 1, trueScore);
      sampled(candidateScores, n, trueScore[0], block.indexOf(heads[j]) >= 0, counts[j], 3);
    }
  }

  /** The triples' own entity rows: the {@code q} heads' vectors, then the {@code q} tails'. */
  private List<float[]> entityRows() {
    int q = size();
    List<float[]> rows = new ArrayList<>(2 * q);
    for (int j = 0; j < q; j++) {
      rows.add(Arrays.copyOfRange(headVectors, j * width, (j + 1) * width));
    }
    for (int j = 0; j < q; j++) {
      rows.add(Arrays.copyOfRange(tailVectors, j * width, (j + 1) * width));
    }
    return rows;
  }

  private static void sampled(
      float[] scores, int n, float s, boolean holdsTrue, int[] counts, int at) {
    int greater = 0;
    int greaterOrEqual = holdsTrue ? 1 : 0;
    for (int i = 0; i < n; i++) {
      greater += scores[i] > s ? 1 : 0;
      greaterOrEqual += scores[i] >= s ? 1 : 0;
    }
    counts[at] = greater;
    counts[at + 1] = greaterOrEqual;
    counts[at + 2] = n + (holdsTrue ? 1 : 0);
  }

  /** Writes the block positions of the {@code ids} that lie in the block; returns how many. */
  private static int present(EntityBlock block, int[] ids, int[] positions) {
    int n = 0;
    for (int id : ids) {
      int i = block.indexOf(id);
      if (i >= 0) {
        positions[n++] = i;
      }
    }
    return n;
  }

  /**
   * A block of {@code size} triples to fill in: zeros, no known answers yet, room for the sampled
   * candidates when {@code sampled}.
   */
  static RankQueries allocate(int size, int width, boolean sampled) {
    return new RankQueries(
        new int[size],
        new int[size],
        new int[size],
        new int[size],
        new float[size * width],
        new float[size * width],
        new int[size][],
        new int[size][],
        sampled ? new int[size][] : null,
        sampled ? new int[size][] : null,
        width);
  }

  /**
   * Cuts query rows {@code (index, head, relation, tail, headVector, tailVector, knownTails,
   * knownHeads)} into blocks as they stream by, drawing each side's sampled candidates when {@code
   * sampling} is given.
   */
  static Iterator<RankQueries> blocks(Iterator<Row> rows, int blockSize, Sampling sampling) {
    return RowBlocks.of(rows, blockSize, part -> block(part, sampling));
  }

  private static RankQueries block(List<Row> part, Sampling sampling) {
    int q = part.size();
    int width = part.get(0).getList(4).size();
    RankQueries block = allocate(q, width, sampling != null);
    for (int j = 0; j < q; j++) {
      Row row = part.get(j);
      block.index[j] = row.getInt(0);
      block.heads[j] = row.getInt(1);
      block.relationIds[j] = row.getInt(2);
      block.tails[j] = row.getInt(3);
      System.arraycopy(TrainedEmbeddings.vector(row, 4), 0, block.headVectors, j * width, width);
      System.arraycopy(TrainedEmbeddings.vector(row, 5), 0, block.tailVectors, j * width, width);
      block.knownTails[j] = ints(row, 6);
      block.knownHeads[j] = ints(row, 7);
      if (sampling != null) {
        block.sampledTails[j] =
            sampling.draw(block.index[j], 0, block.tails[j], block.knownTails[j]);
        block.sampledHeads[j] =
            sampling.draw(block.index[j], 1, block.heads[j], block.knownHeads[j]);
      }
    }
    return block;
  }

  /**
   * Sampled ranking's candidates: per triple and side, {@code count} distinct entities drawn
   * uniformly from those that are neither the true entity nor a known answer (all of them when
   * fewer remain), from a generator seeded by the seed, the triple's position and the side.
   *
   * @param count candidates per side, {@code >= 1}
   * @param numEntities size of the id space
   * @param seed the draws' seed
   */
  record Sampling(int count, int numEntities, long seed) implements Serializable {

    private static final long serialVersionUID = 1L;

    int[] draw(int triple, int side, int trueEntity, int[] known) {
      java.util.Set<Integer> excluded = new java.util.HashSet<>();
      excluded.add(trueEntity);
      for (int e : known) {
        excluded.add(e);
      }
      int available = numEntities - excluded.size();
      if (available <= count) {
        int[] all = new int[available];
        int n = 0;
        for (int e = 0; e < numEntities; e++) {
          if (!excluded.contains(e)) {
            all[n++] = e;
          }
        }
        return all;
      }
      java.util.SplittableRandom random =
          new java.util.SplittableRandom(
              EntityPartitioner.mix(seed ^ EntityPartitioner.mix(2L * triple + side)));
      java.util.Set<Integer> drawn = new java.util.LinkedHashSet<>();
      while (drawn.size() < count) {
        int e = random.nextInt(numEntities);
        if (!excluded.contains(e)) {
          drawn.add(e);
        }
      }
      return drawn.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static int[] ints(Row row, int field) {
    if (row.isNullAt(field)) {
      return new int[0];
    }
    List<Integer> values = row.getList(field);
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
