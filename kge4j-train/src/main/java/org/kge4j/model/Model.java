package org.kge4j.model;

import org.kge4j.evaluation.LinkPredictor;

/**
 * An interaction model over entity and relation embeddings, with analytic gradients of its score
 * with respect to every embedding value (PyKEEN's {@code ERModel} with one entity and one relation
 * representation). Higher scores mean more plausible triples.
 *
 * <p>Every model is a <em>query model</em>: {@code score(h, r, t) = interaction(q(h, r), t)} with a
 * tail query {@link #tailQuery q(h, r)}, and for head prediction {@code score(h, r, t) =
 * interaction(q'(r, t), h)} with a head query {@link #headQuery q'(r, t)}; {@link #interaction()}
 * is a dot product or a negative distance. Scoring many candidates is then one dense block
 * operation, and the backward pass chains {@code ∂/∂q} into the query's own embeddings ({@link
 * #chainTailQuery}, {@link #chainHeadQuery}).
 *
 * <p>Scoring methods are safe to call from several threads while no parameters change. Gradient
 * methods add {@code upstream * ∂score/∂θ} into a caller-owned {@link Gradients}, touching only the
 * rows the triple uses; they allocate nothing but the one small {@link OperandGradients} view a
 * query's chain rule takes (a few dozen bytes, short-lived). The JIT's escape analysis removes it
 * where it inlines the rule, but not everywhere: on TransE's per-positive sLCWA path a JFR
 * allocation profile still sampled it.
 */
public interface Model extends LinkPredictor {

  /** The model's name as the CLI spells it: {@code transe}, {@code distmult}, ... */
  String name();

  /**
   * Number of relation rows: the data's relations, and as many inverses with {@link
   * #inverseRelations()}.
   */
  int numRelations();

  /**
   * Whether the relation table also holds an inverse {@code r + R} of every relation {@code r}
   * (PyKEEN's {@code create_inverse_triples}): head prediction is then tail prediction with the
   * inverse relation.
   */
  boolean inverseRelations();

  /** The embedding dimension as configured (complex models store two floats per dimension). */
  int dim();

  /** The interval every score lies in; training checks the loss margins against it. */
  ScoreRange scoreRange();

  /** The entity embeddings, {@code numEntities x width}. */
  EmbeddingTable entityEmbeddings();

  /** The relation embeddings, {@code numRelations x width}. */
  EmbeddingTable relationEmbeddings();

  /** The regularizer PyKEEN's model applies by default ({@link LpRegularizer#NONE} if none). */
  LpRegularizer regularizer();

  /** How a query meets a candidate entity row. */
  Interaction interaction();

  /**
   * Writes the tail query {@code q(h, r)} into {@code q[offset, offset + w)}, {@code w} the entity
   * width, so that {@code score(h, r, e) = interaction(q, row e)} for every entity {@code e}.
   */
  void tailQuery(int head, int relation, float[] q, int offset);

  /**
   * Writes the head query {@code q'(r, t)} into {@code q[offset, offset + w)} so that {@code
   * score(e, r, t) = interaction(q', row e)} for every entity {@code e}.
   */
  void headQuery(int relation, int tail, float[] q, int offset);

  /**
   * The backward pass of {@link #tailQuery}: for the gradient {@code dq} of some value with respect
   * to {@code q(h, r)}, adds its gradient with respect to the head's row into {@code out.entity()}
   * and with respect to the relation's row into {@code out.relation()}.
   */
  void chainTailQuery(int head, int relation, float[] dq, int dqOffset, OperandGradients out);

  /**
   * The relation row that {@link #headQuery}{@code (relation, t)} reads and {@link #chainHeadQuery}
   * writes through {@code dr}: {@code relation} itself, or its inverse in a model with inverse
   * relations (PyKEEN's {@code create_inverse_triples}, where head prediction is tail prediction
   * with the inverse relation).
   */
  int headQueryRelation(int relation);

  /**
   * The backward pass of {@link #headQuery}: adds the gradient with respect to the tail's row into
   * {@code out.entity()} and with respect to the relation row {@link #headQueryRelation}{@code
   * (relation)} into {@code out.relation()}.
   */
  void chainHeadQuery(int relation, int tail, float[] dq, int dqOffset, OperandGradients out);

  /**
   * The backward pass of a query into {@code out}: {@code dq[dqOffset, dqOffset + w)} chained into
   * the rows of the anchor entity and of the relation ({@link #headQueryRelation} for a head
   * query), touching the entity's row first and then the relation's, through {@link
   * #chainTailQuery} when {@code tails} (anchor = head) or {@link #chainHeadQuery} (anchor = tail).
   */
  default void chainQuery(
      boolean tails, int anchor, int relation, float[] dq, int dqOffset, Gradients out) {
    SparseGradient ge = out.entities();
    SparseGradient gr = out.relations();
    int anchorOffset = ge.touch(anchor);
    int row = tails ? relation : headQueryRelation(relation);
    int rowOffset = gr.touch(row);
    OperandGradients operands =
        new OperandGradients(
            ge.values().blockOf(anchor), anchorOffset, gr.values().blockOf(row), rowOffset);
    if (tails) {
      chainTailQuery(anchor, relation, dq, dqOffset, operands);
    } else {
      chainHeadQuery(relation, anchor, dq, dqOffset, operands);
    }
  }

  /** The score of triple {@code (head, relation, tail)}. */
  float score(int head, int relation, int tail);

  /** Writes {@code score(head, relation, e)} into {@code out[offset + e]} for every entity. */
  void scoreTails(int head, int relation, float[] out, int offset);

  /** Writes {@code score(e, relation, tail)} into {@code out[offset + e]} for every entity. */
  void scoreHeads(int relation, int tail, float[] out, int offset);

  @Override
  default void scoreTails(int head, int relation, float[] out) {
    scoreTails(head, relation, out, 0);
  }

  @Override
  default void scoreHeads(int relation, int tail, float[] out) {
    scoreHeads(relation, tail, out, 0);
  }

  /**
   * Scores candidate tails of one query, as sLCWA's tail-corrupted negatives need: {@code out[i] =
   * score(head, relation, tails[i])} for {@code i < count}. Models override this to compute the
   * part shared by all candidates once.
   */
  default void scoreTails(int head, int relation, int[] tails, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = score(head, relation, tails[i]);
    }
  }

  /**
   * Scores candidate heads of one query: {@code out[i] = score(heads[i], relation, tail)} for
   * {@code i < count}.
   */
  default void scoreHeads(int relation, int tail, int[] heads, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = score(heads[i], relation, tail);
    }
  }

  /**
   * The backward pass of {@link #scoreTails(int, int, int[], int, float[])}: adds {@code Σ_i
   * upstream[i] * ∂score(head, relation, tails[i])/∂θ} into {@code out}.
   */
  default void accumulateTailsGradient(
      int head, int relation, int[] tails, int count, float[] upstream, Gradients out) {
    for (int i = 0; i < count; i++) {
      accumulateGradient(head, relation, tails[i], upstream[i], out);
    }
  }

  /**
   * The backward pass of {@link #scoreHeads(int, int, int[], int, float[])}: adds {@code Σ_i
   * upstream[i] * ∂score(heads[i], relation, tail)/∂θ} into {@code out}.
   */
  default void accumulateHeadsGradient(
      int relation, int tail, int[] heads, int count, float[] upstream, Gradients out) {
    for (int i = 0; i < count; i++) {
      accumulateGradient(heads[i], relation, tail, upstream[i], out);
    }
  }

  /** Adds {@code upstream * ∂score(head, relation, tail)/∂θ} into {@code out}. */
  void accumulateGradient(int head, int relation, int tail, float upstream, Gradients out);

  /**
   * Adds {@code Σ_e upstream[offset + e] * ∂score(head, relation, e)/∂θ} into {@code out} (the
   * backward pass of {@link #scoreTails(int, int, float[], int)}).
   */
  void accumulateTailsGradient(int head, int relation, float[] upstream, int offset, Gradients out);

  /**
   * Adds {@code Σ_e upstream[offset + e] * ∂score(e, relation, tail)/∂θ} into {@code out} (the
   * backward pass of {@link #scoreHeads(int, int, float[], int)}).
   */
  void accumulateHeadsGradient(int relation, int tail, float[] upstream, int offset, Gradients out);

  /**
   * Re-applies the model's hard constraints (PyKEEN's constrainers, run after each optimizer step)
   * to the rows touched in {@code changed}; models without constraints do nothing.
   */
  void applyConstraints(Gradients changed);

  /**
   * Re-applies the model's hard constraints to every row (after initialisation or a dense step).
   */
  void applyConstraints();
}
