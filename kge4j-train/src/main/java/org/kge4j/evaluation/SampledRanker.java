package org.kge4j.evaluation;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Model;

/**
 * Ranks against sampled candidates, the protocol of PyTorch-BigGraph and DGL-KE for graphs too
 * large for full ranking: each evaluation triple's true entity (per side) is ranked against {@code
 * N} entities drawn uniformly without replacement from the others; with filtering, drawn entities
 * that form a known triple are left out of the candidates (so fewer than {@code N} may remain). The
 * draws of triple {@code i} and side come from their own generator seeded by {@code (seed, i,
 * side)}, so the candidates do not depend on the thread count or on the other triples.
 */
final class SampledRanker {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final LinkPredictor predictor;
  private final int[] triples;
  private final KnownTriples index;
  private final RankBasedEvaluator.Ranks ranks;
  private final int numCandidates;
  private final long seed;
  private final int numEntities;
  private final DenseKernel kernel = DenseKernels.active();

  SampledRanker(
      LinkPredictor predictor,
      int[] triples,
      KnownTriples index,
      RankBasedEvaluator.Ranks ranks,
      int numCandidates,
      long seed) {
    this.predictor = predictor;
    this.triples = triples;
    this.index = index;
    this.ranks = ranks;
    this.numEntities = predictor.numEntities();
    this.numCandidates = Math.min(numCandidates, numEntities - 1);
    this.seed = seed;
  }

  /** One unit per evaluation triple. */
  int numUnits() {
    return triples.length / 3;
  }

  /** A worker with its own buffers. */
  IntConsumer newWorker() {
    Model model = predictor instanceof Model m ? m : null;
    float[] scores = model == null ? new float[numEntities] : null;
    float[] query = model == null ? null : new float[model.entityEmbeddings().width()];
    int[] stamp = new int[numEntities];
    int[] counter = {0};
    return i -> {
      rank(i, false, model, query, scores, stamp, counter);
      rank(i, true, model, query, scores, stamp, counter);
    };
  }

  /** The score of entity {@code e}: from the query for a model, else from the full scores. */
  private float score(Model model, float[] query, float[] scores, int e) {
    if (model == null) {
      return scores[e];
    }
    EmbeddingTable entities = model.entityEmbeddings();
    return model
        .interaction()
        .score(kernel, query, 0, entities.blockOf(e), entities.offset(e), query.length);
  }

  private void rank(
      int i,
      boolean heads,
      Model model,
      float[] query,
      float[] scores,
      int[] stamp,
      int[] counter) {
    int h = triples[3 * i];
    int r = triples[3 * i + 1];
    int t = triples[3 * i + 2];
    int trueEntity = heads ? h : t;
    if (model != null) {
      if (heads) {
        model.headQuery(r, t, query, 0);
      } else {
        model.tailQuery(h, r, query, 0);
      }
    } else if (heads) {
      predictor.scoreHeads(r, t, scores);
    } else {
      predictor.scoreTails(h, r, scores);
    }
    // mark the true entity and, when filtering, the other known answers as not drawable
    int mark = ++counter[0];
    stamp[trueEntity] = mark;
    int excluded = 1;
    if (index != null) {
      long range = heads ? index.headRange(r, t) : index.tailRange(h, r);
      long[] keys = heads ? index.headKeys : index.tailKeys;
      for (int k = KnownTriples.from(range), to = KnownTriples.to(range); k < to; k++) {
        int e = (int) (keys[k] % index.numEntities);
        if (stamp[e] != mark) {
          stamp[e] = mark;
          excluded++;
        }
      }
    }
    int wanted = Math.min(numCandidates, numEntities - excluded);
    SplittableRandom random = new SplittableRandom(seed + GOLDEN * (2L * i + (heads ? 1 : 0)));
    float trueScore = score(model, query, scores, trueEntity);
    if (Float.isNaN(trueScore)) {
      throw nan(trueEntity, heads, i);
    }
    int greater = 0;
    int greaterOrEqual = 1;
    for (int drawn = 0; drawn < wanted; ) {
      int e = random.nextInt(numEntities);
      if (stamp[e] == mark) {
        continue;
      }
      stamp[e] = mark;
      drawn++;
      float score = score(model, query, scores, e);
      if (Float.isNaN(score)) {
        throw nan(e, heads, i);
      }
      greater += score > trueScore ? 1 : 0;
      greaterOrEqual += score >= trueScore ? 1 : 0;
    }
    if (heads) {
      ranks.headOptimistic()[i] = greater + 1;
      ranks.headPessimistic()[i] = greaterOrEqual;
      ranks.headCandidates()[i] = wanted + 1;
    } else {
      ranks.tailOptimistic()[i] = greater + 1;
      ranks.tailPessimistic()[i] = greaterOrEqual;
      ranks.tailCandidates()[i] = wanted + 1;
    }
  }

  private static IllegalStateException nan(int entity, boolean heads, int triple) {
    return new IllegalStateException(
        "model returned a NaN score for entity "
            + entity
            + " in "
            + (heads ? "head" : "tail")
            + " prediction of evaluation triple "
            + triple
            + "; scores must be finite or infinite, never NaN");
  }
}
