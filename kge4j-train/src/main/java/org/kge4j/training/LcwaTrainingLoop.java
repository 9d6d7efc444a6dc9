package org.kge4j.training;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.linalg.BlockOp;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.linalg.StridedMatrix;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.EntityPanels;
import org.kge4j.model.Interaction;
import org.kge4j.model.Model;
import org.kge4j.model.SparseGradient;

/**
 * PyKEEN's LCWA training loop with 1-N scoring in both directions: the training instances are the
 * distinct {@code (h, r)} pairs, scored against every tail, and the distinct {@code (r, t)} pairs,
 * scored against every head; the labels are multi-hot over the entities known to complete the pair
 * in the training triples. The loss's array entry point {@link
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

  /** {@code numEntities} zeros: {@code x·0} is NaN exactly when {@code x} is NaN or infinite. */
  private final float[] zeros;

  /** Whether shard {@code s} of the last batch scored a NaN or an infinity. */
  private final boolean[] nonFinite = new boolean[NUM_SHARDS];

  private final int[] batchAnchor;
  private final int[] batchRelation;
  private final int[] batchRelationRow;
  private final boolean[] batchTails;
  private final boolean[] batchHeads;
  private final int width;
  private final float[] queries;
  private final float[] queryGradients;
  private final float[] columnSums;
  private final double[] regularizerTerms = new double[NUM_SHARDS];
  private final EntityPanels panels;
  private final DenseKernel kernel = DenseKernels.active();

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
    super(LoopKind.LCWA, config, model, training, validation, numThreads);
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
    zeros = new float[numEntities];
    batchAnchor = new int[batchSize];
    batchRelation = new int[batchSize];
    batchRelationRow = new int[batchSize];
    batchTails = new boolean[batchSize];
    batchHeads = new boolean[batchSize];
    width = model.entityEmbeddings().width();
    queries = new float[batchSize * width];
    queryGradients = new float[batchSize * width];
    columnSums = new float[numEntities];
    panels = new EntityPanels(model.entityEmbeddings());
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
  double processBatch(Batch batch, SplittableRandom random, Workers workers) {
    int size = batch.size();
    int n = numEntities;
    boolean anyTails = false;
    boolean anyHeads = false;
    for (int i = 0; i < size; i++) {
      int instance = batch.instance(i);
      batchAnchor[i] = anchor[instance];
      batchRelation[i] = relation[instance];
      // head prediction reads the inverse relation's row in a model with inverse relations
      batchRelationRow[i] =
          headPrediction[instance]
              ? model.headQueryRelation(relation[instance])
              : relation[instance];
      batchHeads[i] = headPrediction[instance];
      batchTails[i] = !headPrediction[instance];
      anyHeads |= batchHeads[i];
      anyTails |= batchTails[i];
    }
    panels.refresh();
    int shards = numShards(size);
    workers.run(
        shards,
        s -> {
          int lo = rowStart(s, size, shards);
          int hi = rowStart(s + 1, size, shards);
          for (int i = lo; i < hi; i++) {
            if (batchHeads[i]) {
              model.headQuery(batchRelation[i], batchAnchor[i], queries, i * width);
            } else {
              model.tailQuery(batchAnchor[i], batchRelation[i], queries, i * width);
            }
            int instance = batch.instance(i);
            int offset = i * n;
            Arrays.fill(labels, offset, offset + n, 0f);
            for (int j = labelStart[instance]; j < labelStart[instance + 1]; j++) {
              labels[offset + labelIds[j]] = 1f;
            }
          }
          panels.score(
              kernel,
              model.interaction(),
              queries,
              lo * width,
              hi - lo,
              0,
              panels.numPanels(),
              predictions,
              lo * n,
              n);
          // the finiteness check beside the scores, one vectorised dot product per row (a serial
          // scan of the batch's 3.7 M scores was 4 % of an FB15k-237 step, the other thread idle)
          boolean finite = true;
          for (int i = lo; i < hi && finite; i++) {
            finite = !Float.isNaN(kernel.dot(predictions, i * n, zeros, 0, n));
          }
          nonFinite[s] = !finite;
        });
    for (int s = 0; s < shards; s++) {
      if (nonFinite[s]) {
        // names the first non-finite score of the batch, whichever shard found one
        checkFinite(predictions, size * n, "1-N", batch);
      }
    }
    double value =
        loss.processLcwaScoresInto(
            predictions, labels, null, size * n, config.training().labelSmoothing(), n, gradient);
    // PyKEEN's score_t looks up the heads, the relations and all entities; score_h likewise
    regularizer.clear();
    if (anyTails) {
      regularizer.lookup(true, batchAnchor, 0, 1, size, batchTails);
      regularizer.lookup(false, batchRelationRow, 0, 1, size, batchTails);
      regularizer.lookupAllEntities();
    }
    if (anyHeads) {
      regularizer.lookupAllEntities();
      regularizer.lookup(false, batchRelationRow, 0, 1, size, batchHeads);
      regularizer.lookup(true, batchAnchor, 0, 1, size, batchHeads);
    }
    return value + backward(size, shards, workers);
  }

  /**
   * The first row of part {@code s} of {@code parts} of the batch's rows: {@link #shardStart}
   * rounded down to a multiple of the kernel's tile rows, so that only the last part ends in the
   * kernel's slower edge loop. Parts of 32 rows (a batch of 256 in 8 shards) each ended in 2 edge
   * rows, 6 % of an FB15k-237 step. Nothing computed per row depends on the split. (The entity
   * ranges keep {@link #shardStart}: their regulariser terms are summed per range, in range order.)
   */
  private int rowStart(int s, int rows, int parts) {
    if (s == parts) {
      return rows;
    }
    int tile = kernel.blockRows();
    return shardStart(s, rows, parts) / tile * tile;
  }

  /**
   * The block product both halves of {@link #backward} share: adds to the {@code m} rows of {@code
   * out} {@code Σ_r G(i, r) other_r} ({@code DOT}, and the first term of {@code NEGATIVE_L2}) or
   * {@code Σ_r G(i, r) sign(self_i − other_r)} ({@code NEGATIVE_L1}) over the {@code k} rows of
   * {@code other}, with {@code G} the loss gradient or its transpose and every other operand's rows
   * {@code width} floats long.
   */
  private void accumulateBlock(
      Interaction interaction,
      int m,
      int k,
      StridedMatrix g,
      StridedMatrix other,
      StridedMatrix self,
      StridedMatrix out) {
    if (interaction == Interaction.NEGATIVE_L1) {
      kernel.accumulateSignDifference(m, width, k, g, other, self, out);
    } else {
      kernel.accumulate(BlockOp.DOT, m, width, k, g, other, out);
    }
  }

  /**
   * The backward pass of {@code S = interaction(Q, E)} for the loss gradient {@code G} of every
   * score: block operations for {@code ∂/∂Q} (rows split across shards) and {@code ∂/∂E} (written
   * straight into the entity gradient, entity ranges split across shards), then the chain rule of
   * each query into its anchor and relation rows, in batch order. Every value is computed by one
   * shard in a fixed order, so the thread count changes nothing. The regularizer's gradient is
   * added by the same owners.
   *
   * <pre>
   *   DOT          ∂/∂Q = G·E                   ∂/∂E = Gᵀ·Q
   *   NEGATIVE_L2  C = G ⊘ (−S),  ∂/∂Q = C·E − rowsum(C) ⊙ Q,   ∂/∂E = Cᵀ·Q − colsum(C) ⊙ E
   *   NEGATIVE_L1  ∂/∂Q_i = −Σ_e G_ie sign(q_i − e),  ∂/∂E_e = Σ_i G_ie sign(q_i − e)
   * </pre>
   */
  private double backward(int size, int shards, Workers workers) {
    int n = numEntities;
    Interaction interaction = model.interaction();
    EmbeddingTable entities = model.entityEmbeddings();
    EmbeddingTable entityGradient = total.entities().values();
    if (interaction == Interaction.NEGATIVE_L2) {
      // C = G / ||q - e|| (0 where the distance is 0, PyTorch's subgradient); S holds -||q - e||
      workers.run(
          shards,
          s -> {
            int lo = rowStart(s, size, shards) * n;
            int hi = rowStart(s + 1, size, shards) * n;
            for (int k = lo; k < hi; k++) {
              float distance = -predictions[k];
              gradient[k] = distance == 0f ? 0f : gradient[k] / distance;
            }
          });
    }
    workers.run(
        shards,
        s -> {
          int lo = rowStart(s, size, shards);
          int hi = rowStart(s + 1, size, shards);
          Arrays.fill(queryGradients, lo * width, hi * width, 0f);
          StridedMatrix shardQueries = StridedMatrix.rowMajor(queries, lo * width, width);
          StridedMatrix shardGradients = StridedMatrix.rowMajor(queryGradients, lo * width, width);
          for (int b = 0; b < entities.numBlocks(); b++) {
            accumulateBlock(
                interaction,
                hi - lo,
                entities.rowsIn(b),
                StridedMatrix.rowMajor(gradient, lo * n + entities.firstRow(b), n),
                StridedMatrix.rowMajor(entities.block(b), 0, width),
                shardQueries,
                shardGradients);
          }
          for (int i = lo; i < hi; i++) {
            if (interaction == Interaction.NEGATIVE_L1) {
              kernel.negate(queryGradients, i * width, width);
            } else if (interaction == Interaction.NEGATIVE_L2) {
              float rowSum = 0f;
              for (int j = 0; j < n; j++) {
                rowSum += gradient[i * n + j];
              }
              kernel.axpy(-rowSum, queries, i * width, queryGradients, i * width, width);
            }
          }
        });
    int entityShards = Math.min(NUM_SHARDS, n);
    if (interaction == Interaction.NEGATIVE_L2) {
      // colsum(C), each column summed over the batch in row order
      workers.run(
          entityShards,
          s -> {
            int lo = shardStart(s, n, entityShards);
            int hi = shardStart(s + 1, n, entityShards);
            Arrays.fill(columnSums, lo, hi, 0f);
            for (int i = 0; i < size; i++) {
              for (int j = lo; j < hi; j++) {
                columnSums[j] += gradient[i * n + j];
              }
            }
          });
    }
    StridedMatrix batchQueries = StridedMatrix.rowMajor(queries, 0, width);
    workers.run(
        entityShards,
        s -> {
          int lo = shardStart(s, n, entityShards);
          int hi = shardStart(s + 1, n, entityShards);
          double term = 0;
          for (int e = lo; e < hi; ) {
            // a range within one block of the gradient table
            int blockEnd =
                Math.min(
                    hi,
                    entityGradient.firstRow(e / entityGradient.rowsPerBlock())
                        + entityGradient.rowsPerBlock());
            float[] out = entityGradient.blockOf(e);
            int outOffset = entityGradient.offset(e);
            accumulateBlock(
                interaction,
                blockEnd - e,
                size,
                StridedMatrix.rowMajor(gradient, e, n).transposed(),
                batchQueries,
                StridedMatrix.rowMajor(entities.blockOf(e), entities.offset(e), width),
                StridedMatrix.rowMajor(out, outOffset, width));
            if (interaction == Interaction.NEGATIVE_L1) {
              kernel.negate(out, outOffset, (blockEnd - e) * width);
            } else if (interaction == Interaction.NEGATIVE_L2) {
              float[] rows = entities.blockOf(e);
              int rowOffset = entities.offset(e);
              for (int j = e; j < blockEnd; j++) {
                kernel.axpy(
                    -columnSums[j],
                    rows,
                    rowOffset + (j - e) * width,
                    out,
                    outOffset + (j - e) * width,
                    width);
              }
            }
            float[] rows = entities.blockOf(e);
            int rowOffset = entities.offset(e);
            for (int j = e; j < blockEnd; j++) {
              int delta = (j - e) * width;
              term +=
                  regularizer.apply(
                      true, j, kernel, rows, rowOffset + delta, out, outOffset + delta, width);
            }
            e = blockEnd;
          }
          regularizerTerms[s] = term;
        });
    double value = 0;
    for (int s = 0; s < entityShards; s++) {
      value += regularizerTerms[s];
    }
    SparseGradient ge = total.entities();
    for (int e = 0; e < n; e++) {
      ge.touch(e);
    }
    for (int i = 0; i < size; i++) {
      model.chainQuery(
          !batchHeads[i], batchAnchor[i], batchRelation[i], queryGradients, i * width, total);
    }
    SparseGradient gr = total.relations();
    EmbeddingTable relations = model.relationEmbeddings();
    for (int i = 0; i < regularizer.numRelationsUsed(); i++) {
      int r = regularizer.relationUsed(i);
      int offset = gr.touch(r);
      value +=
          regularizer.apply(
              false,
              r,
              kernel,
              relations.blockOf(r),
              relations.offset(r),
              gr.values().blockOf(r),
              offset,
              relations.width());
    }
    return value;
  }
}
