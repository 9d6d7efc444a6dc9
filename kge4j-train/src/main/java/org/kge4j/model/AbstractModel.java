package org.kge4j.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;

/**
 * The scoring and gradient entry points of every built-in model, written once over the query form
 * ({@link Model}): subclasses supply the two queries, their chain rules, the interaction and the
 * constraints. Single queries run on the row kernels of {@link DenseKernels#active()}; the training
 * loops and the evaluator score many queries at once with the block kernel instead.
 */
abstract class AbstractModel implements Model {

  /** PyTorch's {@code functional.normalize} epsilon: rows are divided by {@code max(norm, eps)}. */
  static final double NORMALIZE_EPS = 1e-12;

  final int numEntities;
  final int numRelations;
  final int dim;
  final int width;
  final EmbeddingTable entities;
  final EmbeddingTable relations;
  final LpRegularizer regularizer;
  final DenseKernel kernel = DenseKernels.active();
  private final ThreadLocal<float[]> scratch;

  /**
   * With inverse relations (PyKEEN's {@code create_inverse_triples}) the relation table holds
   * {@code 2R} rows, {@code r + R} the inverse of {@code r}, and head prediction {@code (?, r, t)}
   * is tail prediction {@code (t, r⁻¹, ?)}: {@link #headQuery} is the tail query of the inverse.
   */
  final boolean inverseRelations;

  /** {@code R}: the relations of the data, without their inverses. */
  final int numBaseRelations;

  /**
   * Whether the entity rows are kept at unit L2 norm, at initialisation and after every optimizer
   * step (PyKEEN's {@code entity_constrainer=functional.normalize} of TransE and DistMult). Models
   * with other constraints override {@link #applyConstraints()} and {@link
   * #applyConstraints(Gradients)}.
   */
  private final boolean unitNormEntities;

  private final String name;
  private final Interaction interaction;

  /**
   * Checks the sizes of {@code spec} and allocates its two tables, {@code width} floats per row.
   *
   * @param name the model's name ({@link #name()})
   * @param interaction how its queries meet entity rows ({@link #interaction()})
   */
  AbstractModel(
      String name,
      Interaction interaction,
      ModelSpec spec,
      int width,
      LpRegularizer regularizer,
      boolean unitNormEntities) {
    int numEntities = spec.numEntities();
    int numRelations = spec.numRelations();
    int dim = spec.dim();
    boolean inverseRelations = spec.inverseRelations();
    if (numEntities < 1 || numRelations < 1) {
      throw new IllegalArgumentException(
          name
              + " needs numEntities >= 1 and numRelations >= 1, got "
              + numEntities
              + " and "
              + numRelations);
    }
    if (dim < 1) {
      throw new IllegalArgumentException(name + " needs dim >= 1, got " + dim);
    }
    this.name = name;
    this.interaction = interaction;
    this.numEntities = numEntities;
    this.inverseRelations = inverseRelations;
    this.numBaseRelations = numRelations;
    this.numRelations = inverseRelations ? Math.multiplyExact(2, numRelations) : numRelations;
    this.dim = dim;
    this.width = width;
    this.entities = new EmbeddingTable("entity", numEntities, width);
    this.relations = new EmbeddingTable("relation", this.numRelations, width);
    this.regularizer = regularizer;
    this.unitNormEntities = unitNormEntities;
    this.scratch = ThreadLocal.withInitial(() -> new float[2 * width]);
  }

  /**
   * Fills the entity table, then the relation table, from {@code random} with the initializers of
   * {@code spec} (the model's defaults where it has none) and applies the model's constraints, as
   * PyKEEN's {@code reset_parameters_} does.
   */
  final void initialize(
      ModelSpec spec,
      Initializer defaultEntity,
      Initializer defaultRelation,
      SplittableRandom random) {
    or(spec.entityInitializer(), defaultEntity).initialize(entities, random);
    or(spec.relationInitializer(), defaultRelation).initialize(relations, random);
    applyConstraints();
  }

  private static Initializer or(Initializer given, Initializer fallback) {
    return given == null ? fallback : given;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Interaction interaction() {
    return interaction;
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

  /** That of the interaction: every built-in model's score is {@code interaction(q, e)}. */
  @Override
  public final ScoreRange scoreRange() {
    return interaction().scoreRange();
  }

  @Override
  public void applyConstraints(Gradients changed) {
    if (unitNormEntities) {
      normalizeRows(entities, changed.entities());
    }
  }

  @Override
  public void applyConstraints() {
    if (unitNormEntities) {
      normalizeRows(entities);
    }
  }

  /** The inverse of relation {@code r} (with inverse relations). */
  final int inverse(int r) {
    return r < numBaseRelations ? r + numBaseRelations : r - numBaseRelations;
  }

  @Override
  public boolean inverseRelations() {
    return inverseRelations;
  }

  @Override
  public final void headQuery(int relation, int tail, float[] q, int offset) {
    if (inverseRelations) {
      tailQuery(tail, inverse(relation), q, offset);
    } else {
      directHeadQuery(relation, tail, q, offset);
    }
  }

  @Override
  public final void chainHeadQuery(
      int relation, int tail, float[] dq, int dqOffset, OperandGradients out) {
    if (inverseRelations) {
      // the gradient flows into the inverse relation's row, which the caller owns as out.relation()
      chainTailQuery(tail, inverse(relation), dq, dqOffset, out);
    } else {
      chainDirectHeadQuery(relation, tail, dq, dqOffset, out);
    }
  }

  /** The head query {@code q'(r, t)} of the model itself (without inverse relations). */
  abstract void directHeadQuery(int relation, int tail, float[] q, int offset);

  /** The chain rule of {@link #directHeadQuery}: the tail's row is {@code out.entity()}. */
  abstract void chainDirectHeadQuery(
      int relation, int tail, float[] dq, int dqOffset, OperandGradients out);

  @Override
  public final int headQueryRelation(int relation) {
    return inverseRelations ? inverse(relation) : relation;
  }

  @Override
  public float score(int head, int relation, int tail) {
    float[] q = scratch.get();
    tailQuery(head, relation, q, 0);
    return interaction().score(kernel, q, 0, entities.blockOf(tail), entities.offset(tail), width);
  }

  @Override
  public void scoreTails(int head, int relation, float[] out, int offset) {
    float[] q = scratch.get();
    tailQuery(head, relation, q, 0);
    scoreAll(q, out, offset);
  }

  @Override
  public void scoreHeads(int relation, int tail, float[] out, int offset) {
    float[] q = scratch.get();
    headQuery(relation, tail, q, 0);
    scoreAll(q, out, offset);
  }

  @Override
  public void scoreTails(int head, int relation, int[] tails, int count, float[] out) {
    float[] q = scratch.get();
    tailQuery(head, relation, q, 0);
    scoreCandidates(q, tails, count, out);
  }

  @Override
  public void scoreHeads(int relation, int tail, int[] heads, int count, float[] out) {
    float[] q = scratch.get();
    headQuery(relation, tail, q, 0);
    scoreCandidates(q, heads, count, out);
  }

  private void scoreAll(float[] q, float[] out, int offset) {
    Interaction interaction = interaction();
    for (int b = 0; b < entities.numBlocks(); b++) {
      float[] block = entities.block(b);
      int first = entities.firstRow(b);
      int rows = entities.rowsIn(b);
      for (int i = 0; i < rows; i++) {
        out[offset + first + i] = interaction.score(kernel, q, 0, block, i * width, width);
      }
    }
  }

  private void scoreCandidates(float[] q, int[] ids, int count, float[] out) {
    Interaction interaction = interaction();
    for (int i = 0; i < count; i++) {
      int id = ids[i];
      out[i] = interaction.score(kernel, q, 0, entities.blockOf(id), entities.offset(id), width);
    }
  }

  @Override
  public void accumulateGradient(int head, int relation, int tail, float upstream, Gradients out) {
    if (upstream == 0f) {
      return;
    }
    float[] s = scratch.get();
    tailQuery(head, relation, s, 0);
    Arrays.fill(s, width, 2 * width, 0f);
    backwardCandidate(upstream, tail, s, out.entities());
    chainQuery(true, head, relation, s, width, out);
  }

  @Override
  public final void accumulateTailsGradient(
      int head, int relation, float[] upstream, int offset, Gradients out) {
    accumulate(true, head, relation, null, numEntities, upstream, offset, out);
  }

  @Override
  public final void accumulateHeadsGradient(
      int relation, int tail, float[] upstream, int offset, Gradients out) {
    accumulate(false, tail, relation, null, numEntities, upstream, offset, out);
  }

  @Override
  public final void accumulateTailsGradient(
      int head, int relation, int[] tails, int count, float[] upstream, Gradients out) {
    accumulate(true, head, relation, tails, count, upstream, 0, out);
  }

  @Override
  public final void accumulateHeadsGradient(
      int relation, int tail, int[] heads, int count, float[] upstream, Gradients out) {
    accumulate(false, tail, relation, heads, count, upstream, 0, out);
  }

  /**
   * The backward pass of one query's scores against the candidates {@code ids[0, count)} (all
   * entities when null) with upstream gradients {@code upstream[offset + i]}: the tail query {@code
   * q(anchor, relation)} when {@code tails}, else the head query {@code q'(relation, anchor)}.
   */
  private void accumulate(
      boolean tails,
      int anchor,
      int relation,
      int[] ids,
      int count,
      float[] upstream,
      int offset,
      Gradients out) {
    float[] s = scratch.get();
    if (tails) {
      tailQuery(anchor, relation, s, 0);
    } else {
      headQuery(relation, anchor, s, 0);
    }
    Arrays.fill(s, width, 2 * width, 0f);
    SparseGradient ge = out.entities();
    for (int i = 0; i < count; i++) {
      float g = upstream[offset + i];
      if (g != 0f) {
        backwardCandidate(g, ids == null ? i : ids[i], s, ge);
      }
    }
    chainQuery(tails, anchor, relation, s, width, out);
  }

  /**
   * For the query in {@code s[0, width)} and a candidate entity {@code id} whose score has the
   * upstream gradient {@code g}: adds the gradient of the candidate's row into {@code ge} and that
   * of the query into {@code s[width, 2·width)}.
   */
  private void backwardCandidate(float g, int id, float[] s, SparseGradient ge) {
    float[] e = entities.blockOf(id);
    int eo = entities.offset(id);
    Interaction interaction = interaction();
    float score = interaction.score(kernel, s, 0, e, eo, width);
    int go = ge.touch(id);
    interaction.backward(
        kernel, g, score, s, 0, e, eo, s, width, ge.values().blockOf(id), go, width);
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
   * Scales row {@code row} of {@code table} to unit L2 norm ({@code functional.normalize}: divide
   * by {@code max(norm, eps)}), the norm summed in float as PyTorch does (in double only when the
   * squares overflow a float).
   */
  static void normalizeRow(EmbeddingTable table, int row) {
    float[] x = table.blockOf(row);
    int w = table.width();
    int off = table.offset(row);
    DenseKernel k = DenseKernels.active();
    float squared = k.dot(x, off, x, off, w);
    double norm;
    if (Float.isInfinite(squared)) {
      double sq = 0.0;
      for (int i = off; i < off + w; i++) {
        sq += (double) x[i] * x[i];
      }
      norm = Math.sqrt(sq);
    } else {
      norm = Math.sqrt(squared);
    }
    k.scale(x, off, w, (float) (1.0 / Math.max(norm, NORMALIZE_EPS)));
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
    RowLoops.forEach(numRows, Math.max(1, (1 << 18) / width), action);
  }

  /** Normalizes the touched rows of {@code changed} in {@code table} to unit L2 norm. */
  static void normalizeRows(EmbeddingTable table, SparseGradient changed) {
    changed.forEachTouchedRow(row -> normalizeRow(table, row));
  }
}
