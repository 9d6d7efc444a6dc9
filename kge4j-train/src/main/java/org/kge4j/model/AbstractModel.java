package org.kge4j.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Shared state of the built-in models: the two tables, their sizes and a per-thread scratch buffer
 * so that 1-N scoring allocates nothing per call.
 */
abstract class AbstractModel implements Model {

  /** PyTorch's {@code functional.normalize} epsilon: rows are divided by {@code max(norm, eps)}. */
  static final double NORMALIZE_EPS = 1e-12;

  @Override
  public final void accumulateTailsGradient(
      int head, int relation, float[] upstream, int offset, Gradients out) {
    tailsGradient(head, relation, null, numEntities, upstream, offset, out);
  }

  @Override
  public final void accumulateHeadsGradient(
      int relation, int tail, float[] upstream, int offset, Gradients out) {
    headsGradient(relation, tail, null, numEntities, upstream, offset, out);
  }

  @Override
  public final void accumulateTailsGradient(
      int head, int relation, int[] tails, int count, float[] upstream, Gradients out) {
    tailsGradient(head, relation, tails, count, upstream, 0, out);
  }

  @Override
  public final void accumulateHeadsGradient(
      int relation, int tail, int[] heads, int count, float[] upstream, Gradients out) {
    headsGradient(relation, tail, heads, count, upstream, 0, out);
  }

  /**
   * Adds {@code upstream[offset + i] · ∂score(h, r, e_i)/∂θ} for the tails {@code e_i = ids[i]},
   * {@code i < count} (every entity in order when {@code ids} is null), to {@code out}: the one
   * backward pass behind both tail entry points.
   */
  abstract void tailsGradient(
      int head, int relation, int[] ids, int count, float[] upstream, int offset, Gradients out);

  /** As {@link #tailsGradient}, for the heads {@code e_i} of {@code (e_i, r, t)}. */
  abstract void headsGradient(
      int relation, int tail, int[] ids, int count, float[] upstream, int offset, Gradients out);

  /** Number of thread-local row buffers {@link #rowBuffers()} hands out. */
  static final int NUM_ROW_BUFFERS = 6;

  final int numEntities;
  final int numRelations;
  final int dim;
  final int width;
  final EmbeddingTable entities;
  final EmbeddingTable relations;
  final LpRegularizer regularizer;
  private final ThreadLocal<float[]> scratch;
  private final ThreadLocal<float[]> accumulator;
  private final ThreadLocal<float[][]> rowBuffers;

  AbstractModel(int numEntities, int numRelations, int dim, int width, LpRegularizer regularizer) {
    if (numEntities < 1 || numRelations < 1) {
      throw new IllegalArgumentException(
          name()
              + " needs numEntities >= 1 and numRelations >= 1,"
              + " got "
              + numEntities
              + " and "
              + numRelations);
    }
    if (dim < 1) {
      throw new IllegalArgumentException(name() + " needs dim >= 1, got " + dim);
    }
    this.numEntities = numEntities;
    this.numRelations = numRelations;
    this.dim = dim;
    this.width = width;
    this.entities = new EmbeddingTable("entity", numEntities, width);
    this.relations = new EmbeddingTable("relation", numRelations, width);
    this.regularizer = regularizer;
    this.scratch = ThreadLocal.withInitial(() -> new float[4 * width]);
    this.accumulator = ThreadLocal.withInitial(() -> new float[width]);
    this.rowBuffers = ThreadLocal.withInitial(() -> new float[NUM_ROW_BUFFERS][width]);
  }

  @Override
  public int numEntities() {
    return numEntities;
  }

  @Override
  public int numRelations() {
    return numRelations;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public EmbeddingTable entityEmbeddings() {
    return entities;
  }

  @Override
  public EmbeddingTable relationEmbeddings() {
    return relations;
  }

  @Override
  public LpRegularizer regularizer() {
    return regularizer;
  }

  @Override
  public void applyConstraints(Gradients changed) {
    // no hard constraints unless a model overrides this
  }

  @Override
  public void applyConstraints() {
    // no hard constraints unless a model overrides this
  }

  /** This thread's accumulator of {@code width} floats, separate from {@link #scratch()}. */
  final float[] accumulator() {
    return accumulator.get();
  }

  /**
   * This thread's {@link #NUM_ROW_BUFFERS} buffers of {@code width} floats, separate from {@link
   * #scratch()} and {@link #accumulator()}: rows copied here are updated by loops over
   * index-0-based arrays, which C2 vectorizes (it does not vectorize the same loops over rows at a
   * run-time offset into a table).
   */
  final float[][] rowBuffers() {
    return rowBuffers.get();
  }

  /** This thread's scratch buffer of {@code 4 * width} floats. */
  final float[] scratch() {
    return scratch.get();
  }

  /**
   * Fills the entity table, then the relation table, from {@code random} and applies the model's
   * constraints, as PyKEEN's {@code reset_parameters_} does.
   */
  final void initialize(Initializer entity, Initializer relation, SplittableRandom random) {
    entity.initialize(entities, random);
    relation.initialize(relations, random);
    applyConstraints();
  }

  @Override
  public String toString() {
    return name()
        + "[numEntities="
        + numEntities
        + ", numRelations="
        + numRelations
        + ", dim="
        + dim
        + "]";
  }

  /**
   * {@code Σ_k q[k] e[off + k]} for {@code k < n}, summed in four interleaved partial sums: the JIT
   * does not vectorize a single float reduction, four independent chains keep the pipeline busy
   * (the order is fixed, so results stay deterministic).
   */
  static float dot(float[] q, float[] e, int off, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += q[k] * e[off + k];
      s1 += q[k + 1] * e[off + k + 1];
      s2 += q[k + 2] * e[off + k + 2];
      s3 += q[k + 3] * e[off + k + 3];
    }
    for (; k < n; k++) {
      s0 += q[k] * e[off + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * {@code out[outOffset + i] = dot(q, entity row)} for the entities {@code ids[0, count)} (rows
   * {@code 0..count-1} when {@code ids} is null). Two rows share each pass over {@code q}, which
   * halves the loads of {@code q} and doubles the independent chains; each row is still summed in
   * exactly {@link #dot}'s order, so the scores are bit-identical to {@code dot}'s.
   */
  final void dotRows(float[] q, int[] ids, int count, float[] out, int outOffset) {
    float[] e = entities.data();
    int n = width;
    int i = 0;
    for (; i + 1 < count; i += 2) {
      int a = (ids == null ? i : ids[i]) * n;
      int b = (ids == null ? i + 1 : ids[i + 1]) * n;
      float a0 = 0f;
      float a1 = 0f;
      float a2 = 0f;
      float a3 = 0f;
      float b0 = 0f;
      float b1 = 0f;
      float b2 = 0f;
      float b3 = 0f;
      int k = 0;
      for (; k + 3 < n; k += 4) {
        float q0 = q[k];
        float q1 = q[k + 1];
        float q2 = q[k + 2];
        float q3 = q[k + 3];
        a0 += q0 * e[a + k];
        a1 += q1 * e[a + k + 1];
        a2 += q2 * e[a + k + 2];
        a3 += q3 * e[a + k + 3];
        b0 += q0 * e[b + k];
        b1 += q1 * e[b + k + 1];
        b2 += q2 * e[b + k + 2];
        b3 += q3 * e[b + k + 3];
      }
      for (; k < n; k++) {
        a0 += q[k] * e[a + k];
        b0 += q[k] * e[b + k];
      }
      out[outOffset + i] = (a0 + a1) + (a2 + a3);
      out[outOffset + i + 1] = (b0 + b1) + (b2 + b3);
    }
    if (i < count) {
      out[outOffset + i] = dot(q, e, (ids == null ? i : ids[i]) * n, n);
    }
  }

  /**
   * The backward pass of {@link #dotRows}: for scores {@code s_e = <q, e>} (q in {@code
   * s[0..width)}) of the entities {@code ids[0, count)} (all entities when {@code ids} is null)
   * with upstream gradients {@code upstream[offset + i]}, adds {@code g_e q} to each entity's
   * gradient and sums {@code Σ_e g_e e} into {@code s[width..2 width)}.
   *
   * <p>The rows are copied into thread-local buffers and updated there: C2 (JDK 17) vectorizes
   * {@code a[k] += c * b[k]} over arrays indexed from 0, but not the same loop over a row at a
   * run-time offset; the copies are intrinsic and cheap. The arithmetic is element-wise in the same
   * order as a direct update, so the results are bit-identical to it.
   */
  final void linearBackward(
      int[] ids, int count, float[] upstream, int offset, float[] s, SparseGradient ge) {
    float[] e = entities.data();
    float[] g = ge.values();
    float[] acc = accumulator();
    float[][] buffers = rowBuffers();
    float[] gRow = buffers[0];
    float[] eRow = buffers[1];
    int n = width;
    Arrays.fill(acc, 0f);
    for (int i = 0; i < count; i++) {
      float gi = upstream[offset + i];
      if (gi == 0f) {
        continue;
      }
      int id = ids == null ? i : ids[i];
      int go = ge.touch(id);
      System.arraycopy(g, go, gRow, 0, n);
      for (int k = 0; k < n; k++) {
        gRow[k] += gi * s[k];
      }
      System.arraycopy(gRow, 0, g, go, n);
      System.arraycopy(e, id * n, eRow, 0, n);
      for (int k = 0; k < n; k++) {
        acc[k] += gi * eRow[k];
      }
    }
    System.arraycopy(acc, 0, s, n, n);
  }

  /** {@code Σ_k (q[k] - e[off + k])²} for {@code k < n}, in four partial sums like {@link #dot}. */
  static float squaredDistance(float[] q, float[] e, int off, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      float d0 = q[k] - e[off + k];
      float d1 = q[k + 1] - e[off + k + 1];
      float d2 = q[k + 2] - e[off + k + 2];
      float d3 = q[k + 3] - e[off + k + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; k < n; k++) {
      float d = q[k] - e[off + k];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Scales row {@code row} of {@code table} to unit L2 norm ({@code functional.normalize}). */
  static void normalizeRow(EmbeddingTable table, int row) {
    float[] x = table.data();
    int w = table.width();
    int off = row * w;
    double sq = 0.0;
    for (int k = 0; k < w; k++) {
      sq += (double) x[off + k] * x[off + k];
    }
    double inv = 1.0 / Math.max(Math.sqrt(sq), NORMALIZE_EPS);
    for (int k = 0; k < w; k++) {
      x[off + k] = (float) (x[off + k] * inv);
    }
  }

  /** Normalizes every row of {@code table} to unit L2 norm. */
  static void normalizeRows(EmbeddingTable table) {
    forEachRow(table.numRows(), table.width(), row -> normalizeRow(table, row));
  }

  /**
   * Runs {@code action} for rows {@code 0..numRows-1}; tables of more than 2^18 values are split
   * across the common fork-join pool. Only for per-row work that touches nothing but its row, so
   * the split cannot change the result.
   */
  static void forEachRow(int numRows, int width, IntConsumer action) {
    int rowsPerChunk = Math.max(1, (1 << 18) / width);
    int chunks = (numRows + rowsPerChunk - 1) / rowsPerChunk;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range)
        .forEach(
            c -> {
              int end = Math.min(numRows, (c + 1) * rowsPerChunk);
              for (int row = c * rowsPerChunk; row < end; row++) {
                action.accept(row);
              }
            });
  }

  /** Normalizes the touched rows of {@code changed} in {@code table}. */
  static void normalizeRows(EmbeddingTable table, SparseGradient changed) {
    for (int i = 0; i < changed.numTouched(); i++) {
      normalizeRow(table, changed.touchedRow(i));
    }
  }
}
