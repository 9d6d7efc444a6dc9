package org.kge4j.training;

import java.util.SplittableRandom;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Gradients;
import org.kge4j.model.Model;
import org.kge4j.sampling.NegativeSampler;

/**
 * PyKEEN's sLCWA training loop: every batch of {@code B} positive triples is corrupted into {@code
 * K} negatives each by the configured {@link NegativeSampler}; positives and negatives are scored,
 * the loss's zero-allocation entry point {@link
 * org.kge4j.loss.DoubleMarginLoss#processSlcwaScoresInto} turns the scores into the loss and its
 * gradients (with the sampler's keep-mask as {@code batchFilter} when filtering), and the gradients
 * flow back into the embeddings. Scoring and backward pass run data-parallel over the batch (see
 * {@link TrainingLoop}).
 *
 * <p>A positive's negatives that keep its head and relation (tail corruptions) are scored and
 * back-propagated together through {@link Model#scoreTails(int, int, int[], int, float[])}, and
 * those that keep relation and tail through the head variant, so that models compute the part
 * shared by the query once (DistMult's {@code h ∘ r}, ComplEx's {@code h r}).
 */
public final class SlcwaTrainingLoop extends TrainingLoop {

  private final NegativeSampler sampler;
  private final int numNegsPerPos;
  private final int[] triples;
  private final int[] positives;
  private final int[] negatives;
  private final boolean[] keep;
  private final float[] positiveScores;
  private final float[] negativeScores;
  private final float[] positiveGradient;
  private final float[] negativeGradient;

  /** Per shard: the tail-corrupted (0) and head-corrupted (1) negatives of one positive. */
  private final int[][][] candidateIds = new int[NUM_SHARDS][2][];

  private final int[][][] candidatePositions = new int[NUM_SHARDS][2][];
  private final int[][] candidateCounts = new int[NUM_SHARDS][2];
  private final float[][] candidateValues = new float[NUM_SHARDS][];

  /**
   * Creates the loop.
   *
   * @param validation validation triples, needed when {@code config.stopper().frequency() > 0}
   * @param numThreads worker threads, {@code >= 1}; results do not depend on it
   * @throws IllegalArgumentException if the configuration is not sLCWA or the model does not fit
   *     the triples
   */
  public SlcwaTrainingLoop(
      PipelineConfig config,
      Model model,
      TriplesFactory training,
      TriplesFactory validation,
      int numThreads) {
    super(config, model, training, validation, numThreads);
    if (config.trainingLoop() != LoopKind.SLCWA) {
      throw new IllegalArgumentException(
          "SlcwaTrainingLoop needs training_loop sLCWA, got " + config.trainingLoop().pykeenName());
    }
    this.sampler = config.negativeSampler().create(training);
    this.numNegsPerPos = config.negativeSampler().numNegsPerPos();
    this.triples = training.mappedTriples();
    // PipelineConfig bounds 3 * b * numNegsPerPos by the largest array length
    int b = config.training().batchSize();
    int bk = Math.multiplyExact(b, numNegsPerPos);
    this.positives = new int[3 * b];
    this.negatives = new int[Math.multiplyExact(3, bk)];
    this.keep = new boolean[bk];
    this.positiveScores = new float[b];
    this.negativeScores = new float[bk];
    this.positiveGradient = new float[b];
    this.negativeGradient = new float[bk];
    for (int s = 0; s < NUM_SHARDS; s++) {
      for (int side = 0; side < 2; side++) {
        candidateIds[s][side] = new int[numNegsPerPos];
        candidatePositions[s][side] = new int[numNegsPerPos];
      }
      candidateValues[s] = new float[numNegsPerPos];
    }
  }

  @Override
  int numInstances() {
    return triples.length / 3;
  }

  @Override
  double processBatch(
      int[] order,
      int from,
      int to,
      SplittableRandom random,
      Workers workers,
      int epoch,
      int batch,
      int numBatches) {
    int size = to - from;
    int k = numNegsPerPos;
    for (int i = 0; i < size; i++) {
      System.arraycopy(triples, 3 * order[from + i], positives, 3 * i, 3);
    }
    boolean filtered = sampler.filtered();
    sampler.sample(positives, size, random, negatives, filtered ? keep : null);
    int shards = numShards(size);
    workers.run(
        shards,
        s -> {
          int lo = shardStart(s, size, shards);
          int hi = shardStart(s + 1, size, shards);
          for (int i = lo; i < hi; i++) {
            int h = positives[3 * i];
            int r = positives[3 * i + 1];
            int t = positives[3 * i + 2];
            positiveScores[i] = model.score(h, r, t);
            if (filtered) {
              // dropped negatives get no score from the model; the loss ignores them
              for (int j = i * k; j < (i + 1) * k; j++) {
                if (!keep[j]) {
                  negativeScores[j] = 0f;
                }
              }
            }
            group(s, i, h, r, t, filtered);
            float[] values = candidateValues[s];
            for (int side = 0; side < 2; side++) {
              int count = candidateCounts[s][side];
              if (side == 0) {
                model.scoreTails(h, r, candidateIds[s][0], count, values);
              } else {
                model.scoreHeads(r, t, candidateIds[s][1], count, values);
              }
              int[] positions = candidatePositions[s][side];
              for (int c = 0; c < count; c++) {
                negativeScores[positions[c]] = values[c];
              }
            }
          }
        });
    checkFinite(positiveScores, size, "positive", epoch, batch, numBatches);
    checkFinite(negativeScores, size * k, "negative", epoch, batch, numBatches);
    double value =
        loss.processSlcwaScoresInto(
            positiveScores,
            negativeScores,
            filtered ? keep : null,
            null,
            size,
            k,
            positiveGradient,
            negativeGradient);
    workers.run(
        shards,
        s -> {
          Gradients g = shardGradients[s];
          g.clear();
          int lo = shardStart(s, size, shards);
          int hi = shardStart(s + 1, size, shards);
          for (int i = lo; i < hi; i++) {
            int h = positives[3 * i];
            int r = positives[3 * i + 1];
            int t = positives[3 * i + 2];
            model.accumulateGradient(h, r, t, positiveGradient[i], g);
            group(s, i, h, r, t, filtered);
            float[] values = candidateValues[s];
            for (int side = 0; side < 2; side++) {
              int count = candidateCounts[s][side];
              int[] positions = candidatePositions[s][side];
              for (int c = 0; c < count; c++) {
                values[c] = negativeGradient[positions[c]];
              }
              if (side == 0) {
                model.accumulateTailsGradient(h, r, candidateIds[s][0], count, values, g);
              } else {
                model.accumulateHeadsGradient(r, t, candidateIds[s][1], count, values, g);
              }
            }
          }
        });
    reduceShards(shards);
    // PyKEEN scores positives and negatives in two calls, each looking up h, r and t
    value += regularize(true, positives, 0, 3, size, null);
    value += regularize(false, positives, 1, 3, size, null);
    value += regularize(true, positives, 2, 3, size, null);
    boolean[] kept = filtered ? keep : null;
    value += regularize(true, negatives, 0, 3, size * k, kept);
    value += regularize(false, negatives, 1, 3, size * k, kept);
    value += regularize(true, negatives, 2, 3, size * k, kept);
    return value;
  }

  /**
   * Sorts the kept negatives of positive {@code i} into shard {@code s}'s tail-corruption and
   * head-corruption lists. The samplers corrupt only the head or the tail (PyKEEN's default
   * corruption scheme), so every negative shares the positive's relation and its head or tail;
   * anything else is a sampler bug and fails.
   */
  private void group(int s, int i, int h, int r, int t, boolean filtered) {
    int tails = 0;
    int heads = 0;
    int[] tailIds = candidateIds[s][0];
    int[] tailPositions = candidatePositions[s][0];
    int[] headIds = candidateIds[s][1];
    int[] headPositions = candidatePositions[s][1];
    for (int j = i * numNegsPerPos; j < (i + 1) * numNegsPerPos; j++) {
      if (filtered && !keep[j]) {
        continue;
      }
      int nh = negatives[3 * j];
      int nr = negatives[3 * j + 1];
      int nt = negatives[3 * j + 2];
      if (nr != r || (nh != h && nt != t)) {
        throw new IllegalStateException(
            "negative sampler must corrupt only the head or the tail,"
                + " got ("
                + nh
                + ", "
                + nr
                + ", "
                + nt
                + ") for positive ("
                + h
                + ", "
                + r
                + ", "
                + t
                + ")");
      }
      // branch-free: which side a negative corrupts is a coin flip the CPU cannot predict, so
      // write it to both lists and advance only the one it belongs to (both stay below K)
      int isTail = nh == h ? 1 : 0;
      tailIds[tails] = nt;
      tailPositions[tails] = j;
      headIds[heads] = nh;
      headPositions[heads] = j;
      tails += isTail;
      heads += 1 - isTail;
    }
    candidateCounts[s][0] = tails;
    candidateCounts[s][1] = heads;
  }
}
