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
import org.kge4j.loss.Reduction;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Interaction;
import org.kge4j.model.Model;
import org.kge4j.model.OperandGradients;
import org.kge4j.model.SparseGradient;
import org.kge4j.sampling.NegativeSampler;
import org.kge4j.sampling.SharedNegativeSampler;

/**
 * PyKEEN's sLCWA training loop: every batch of {@code B} positive triples is corrupted into {@code
 * K} negatives each by the configured {@link NegativeSampler} (with its keep-mask as {@code
 * batchFilter} when filtering), and DoubleMarginLoss is applied to the positive and negative
 * scores.
 *
 * <p><b>Fused per positive.</b> A positive's tail query {@code q(h, r)} and head query {@code q'(r,
 * t)} are computed once; its negatives (which corrupt the tail or the head, PyKEEN's scheme) are
 * scored against the matching query, the loss and its gradients of this positive are computed at
 * once by the loss's kernel on the small buffer ({@link
 * org.kge4j.loss.DoubleMarginLoss#processSlcwaScoresInto} with one positive, rescaled to the
 * batch's normalisation: {@code 1/B} for the mean, {@code nnz_i/nnz} for the filtered mean), and
 * the gradient of each query is accumulated from the same candidate rows while they are still in
 * cache, then chained into the positive's head, relation and tail. The {@code (B, K)} scores never
 * make a second trip through memory.
 *
 * <p><b>Owner computes.</b> The candidates' own gradients ({@code upstream · ∂s/∂e}) and the
 * chained contributions are recorded per entity and relation row ({@link RowGroups}) and summed row
 * by row, each row by one thread in a fixed order, straight into the batch gradient: there are no
 * per-thread gradient copies to reduce, and the result is bit-identical for any thread count. Every
 * looked-up row is touched, as PyTorch's sparse embedding gradient lists every looked-up index.
 *
 * <p><b>Shared negatives as block products.</b> With {@link SharedNegativeSampler} and a
 * dot-product interaction (DistMult, ComplEx), a chunk {@code c} of positives meets the same {@code
 * K} negative rows {@code N_c}, so its step is three block products of the dense kernel, with the
 * rows gathered once per chunk instead of once per pair:
 *
 * <pre>
 *   S_c = Q_c · N_cᵀ   (|c| × K scores)      ∂Q_c = G_c · N_c      ∂N_c = G_cᵀ · Q_c
 * </pre>
 *
 * where {@code Q_c} holds the queries of the corrupted side and {@code G_c = ∂L/∂S_c} comes from
 * the loss applied to the whole batch at once. Each chunk is computed by one thread and each row's
 * gradient summed by its owner in a fixed order, so this path, too, is bit-identical for any thread
 * count. Other interactions train with shared negatives through the per-positive path.
 */
public final class SlcwaTrainingLoop extends TrainingLoop {

  private final NegativeSampler sampler;
  private final int numNegsPerPos;
  private final int width;
  private final int[] triples;
  private final int[] positives;
  private final int[] negatives;
  private final boolean[] keep;
  private final boolean[] tailCorrupted;
  private final float[] positiveScores;
  private final float[] negativeScores;
  private final float[] positiveGradient;
  private final float[] negativeGradient;
  private final float[] tailQueries;
  private final float[] headQueries;
  private final float[] headGradients;
  private final float[] tailGradients;
  private final float[] relationGradients;
  private final double[] shardValues = new double[NUM_SHARDS];
  private final Shard[] shards = new Shard[NUM_SHARDS];
  private final RowGroups entityGroups;
  private final RowGroups relationGroups;
  private final DenseKernel kernel = DenseKernels.active();

  /** Per chunk of shared negatives: the rows and their gradients; null off the block path. */
  private final Chunk[] chunks;

  /** Per positive: the gradient of its head query (block path). */
  private final float[] headQueryGradients;

  /** Per positive: the gradient of its tail query (block path). */
  private final float[] tailQueryGradients;

  /**
   * A chunk's {@code K} shared negatives (their ids are those of its first positive's negatives,
   * {@link #sharedId}): their rows {@code N} ({@code K × width}, row-major) and transposed ({@code
   * width × K}, the block kernel's {@code B} operand for the scores), the gradient of each row, and
   * whether some positive of the chunk kept the row.
   */
  private static final class Chunk {
    final float[] rows;
    final float[] transposed;
    final float[] rowGradients;
    final boolean[] used;

    Chunk(int k, int width) {
      rows = new float[k * width];
      transposed = new float[width * k];
      rowGradients = new float[k * width];
      used = new boolean[k];
    }
  }

  /** One shard's buffers: the loss of one positive and the gradients of its two queries. */
  private static final class Shard {
    final float[] positive = new float[1];
    final float[] positiveGradient = new float[1];
    final float[] negatives;
    final float[] negativeGradient;
    final boolean[] keep;
    final float[] tailQueryGradient;
    final float[] headQueryGradient;

    /** Per side (0 tails, 1 heads): the kept candidates' rows, offsets, positions and scores. */
    final float[][][] rows = new float[2][][];

    final int[][] offsets = new int[2][];
    final int[][] positions = new int[2][];
    final float[][] scores = new float[2][];
    final float[][] upstream = new float[2][];
    final int[] counts = new int[2];

    /** The owner pass's gathered queries of one entity (grown on demand). */
    float[][] gatheredRows = new float[16][];

    int[] gatheredOffsets = new int[16];
    float[] gatheredUpstream = new float[16];
    float[] gatheredScores = new float[16];
    float[] weights = new float[16];

    Shard(int k, int width) {
      // per side the candidates, and on the tail side the positive's own tail as well
      for (int side = 0; side < 2; side++) {
        rows[side] = new float[k + 1][];
        offsets[side] = new int[k + 1];
        positions[side] = new int[k];
        scores[side] = new float[k + 1];
        upstream[side] = new float[k + 1];
      }
      weights = new float[Math.max(16, k + 1)];
      negatives = new float[k];
      negativeGradient = new float[k];
      keep = new boolean[k];
      tailQueryGradient = new float[width];
      headQueryGradient = new float[width];
    }

    /** Makes room for {@code count} gathered queries. */
    void ensureGathered(int count) {
      if (gatheredRows.length < count) {
        int capacity = Math.max(count, 2 * gatheredRows.length);
        gatheredRows = new float[capacity][];
        gatheredOffsets = new int[capacity];
        gatheredUpstream = new float[capacity];
        gatheredScores = new float[capacity];
        weights = new float[capacity];
      }
    }
  }

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
    this(config, model, training, validation, numThreads, true);
  }

  /**
   * Creates the loop; {@code blockPath = false} keeps shared negatives on the per-positive path,
   * the reference the block path is tested against.
   */
  SlcwaTrainingLoop(
      PipelineConfig config,
      Model model,
      TriplesFactory training,
      TriplesFactory validation,
      int numThreads,
      boolean blockPath) {
    super(LoopKind.SLCWA, config, model, training, validation, numThreads);
    if (model.inverseRelations()) {
      throw new IllegalArgumentException(
          "inverse relations (create_inverse_triples) train with the LCWA loop, where head"
              + " prediction becomes tail prediction with the inverse relation; use loop lcwa or"
              + " leave create_inverse_triples off for slcwa");
    }
    this.sampler = config.negativeSampler().create(training);
    this.numNegsPerPos = config.negativeSampler().numNegsPerPos();
    this.width = model.entityEmbeddings().width();
    this.triples = training.mappedTriples();
    // PipelineConfig bounds 3 * b * numNegsPerPos by the largest array length
    int b = config.training().batchSize();
    int bk = Math.multiplyExact(b, numNegsPerPos);
    this.positives = new int[3 * b];
    this.negatives = new int[Math.multiplyExact(3, bk)];
    this.keep = new boolean[bk];
    this.tailCorrupted = new boolean[bk];
    this.positiveScores = new float[b];
    this.negativeScores = new float[bk];
    this.positiveGradient = new float[b];
    this.negativeGradient = new float[bk];
    this.tailQueries = new float[b * width];
    this.headQueries = new float[b * width];
    this.headGradients = new float[b * width];
    this.tailGradients = new float[b * width];
    this.relationGradients = new float[b * width];
    for (int s = 0; s < NUM_SHARDS; s++) {
      shards[s] = new Shard(numNegsPerPos, width);
    }
    // per positive: its K negatives, its tail as a candidate, its head and tail as query members
    this.entityGroups = new RowGroups(model.numEntities(), Math.addExact(bk, 3 * b));
    this.relationGroups = new RowGroups(model.numRelations(), b);
    boolean blocks =
        blockPath
            && sampler instanceof SharedNegativeSampler
            && model.interaction() == Interaction.DOT;
    if (blocks) {
      this.chunks = new Chunk[SharedNegativeSampler.numChunks(b)];
      for (int c = 0; c < chunks.length; c++) {
        chunks[c] = new Chunk(numNegsPerPos, width);
      }
      this.headQueryGradients = new float[b * width];
      this.tailQueryGradients = new float[b * width];
    } else {
      this.chunks = null;
      this.headQueryGradients = null;
      this.tailQueryGradients = null;
    }
  }

  /** The last batch's positive scores (tests). */
  float[] positiveScores() {
    return positiveScores;
  }

  /** The last batch's negative scores, {@code (B, K)} (tests). */
  float[] negativeScores() {
    return negativeScores;
  }

  /** The last batch's keep-mask (tests). */
  boolean[] keep() {
    return keep;
  }

  /** The last batch's {@code ∂L/∂positive scores} (tests). */
  float[] positiveGradient() {
    return positiveGradient;
  }

  /** The last batch's {@code ∂L/∂negative scores} (tests). */
  float[] negativeGradient() {
    return negativeGradient;
  }

  @Override
  int numInstances() {
    return triples.length / 3;
  }

  @Override
  double processBatch(Batch batch, SplittableRandom random, Workers workers) {
    int size = batch.size();
    int k = numNegsPerPos;
    for (int i = 0; i < size; i++) {
      System.arraycopy(triples, 3 * batch.instance(i), positives, 3 * i, 3);
    }
    boolean filtered = sampler.filtered();
    sampler.sample(positives, size, random, negatives, filtered ? keep : null);
    if (chunks != null) {
      // the loss over the whole batch counts the kept pairs itself
      return processChunks(size, workers, batch);
    }
    int kept = size * k;
    if (filtered) {
      kept = 0;
      for (int j = 0; j < size * k; j++) {
        kept += keep[j] ? 1 : 0;
      }
    }
    int numShards = numShards(size);
    int nnz = kept;
    // the regularizer's look-ups read only the sampled triples
    workers.runBeside(
        () -> lookUp(size, filtered),
        numShards,
        s -> {
          int lo = shardStart(s, size, numShards);
          int hi = shardStart(s + 1, size, numShards);
          double value = 0;
          for (int i = lo; i < hi; i++) {
            value += forward(i, shards[s], filtered, size, nnz, batch);
          }
          shardValues[s] = value;
        });
    double value = sumShards(numShards);
    group(size, filtered);
    value += accumulateEntities(workers, size);
    value += accumulateRelations(workers);
    return value;
  }

  /** The regularizer's look-ups of the batch's positives and (kept) negatives. */
  private void lookUp(int size, boolean filtered) {
    int k = numNegsPerPos;
    // PyKEEN scores positives and negatives in two calls, each looking up h, r and t
    regularizer.clear();
    regularizer.lookup(true, positives, 0, 3, size, null);
    regularizer.lookup(false, positives, 1, 3, size, null);
    regularizer.lookup(true, positives, 2, 3, size, null);
    boolean[] mask = filtered ? keep : null;
    regularizer.lookup(true, negatives, 0, 3, size * k, mask);
    regularizer.lookup(false, negatives, 1, 3, size * k, mask);
    regularizer.lookup(true, negatives, 2, 3, size * k, mask);
  }

  /**
   * The block path: every chunk's scores as one block product, the loss over the whole batch, then
   * every chunk's backward pass as two block products, and the rows' gradients summed by owner.
   */
  private double processChunks(int size, Workers workers, Batch batch) {
    int numChunks = SharedNegativeSampler.numChunks(size);
    // Beside each pass, serial work that needs nothing the pass computes: the regularizer's
    // look-ups (the sampled triples) beside the scores, the row groups (the chunks' used rows,
    // known once scored) beside the backward pass.
    workers.runBeside(() -> lookUp(size, true), numChunks, c -> scoreChunk(c, size, batch));
    double value =
        loss.processSlcwaScoresInto(
            positiveScores,
            negativeScores,
            keep,
            null,
            size,
            numNegsPerPos,
            positiveGradient,
            negativeGradient);
    workers.runBeside(() -> groupChunks(size, numChunks), numChunks, c -> backwardChunk(c, size));
    value += accumulateChunkEntities(workers, size, numChunks);
    value += accumulateRelations(workers);
    return value;
  }

  /**
   * Gathers chunk {@code c}'s shared rows, computes its positives' queries and scores, and scores
   * its queries of the corrupted side against the rows: {@code S_c = Q_c · N_cᵀ}. A dropped pair
   * (keep false) scores 0, which the loss ignores.
   */
  private void scoreChunk(int c, int size, Batch batch) {
    int k = numNegsPerPos;
    int first = SharedNegativeSampler.chunkStart(c, size);
    int end = SharedNegativeSampler.chunkEnd(c, size);
    boolean heads = SharedNegativeSampler.corruptsHeads(c, size);
    Chunk chunk = chunks[c];
    EmbeddingTable entities = model.entityEmbeddings();
    for (int j = 0; j < k; j++) {
      int id = sharedId(c, j, size);
      System.arraycopy(entities.blockOf(id), entities.offset(id), chunk.rows, j * width, width);
    }
    // whether some positive kept row j: read by the row groups, built beside the backward pass
    for (int j = 0; j < k; j++) {
      boolean used = false;
      for (int i = first; i < end && !used; i++) {
        used = keep[i * k + j];
      }
      chunk.used[j] = used;
    }
    // Written in order and read across the K gathered rows: the K cache lines that feed 16
    // consecutive columns stay in L1, where writing column by column (stride K) missed on nearly
    // every store.
    for (int r = 0; r < width; r++) {
      for (int j = 0; j < k; j++) {
        chunk.transposed[r * k + j] = chunk.rows[j * width + r];
      }
    }
    Interaction interaction = model.interaction();
    for (int i = first; i < end; i++) {
      int h = positives[3 * i];
      int r = positives[3 * i + 1];
      int t = positives[3 * i + 2];
      int qo = i * width;
      model.tailQuery(h, r, tailQueries, qo);
      if (heads) {
        model.headQuery(r, t, headQueries, qo);
      }
      float positive =
          interaction.score(
              kernel, tailQueries, qo, entities.blockOf(t), entities.offset(t), width);
      if (!Float.isFinite(positive)) {
        throw batch.nonFinite("positive score " + i + " is " + positive);
      }
      positiveScores[i] = positive;
    }
    Arrays.fill(negativeScores, first * k, end * k, 0f);
    kernel.accumulate(
        BlockOp.DOT,
        end - first,
        k,
        width,
        StridedMatrix.rowMajor(heads ? headQueries : tailQueries, first * width, width),
        StridedMatrix.rowMajor(chunk.transposed, 0, k),
        StridedMatrix.rowMajor(negativeScores, first * k, k));
    for (int idx = first * k; idx < end * k; idx++) {
      if (!keep[idx]) {
        negativeScores[idx] = 0f;
      } else if (!Float.isFinite(negativeScores[idx])) {
        throw batch.nonFinite("negative score " + idx + " is " + negativeScores[idx]);
      }
    }
  }

  /**
   * Chunk {@code c}'s backward pass: {@code ∂Q_c = G_c · N_c} for the queries of the corrupted
   * side, the positive's {@code ∂L/∂s⁺ · e_t} into each tail query, {@code ∂N_c = G_cᵀ · Q_c} for
   * the shared rows, and the chain rule of each query into its positive's rows.
   */
  private void backwardChunk(int c, int size) {
    int k = numNegsPerPos;
    int first = SharedNegativeSampler.chunkStart(c, size);
    int end = SharedNegativeSampler.chunkEnd(c, size);
    int m = end - first;
    boolean heads = SharedNegativeSampler.corruptsHeads(c, size);
    Chunk chunk = chunks[c];
    float[] queries = heads ? headQueries : tailQueries;
    float[] queryGradients = heads ? headQueryGradients : tailQueryGradients;
    Arrays.fill(tailQueryGradients, first * width, end * width, 0f);
    if (heads) {
      Arrays.fill(headQueryGradients, first * width, end * width, 0f);
    }
    StridedMatrix gradients = StridedMatrix.rowMajor(negativeGradient, first * k, k);
    kernel.accumulate(
        BlockOp.DOT,
        m,
        width,
        k,
        gradients,
        StridedMatrix.rowMajor(chunk.rows, 0, width),
        StridedMatrix.rowMajor(queryGradients, first * width, width));
    Arrays.fill(chunk.rowGradients, 0f);
    kernel.accumulate(
        BlockOp.DOT,
        k,
        width,
        m,
        gradients.transposed(),
        StridedMatrix.rowMajor(queries, first * width, width),
        StridedMatrix.rowMajor(chunk.rowGradients, 0, width));
    EmbeddingTable entities = model.entityEmbeddings();
    for (int i = first; i < end; i++) {
      int h = positives[3 * i];
      int r = positives[3 * i + 1];
      int t = positives[3 * i + 2];
      int qo = i * width;
      kernel.axpy(
          positiveGradient[i],
          entities.blockOf(t),
          entities.offset(t),
          tailQueryGradients,
          qo,
          width);
      chainPositive(h, r, t, qo, tailQueryGradients, qo, heads ? headQueryGradients : null, qo);
    }
  }

  /**
   * Chains a positive's query gradients into its rows {@code [qo, qo + width)} of {@code
   * headGradients}, {@code tailGradients} and {@code relationGradients}, cleared first: the tail
   * query's {@code ∂/∂q(h, r)} from {@code tailDq[tailOffset..]}, then, unless {@code headDq} is
   * null, the head query's {@code ∂/∂q'(r, t)} from {@code headDq[headOffset..]}.
   */
  private void chainPositive(
      int h, int r, int t, int qo, float[] tailDq, int tailOffset, float[] headDq, int headOffset) {
    Arrays.fill(headGradients, qo, qo + width, 0f);
    Arrays.fill(tailGradients, qo, qo + width, 0f);
    Arrays.fill(relationGradients, qo, qo + width, 0f);
    model.chainTailQuery(
        h, r, tailDq, tailOffset, new OperandGradients(headGradients, qo, relationGradients, qo));
    if (headDq != null) {
      model.chainHeadQuery(
          r, t, headDq, headOffset, new OperandGradients(tailGradients, qo, relationGradients, qo));
    }
  }

  /**
   * Records every contribution of the block path. Entity codes: {@code c·K + j} shared row {@code
   * j} of chunk {@code c} (when some positive kept it), then, with {@code n = numChunks·K}, {@code
   * n + i} positive {@code i}'s tail as candidate, {@code n + B + i} its head and {@code n + 2B +
   * i} its tail through the chained query gradients. Relation codes: the positive's index.
   */
  private void groupChunks(int size, int numChunks) {
    int k = numNegsPerPos;
    int n = numChunks * k;
    entityGroups.clear();
    relationGroups.clear();
    for (int c = 0; c < numChunks; c++) {
      for (int j = 0; j < k; j++) {
        if (chunks[c].used[j]) {
          entityGroups.add(sharedId(c, j, size), c * k + j);
        }
      }
    }
    groupPositives(size, n);
  }

  /**
   * Shared negative {@code j} of chunk {@code c}: the entity its first positive's negative draws.
   */
  private int sharedId(int c, int j, int size) {
    int first = SharedNegativeSampler.chunkStart(c, size);
    int column = SharedNegativeSampler.corruptsHeads(c, size) ? 0 : 2;
    return negatives[3 * (first * numNegsPerPos + j) + column];
  }

  /**
   * The block path's entity owner pass: each touched entity's shared-row gradients, its
   * contributions as a positive's tail ({@code ∂L/∂s⁺ · q(h, r)}) and through the chained queries,
   * and its regularizer gradient, summed in recorded order.
   *
   * @return the regularizer's term over the entities
   */
  private double accumulateChunkEntities(Workers workers, int size, int numChunks) {
    int k = numNegsPerPos;
    int n = numChunks * k;
    return tableOwnerPass(
        workers,
        true,
        (shard, g, entity, out, offset) -> {
          int count = entityGroups.end(g) - entityGroups.start(g);
          shard.ensureGathered(count);
          float[][] rows = shard.gatheredRows;
          int[] offsets = shard.gatheredOffsets;
          float[] weights = shard.gatheredUpstream;
          for (int c = 0; c < count; c++) {
            int code = entityGroups.code(entityGroups.start(g) + c);
            float weight = 1f;
            if (code < n) {
              rows[c] = chunks[code / k].rowGradients;
              offsets[c] = (code % k) * width;
            } else if (code < n + size) {
              rows[c] = tailQueries;
              offsets[c] = (code - n) * width;
              weight = positiveGradient[code - n];
            } else if (code < n + 2 * size) {
              rows[c] = headGradients;
              offsets[c] = (code - n - size) * width;
            } else {
              rows[c] = tailGradients;
              offsets[c] = (code - n - 2 * size) * width;
            }
            weights[c] = weight;
          }
          // one pass with the row in registers: the bits of zeroing it and adding each
          // contribution in turn, without a read and a write of the row per contribution
          kernel.weightedSum(rows, offsets, weights, count, width, out, offset);
        });
  }

  /**
   * An owner's sum of one row's gradient ({@code row} is group {@code g}'s), written over {@code
   * out[offset, offset + width)} of the batch gradient, with {@code shard}'s buffers.
   */
  @FunctionalInterface
  private interface RowGradient {
    void into(Shard shard, int g, int row, float[] out, int offset);
  }

  /**
   * The owner pass over the touched rows of the entity or the relation table: {@code sum} writes
   * each row's gradient into the batch gradient, then the row's regularizer gradient is added.
   *
   * @return the regularizer's term over the table
   */
  private double tableOwnerPass(Workers workers, boolean entityTable, RowGradient sum) {
    RowGroups groups = entityTable ? entityGroups : relationGroups;
    SparseGradient gradient = entityTable ? total.entities() : total.relations();
    EmbeddingTable values = gradient.values();
    EmbeddingTable table = entityTable ? model.entityEmbeddings() : model.relationEmbeddings();
    int rowWidth = values.width();
    return ownerPass(
        workers,
        groups,
        gradient,
        (shard, g) -> {
          int row = groups.row(g);
          float[] out = values.blockOf(row);
          int offset = values.offset(row);
          sum.into(shard, g, row, out, offset);
          return regularizer.apply(
              entityTable,
              row,
              kernel,
              table.blockOf(row),
              table.offset(row),
              out,
              offset,
              rowWidth);
        });
  }

  /**
   * Scores positive {@code i} and its negatives, applies the loss to them, and leaves the
   * candidates' gradients and the chained gradients of the positive's rows in the batch buffers.
   *
   * @return the positive's share of the batch loss
   */
  private double forward(int i, Shard shard, boolean filtered, int size, int nnz, Batch batch) {
    int k = numNegsPerPos;
    int h = positives[3 * i];
    int r = positives[3 * i + 1];
    int t = positives[3 * i + 2];
    int qo = i * width;
    Interaction interaction = model.interaction();
    EmbeddingTable entities = model.entityEmbeddings();
    model.tailQuery(h, r, tailQueries, qo);
    model.headQuery(r, t, headQueries, qo);
    float positive =
        interaction.score(kernel, tailQueries, qo, entities.blockOf(t), entities.offset(t), width);
    if (!Float.isFinite(positive)) {
      throw batch.nonFinite("positive score " + i + " is " + positive);
    }
    positiveScores[i] = positive;
    shard.positive[0] = positive;
    int keptHere = 0;
    shard.counts[0] = 0;
    shard.counts[1] = 0;
    for (int j = 0; j < k; j++) {
      int idx = i * k + j;
      int nh = negatives[3 * idx];
      int nr = negatives[3 * idx + 1];
      int nt = negatives[3 * idx + 2];
      if (nr != r || (nh != h && nt != t)) {
        throw new IllegalStateException(
            "negative sampler must corrupt only the head or the tail, got ("
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
      boolean tail = nh == h;
      tailCorrupted[idx] = tail;
      shard.keep[j] = !filtered || keep[idx];
      // a dropped negative gets no score from the model; the loss ignores it
      negativeScores[idx] = 0f;
      shard.negatives[j] = 0f;
      if (!shard.keep[j]) {
        continue;
      }
      keptHere++;
      int candidate = tail ? nt : nh;
      int side = tail ? 0 : 1;
      int c = shard.counts[side]++;
      shard.rows[side][c] = entities.blockOf(candidate);
      shard.offsets[side][c] = entities.offset(candidate);
      shard.positions[side][c] = j;
    }
    for (int side = 0; side < 2; side++) {
      int count = shard.counts[side];
      float[] scores = shard.scores[side];
      // several rows at a time, then the block operation's value turned into scores
      kernel.reduceRows(
          interaction.blockOp(),
          side == 0 ? tailQueries : headQueries,
          qo,
          shard.rows[side],
          shard.offsets[side],
          count,
          width,
          scores,
          0);
      interaction.finish(kernel, scores, 0, count);
      for (int c = 0; c < count; c++) {
        int j = shard.positions[side][c];
        float score = scores[c];
        if (!Float.isFinite(score)) {
          throw batch.nonFinite("negative score " + (i * k + j) + " is " + score);
        }
        negativeScores[i * k + j] = score;
        shard.negatives[j] = score;
      }
    }
    double value =
        loss.processSlcwaScoresInto(
            shard.positive,
            shard.negatives,
            filtered ? shard.keep : null,
            null,
            1,
            k,
            shard.positiveGradient,
            shard.negativeGradient);
    // the one-positive loss is normalised over this positive; rescale to the batch's mean
    double scale =
        loss.reduction() == Reduction.SUM
            ? 1.0
            : filtered ? (nnz == 0 ? 0.0 : (double) keptHere / nnz) : 1.0 / size;
    float factor = (float) scale;
    float gp = shard.positiveGradient[0] * factor;
    positiveGradient[i] = gp;
    for (int side = 0; side < 2; side++) {
      int count = shard.counts[side];
      for (int c = 0; c < count; c++) {
        int j = shard.positions[side][c];
        float g = shard.negativeGradient[j] * factor;
        negativeGradient[i * k + j] = g;
        shard.upstream[side][c] = g;
      }
    }
    // the positive's own tail is one more candidate of the tail query
    int tails = shard.counts[0];
    shard.rows[0][tails] = entities.blockOf(t);
    shard.offsets[0][tails] = entities.offset(t);
    shard.scores[0][tails] = positive;
    shard.upstream[0][tails] = gp;
    float[] tailGradient = shard.tailQueryGradient;
    float[] headGradient = shard.headQueryGradient;
    interaction.gradientSum(
        kernel,
        tailQueries,
        qo,
        shard.rows[0],
        shard.offsets[0],
        shard.upstream[0],
        shard.scores[0],
        tails + 1,
        shard.weights,
        tailGradient,
        0,
        width);
    interaction.gradientSum(
        kernel,
        headQueries,
        qo,
        shard.rows[1],
        shard.offsets[1],
        shard.upstream[1],
        shard.scores[1],
        shard.counts[1],
        shard.weights,
        headGradient,
        0,
        width);
    chainPositive(h, r, t, qo, tailGradient, 0, headGradient, 0);
    return scale * value;
  }

  /**
   * Records every contribution to an entity or relation row. Entity codes: {@code idx < B·K} a kept
   * negative as candidate, {@code B·K + i} positive {@code i}'s tail as candidate, {@code B·K + B +
   * i} its head and {@code B·K + 2B + i} its tail through the chained query gradients. Relation
   * codes: the positive's index.
   */
  private void group(int size, boolean filtered) {
    int bk = size * numNegsPerPos;
    entityGroups.clear();
    relationGroups.clear();
    for (int idx = 0; idx < bk; idx++) {
      if (filtered && !keep[idx]) {
        continue;
      }
      entityGroups.add(tailCorrupted[idx] ? negatives[3 * idx + 2] : negatives[3 * idx], idx);
    }
    groupPositives(size, bk);
  }

  /**
   * Records the positives' contributions after {@code first} codes of candidates — entity codes
   * {@code first + i} positive {@code i}'s tail as candidate, {@code first + B + i} its head and
   * {@code first + 2B + i} its tail through the chained query gradients; relation code {@code i} —
   * and groups both tables.
   */
  private void groupPositives(int size, int first) {
    for (int i = 0; i < size; i++) {
      entityGroups.add(positives[3 * i + 2], first + i);
      entityGroups.add(positives[3 * i], first + size + i);
      entityGroups.add(positives[3 * i + 2], first + 2 * size + i);
      relationGroups.add(positives[3 * i + 1], i);
    }
    entityGroups.build();
    relationGroups.build();
  }

  /**
   * Sums each touched entity's contributions and its regularizer gradient into the batch gradient,
   * rows split by owner.
   *
   * @return the regularizer's term over the entities
   */
  private double accumulateEntities(Workers workers, int size) {
    EmbeddingTable entities = model.entityEmbeddings();
    Interaction interaction = model.interaction();
    int bk = size * numNegsPerPos;
    return tableOwnerPass(
        workers,
        true,
        (shard, g, entity, out, offset) -> {
          float[] e = entities.blockOf(entity);
          int eo = entities.offset(entity);
          shard.ensureGathered(entityGroups.end(g) - entityGroups.start(g));
          int gathered = 0;
          for (int slot = entityGroups.start(g); slot < entityGroups.end(g); slot++) {
            int code = entityGroups.code(slot);
            if (code < bk + size) {
              // this row was a candidate of a query: the query is the "other" side
              boolean negative = code < bk;
              int i = negative ? code / numNegsPerPos : code - bk;
              shard.gatheredRows[gathered] =
                  negative && !tailCorrupted[code] ? headQueries : tailQueries;
              shard.gatheredOffsets[gathered] = i * width;
              shard.gatheredUpstream[gathered] =
                  negative ? negativeGradient[code] : positiveGradient[i];
              shard.gatheredScores[gathered] = negative ? negativeScores[code] : positiveScores[i];
              gathered++;
            }
          }
          interaction.gradientSum(
              kernel,
              e,
              eo,
              shard.gatheredRows,
              shard.gatheredOffsets,
              shard.gatheredUpstream,
              shard.gatheredScores,
              gathered,
              shard.weights,
              out,
              offset,
              width);
          for (int slot = entityGroups.start(g); slot < entityGroups.end(g); slot++) {
            int code = entityGroups.code(slot);
            if (code >= bk + 2 * size) {
              kernel.axpy(1f, tailGradients, (code - bk - 2 * size) * width, out, offset, width);
            } else if (code >= bk + size) {
              kernel.axpy(1f, headGradients, (code - bk - size) * width, out, offset, width);
            }
          }
        });
  }

  /**
   * Sums each touched relation's chained contributions and its regularizer gradient into the batch
   * gradient.
   *
   * @return the regularizer's term over the relations
   */
  private double accumulateRelations(Workers workers) {
    int relationWidth = total.relations().values().width();
    return tableOwnerPass(
        workers,
        false,
        (shard, g, relation, out, offset) -> {
          int count = relationGroups.end(g) - relationGroups.start(g);
          shard.ensureGathered(count);
          for (int c = 0; c < count; c++) {
            shard.gatheredRows[c] = relationGradients;
            shard.gatheredOffsets[c] =
                relationGroups.code(relationGroups.start(g) + c) * relationWidth;
            shard.gatheredUpstream[c] = 1f;
          }
          // the row is zero until its owner writes it: one weighted sum gives the bits of adding
          // the contributions in turn
          kernel.weightedSum(
              shard.gatheredRows,
              shard.gatheredOffsets,
              shard.gatheredUpstream,
              count,
              relationWidth,
              out,
              offset);
        });
  }

  /** The owner's work on one row group: its row's gradient, and the row's regularizer term. */
  @FunctionalInterface
  private interface RowSum {
    double apply(Shard shard, int group);
  }

  /**
   * The "owner computes" pass over the rows of {@code groups}: the groups are split into contiguous
   * shards, each summed by {@code sum} in group order with its shard's buffers, and every grouped
   * row is touched in {@code gradient}.
   *
   * @return the rows' regularizer terms, added in group order within a shard, then in shard order
   */
  private double ownerPass(Workers workers, RowGroups groups, SparseGradient gradient, RowSum sum) {
    int rows = groups.numRows();
    int numShards = Math.min(NUM_SHARDS, rows);
    workers.run(
        numShards,
        s -> {
          double term = 0;
          for (int g = shardStart(s, rows, numShards);
              g < shardStart(s + 1, rows, numShards);
              g++) {
            term += sum.apply(shards[s], g);
          }
          shardValues[s] = term;
        });
    for (int g = 0; g < rows; g++) {
      gradient.touch(groups.row(g));
    }
    return sumShards(numShards);
  }

  /** The shards' values, added in shard order. */
  private double sumShards(int numShards) {
    double sum = 0;
    for (int s = 0; s < numShards; s++) {
      sum += shardValues[s];
    }
    return sum;
  }
}
