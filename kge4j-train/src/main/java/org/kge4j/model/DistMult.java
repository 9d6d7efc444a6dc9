package org.kge4j.model;

import java.util.SplittableRandom;

/**
 * DistMult [yang2014]: {@code score(h, r, t) = Σ_k h_k r_k t_k}.
 *
 * <p>Defaults of PyKEEN 1.10's {@code DistMult}: entities initialised with PyKEEN's {@code
 * xavier_uniform_} ({@code U(-sqrt(6/d), sqrt(6/d))}) and constrained to unit L2 norm (at
 * initialisation and after every optimizer step); relations initialised with {@code
 * xavier_normal_norm_} (Gaussian, then unit L2 norm) and not constrained; an {@link LpRegularizer}
 * of weight {@code 0.1} on relation look-ups.
 *
 * <p>Gradients: {@code ∂s/∂h = r ∘ t}, {@code ∂s/∂r = h ∘ t}, {@code ∂s/∂t = h ∘ r}.
 */
public final class DistMult extends AbstractModel {

  /** PyKEEN's default entity initializer of DistMult. */
  public static final Initializer DEFAULT_ENTITY_INITIALIZER = Initializer.XAVIER_UNIFORM;

  /** PyKEEN's default relation initializer of DistMult. */
  public static final Initializer DEFAULT_RELATION_INITIALIZER = Initializer.XAVIER_NORMAL_NORM;

  /** PyKEEN's default regularizer of DistMult: weight 0.1 on relations. */
  public static final LpRegularizer DEFAULT_REGULARIZER = new LpRegularizer(0.1, false, true);

  /**
   * Creates a randomly initialised DistMult with PyKEEN's defaults.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public DistMult(int numEntities, int numRelations, int dim, SplittableRandom random) {
    this(ModelSpec.of(numEntities, numRelations, dim), DEFAULT_REGULARIZER, random);
  }

  /**
   * Creates a DistMult with the given tables and regularizer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public DistMult(ModelSpec spec, LpRegularizer regularizer, SplittableRandom random) {
    // entities at unit L2 norm (PyKEEN's entity_constrainer functional.normalize)
    super("distmult", Interaction.DOT, spec, spec.dim(), regularizer, true);
    initialize(spec, DEFAULT_ENTITY_INITIALIZER, DEFAULT_RELATION_INITIALIZER, random);
  }

  /** {@code q = h ∘ r}: {@code score(h, r, e) = <q, e>}. */
  @Override
  public void tailQuery(int head, int relation, float[] q, int offset) {
    float[] h = entities.blockOf(head);
    float[] r = relations.blockOf(relation);
    int ho = entities.offset(head);
    int ro = relations.offset(relation);
    for (int k = 0; k < width; k++) {
      q[offset + k] = h[ho + k] * r[ro + k];
    }
  }

  /**
   * {@code q' = r ∘ t}: {@code score(e, r, t) = <q', e>}. DistMult is symmetric in head and tail,
   * so this is the tail query {@code q(t, r)}.
   */
  @Override
  void directHeadQuery(int relation, int tail, float[] q, int offset) {
    tailQuery(tail, relation, q, offset);
  }

  /** {@code ∂/∂h = dq ∘ r}, {@code ∂/∂r = dq ∘ h}. */
  @Override
  public void chainTailQuery(
      int head, int relation, float[] dq, int dqOffset, OperandGradients out) {
    float[] h = entities.blockOf(head);
    float[] r = relations.blockOf(relation);
    int ho = entities.offset(head);
    int ro = relations.offset(relation);
    float[] dh = out.entity();
    int dho = out.entityOffset();
    float[] dr = out.relation();
    int dro = out.relationOffset();
    for (int k = 0; k < width; k++) {
      float a = dq[dqOffset + k];
      dh[dho + k] += a * r[ro + k];
      dr[dro + k] += a * h[ho + k];
    }
  }

  /**
   * {@code ∂/∂r = dq ∘ t}, {@code ∂/∂t = dq ∘ r}: the chain rule of the tail query {@code q(t, r)}
   * (see {@link #directHeadQuery}).
   */
  @Override
  void chainDirectHeadQuery(
      int relation, int tail, float[] dq, int dqOffset, OperandGradients out) {
    chainTailQuery(tail, relation, dq, dqOffset, out);
  }
}
