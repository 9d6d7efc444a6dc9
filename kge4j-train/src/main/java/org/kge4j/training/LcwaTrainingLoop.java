package org.kge4j.training;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Gradients;
import org.kge4j.model.Model;

/**
 * PyKEEN's LCWA training loop with 1-N scoring in both directions: the training instances are the
 * distinct {@code (h, r)} pairs, scored against every tail, and the distinct {@code (r, t)} pairs,
 * scored against every head; the labels are multi-hot over the entities known to complete the pair
 * in the training triples. The loss's zero-allocation entry point {@link
 * org.kge4j.loss.DoubleMarginLoss#processLcwaScoresInto} applies label smoothing (with {@code
 * numEntities}) and returns the gradient of every score. (PyKEEN's LCWA trains tail prediction only
 * by default; kge4j trains both sides, as rank-based evaluation tests both.)
 *
 * <p>With {@code mean} reduction the loss averages over all {@code B x numEntities} scores, as
 * PyKEEN's does, so the few positives of a row weigh little against its many negatives.
 */
public final class LcwaTrainingLoop extends TrainingLoop {

  private final int numEntities;

  /** Per instance: true = (r, t) -> heads, false = (h, r) -> tails. */
  private final boolean[] headPrediction;

  /** Per instance: h for tail prediction, t for head prediction. */
  private final int[] anchor;

  private final int[] relation;

  /** Per instance: its labelled entities are {@code labels[labelStart[i], labelStart[i + 1])}. */
  private final int[] labelStart;

  private final int[] labelIds;
  private final float[] predictions;
  private final float[] labels;
  private final float[] gradient;
  private final int[] batchAnchor;
  private final int[] batchRelation;
  private final boolean[] batchTails;
  private final boolean[] batchHeads;

  /**
   * Creates the loop.
   *
   * @param validation validation triples, needed when {@code config.stopper().frequency() > 0}
   * @param numThreads worker threads, {@code >= 1}; results do not depend on it
   * @throws IllegalArgumentException if the configuration is not LCWA, the model does not fit the
   *     triples, or a batch of scores would exceed the largest Java array
   */
  public LcwaTrainingLoop(
      PipelineConfig config,
      Model model,
      TriplesFactory training,
      TriplesFactory validation,
      int numThreads) {
    super(config, model, training, validation, numThreads);
    if (config.trainingLoop() != LoopKind.LCWA) {
      throw new IllegalArgumentException(
          "LcwaTrainingLoop needs training_loop LCWA, got " + config.trainingLoop().pykeenName());
    }
    int batchSize = config.training().batchSize();
    this.numEntities = training.numEntities();
    int[] triples = training.mappedTriples();
    long[] tails = groupKeys(triples, 0, 2);
    long[] heads = groupKeys(triples, 2, 0);
    int numTail = countGroups(tails);
    int numHead = countGroups(heads);
    int numInstances = numTail + numHead;
    headPrediction = new boolean[numInstances];
    anchor = new int[numInstances];
    relation = new int[numInstances];
    labelStart = new int[numInstances + 1];
    labelIds = new int[tails.length + heads.length];
    int[] cursor = {0, 0};
    fill(tails, false, cursor);
    fill(heads, true, cursor);
    labelStart[numInstances] = cursor[1];
    long scores = (long) batchSize * numEntities;
    if (scores > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "LCWA batch of "
              + batchSize
              + " x "
              + numEntities
              + " scores exceeds the largest Java array; lower the batch size to at most "
              + (Integer.MAX_VALUE - 8) / numEntities);
    }
    predictions = new float[(int) scores];
    labels = new float[(int) scores];
    gradient = new float[(int) scores];
    batchAnchor = new int[batchSize];
    batchRelation = new int[batchSize];
    batchTails = new boolean[batchSize];
    batchHeads = new boolean[batchSize];
  }

  /**
   * Sorted, de-duplicated keys {@code ((a * numRelations + r) * numEntities + b)} of every triple,
   * where {@code a} is column {@code anchorColumn} and {@code b} column {@code targetColumn}.
   */
  private long[] groupKeys(int[] triples, int anchorColumn, int targetColumn) {
    int n = triples.length / 3;
    long numRel = training.numRelations();
    long numEnt = training.numEntities();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] =
          (triples[3 * i + anchorColumn] * numRel + triples[3 * i + 1]) * numEnt
              + triples[3 * i + targetColumn];
    }
    Arrays.sort(keys);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m == 0 || keys[i] != keys[m - 1]) {
        keys[m++] = keys[i];
      }
    }
    return Arrays.copyOf(keys, m);
  }

  private int countGroups(long[] keys) {
    int groups = 0;
    long numEnt = training.numEntities();
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] / numEnt != keys[i - 1] / numEnt) {
        groups++;
      }
    }
    return groups;
  }

  private void fill(long[] keys, boolean heads, int[] cursor) {
    long numEnt = training.numEntities();
    long numRel = training.numRelations();
    for (int i = 0; i < keys.length; i++) {
      long pair = keys[i] / numEnt;
      if (i == 0 || pair != keys[i - 1] / numEnt) {
        int instance = cursor[0]++;
        headPrediction[instance] = heads;
        anchor[instance] = (int) (pair / numRel);
        relation[instance] = (int) (pair % numRel);
        labelStart[instance] = cursor[1];
      }
      labelIds[cursor[1]++] = (int) (keys[i] % numEnt);
    }
  }

  @Override
  int numInstances() {
    return anchor.length;
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
    int n = numEntities;
    boolean anyTails = false;
    boolean anyHeads = false;
    for (int i = 0; i < size; i++) {
      int instance = order[from + i];
      batchAnchor[i] = anchor[instance];
      batchRelation[i] = relation[instance];
      batchHeads[i] = headPrediction[instance];
      batchTails[i] = !headPrediction[instance];
      anyHeads |= batchHeads[i];
      anyTails |= batchTails[i];
    }
    int shards = numShards(size);
    workers.run(
        shards,
        s -> {
          int lo = shardStart(s, size, shards);
          int hi = shardStart(s + 1, size, shards);
          for (int i = lo; i < hi; i++) {
            int instance = order[from + i];
            int offset = i * n;
            if (headPrediction[instance]) {
              model.scoreHeads(relation[instance], anchor[instance], predictions, offset);
            } else {
              model.scoreTails(anchor[instance], relation[instance], predictions, offset);
            }
            Arrays.fill(labels, offset, offset + n, 0f);
            for (int j = labelStart[instance]; j < labelStart[instance + 1]; j++) {
              labels[offset + labelIds[j]] = 1f;
            }
          }
        });
    checkFinite(predictions, size * n, "1-N", epoch, batch, numBatches);
    double value =
        loss.processLcwaScoresInto(
            predictions, labels, null, size * n, config.training().labelSmoothing(), n, gradient);
    workers.run(
        shards,
        s -> {
          Gradients g = shardGradients[s];
          g.clear();
          int lo = shardStart(s, size, shards);
          int hi = shardStart(s + 1, size, shards);
          for (int i = lo; i < hi; i++) {
            int instance = order[from + i];
            if (headPrediction[instance]) {
              model.accumulateHeadsGradient(
                  relation[instance], anchor[instance], gradient, i * n, g);
            } else {
              model.accumulateTailsGradient(
                  anchor[instance], relation[instance], gradient, i * n, g);
            }
          }
        });
    reduceShards(shards);
    // PyKEEN's score_t looks up the heads, the relations and all entities; score_h likewise
    if (anyTails) {
      value += regularize(true, batchAnchor, 0, 1, size, batchTails);
      value += regularize(false, batchRelation, 0, 1, size, batchTails);
      value += regularizeAllEntities();
    }
    if (anyHeads) {
      value += regularizeAllEntities();
      value += regularize(false, batchRelation, 0, 1, size, batchHeads);
      value += regularize(true, batchAnchor, 0, 1, size, batchHeads);
    }
    return value;
  }
}
