package org.kge4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
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
    int m = block.size();
    int q = size();
    List<float[]> extra = new ArrayList<>(2 * q);
    for (int j = 0; j < q; j++) {
      extra.add(Arrays.copyOfRange(headVectors, j * width, (j + 1) * width));
    }
    for (int j = 0; j < q; j++) {
      extra.add(Arrays.copyOfRange(tailVectors, j * width, (j + 1) * width));
    }
    org.kge4j.model.Model model = BlockModel.build(spec, block, extra, relations);
    float[] scores = new float[m + 2 * q];
    int[] positions = new int[m];
    float[] candidateScores = new float[m];
    int[] one = new int[1];
    float[] trueScore = new float[1];
    List<Tuple2<Integer, int[]>> out = new ArrayList<>(q);
    for (int j = 0; j < q; j++) {
      int[] counts = new int[6];
      int headRow = m + j;
      int tailRow = m + q + j;
      if (sampledTails == null) {
        model.scoreTails(headRow, relationIds[j], scores, 0);
        full(scores, m, scores[tailRow], block, tails[j], knownTails[j], counts, 0, j, "tail");
        model.scoreHeads(relationIds[j], tailRow, scores, 0);
        full(scores, m, scores[headRow], block, heads[j], knownHeads[j], counts, 3, j, "head");
      } else {
        int n = present(block, sampledTails[j], positions);
        model.scoreTails(headRow, relationIds[j], positions, n, candidateScores);
        one[0] = tailRow;
        model.scoreTails(headRow, relationIds[j], one, 1, trueScore);
        sampled(candidateScores, n, trueScore[0], block.indexOf(tails[j]) >= 0, counts, 0);
        n = present(block, sampledHeads[j], positions);
        model.scoreHeads(relationIds[j], tailRow, positions, n, candidateScores);
        one[0] = headRow;
        model.scoreHeads(relationIds[j], tailRow, one, 1, trueScore);
        sampled(candidateScores, n, trueScore[0], block.indexOf(heads[j]) >= 0, counts, 3);
      }
      out.add(new Tuple2<>(index[j], counts));
    }
    return out.iterator();
  }

  /**
   * Counts the block's scores above and at {@code s}, then removes the known answers other than
   * {@code trueEntity} that lie in the block — {@code RankBasedEvaluator}'s rule restricted to one
   * block.
   */
  private static void full(
      float[] scores,
      int m,
      float s,
      EntityBlock block,
      int trueEntity,
      int[] known,
      int[] counts,
      int at,
      int triple,
      String side) {
    int greater = 0;
    int greaterOrEqual = 0;
    for (int e = 0; e < m; e++) {
      float score = scores[e];
      if (score != score) {
        throw new IllegalStateException(
            "model returned a NaN score for entity "
                + block.ids()[e]
                + " in "
                + side
                + " prediction of evaluation triple "
                + triple);
      }
      greater += score > s ? 1 : 0;
      greaterOrEqual += score >= s ? 1 : 0;
    }
    int candidates = m;
    for (int e : known) {
      int i = e == trueEntity ? -1 : block.indexOf(e);
      if (i >= 0) {
        candidates--;
        greater -= scores[i] > s ? 1 : 0;
        greaterOrEqual -= scores[i] >= s ? 1 : 0;
      }
    }
    counts[at] = greater;
    counts[at + 1] = greaterOrEqual;
    counts[at + 2] = candidates;
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
   * Cuts query rows {@code (index, head, relation, tail, headVector, tailVector, knownTails,
   * knownHeads)} into blocks as they stream by, drawing each side's sampled candidates when {@code
   * sampling} is given.
   */
  static Iterator<RankQueries> blocks(Iterator<Row> rows, int blockSize, Sampling sampling) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public RankQueries next() {
        List<Row> part = new ArrayList<>(blockSize);
        while (rows.hasNext() && part.size() < blockSize) {
          part.add(rows.next());
        }
        int q = part.size();
        int width = part.get(0).getList(4).size();
        RankQueries block =
            new RankQueries(
                new int[q],
                new int[q],
                new int[q],
                new int[q],
                new float[q * width],
                new float[q * width],
                new int[q][],
                new int[q][],
                sampling != null ? new int[q][] : null,
                sampling != null ? new int[q][] : null,
                width);
        for (int j = 0; j < q; j++) {
          Row row = part.get(j);
          block.index[j] = row.getInt(0);
          block.heads[j] = row.getInt(1);
          block.relationIds[j] = row.getInt(2);
          block.tails[j] = row.getInt(3);
          System.arraycopy(
              TrainedEmbeddings.vector(row, 4), 0, block.headVectors, j * width, width);
          System.arraycopy(
              TrainedEmbeddings.vector(row, 5), 0, block.tailVectors, j * width, width);
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
    };
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
