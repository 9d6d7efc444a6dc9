package org.kge4j.model;

import java.util.SplittableRandom;

/**
 * TransE [bordes2013]: {@code score(h, r, t) = -||h + r - t||_p} with {@code p = 1} or {@code 2}.
 *
 * <p>Defaults of PyKEEN 1.10's {@code TransE}: entities initialised with PyKEEN's {@code
 * xavier_uniform_} ({@code U(-sqrt(6/d), sqrt(6/d))}) and constrained to unit L2 norm ({@code
 * functional.normalize}, at initialisation and after every optimizer step, i.e. before each batch);
 * relations initialised with {@code xavier_uniform_norm_} (uniform, then unit L2 norm) and not
 * constrained; no regularizer; {@code p = 1} unless configured.
 *
 * <p>Gradients with {@code δ = h + r - t}: {@code ∂s/∂δ = -sign(δ)} for {@code p = 1} and {@code
 * -δ/||δ||_2} for {@code p = 2} (zero where PyTorch's subgradient is zero: {@code sign(0) = 0}, and
 * at {@code δ = 0}); {@code ∂s/∂h = ∂s/∂r = ∂s/∂δ}, {@code ∂s/∂t = -∂s/∂δ}. Scores are {@code <= 0}
 * ({@link ScoreRange#NON_POSITIVE}).
 */
public final class TransE extends AbstractModel {

  /** PyKEEN's default entity initializer of TransE. */
  public static final Initializer DEFAULT_ENTITY_INITIALIZER = Initializer.XAVIER_UNIFORM;

  /** PyKEEN's default relation initializer of TransE. */
  public static final Initializer DEFAULT_RELATION_INITIALIZER = Initializer.XAVIER_UNIFORM_NORM;

  /**
   * Creates a randomly initialised TransE with PyKEEN's defaults.
   *
   * @param p the norm of the score, 1 or 2
   * @throws IllegalArgumentException if a size is not positive or {@code p} is not 1 or 2
   */
  public TransE(int numEntities, int numRelations, int dim, int p, SplittableRandom random) {
    this(ModelSpec.of(numEntities, numRelations, dim), p, random);
  }

  /**
   * Creates a TransE with the given tables.
   *
   * @param p the norm of the score, 1 or 2
   * @throws IllegalArgumentException if a size is not positive or {@code p} is not 1 or 2
   */
  public TransE(ModelSpec spec, int p, SplittableRandom random) {
    // entities at unit L2 norm (PyKEEN's entity_constrainer functional.normalize)
    super("transe", interactionOfNorm(p), spec, spec.dim(), LpRegularizer.NONE, true);
    initialize(spec, DEFAULT_ENTITY_INITIALIZER, DEFAULT_RELATION_INITIALIZER, random);
  }

  /** The norm of the score, 1 or 2. */
  public int scoringNorm() {
    return interaction() == Interaction.NEGATIVE_L1 ? 1 : 2;
  }

  /** The interaction of norm {@code p}, checked before any table is allocated. */
  private static Interaction interactionOfNorm(int p) {
    if (p != 1 && p != 2) {
      throw new IllegalArgumentException("TransE scoring norm must be 1 or 2, got " + p);
    }
    return p == 1 ? Interaction.NEGATIVE_L1 : Interaction.NEGATIVE_L2;
  }

  /** {@code q = h + r}: {@code score(h, r, e) = -||q - e||}. */
  @Override
  public void tailQuery(int head, int relation, float[] q, int offset) {
    translate(head, relation, 1f, q, offset);
  }

  /** {@code q' = t - r}: {@code score(e, r, t) = -||e + r - t|| = -||q' - e||}. */
  @Override
  void directHeadQuery(int relation, int tail, float[] q, int offset) {
    translate(tail, relation, -1f, q, offset);
  }

  /**
   * Writes {@code entity's row + relationSign · relation's row} into {@code q[offset, offset + w)}:
   * the entity's row, then the kernel's {@code y += α·x} with {@code α = ±1}, which is the exact
   * sum or difference {@code e ± r}, fused or not.
   */
  private void translate(int entity, int relation, float relationSign, float[] q, int offset) {
    System.arraycopy(entities.blockOf(entity), entities.offset(entity), q, offset, width);
    kernel.axpy(
        relationSign, relations.blockOf(relation), relations.offset(relation), q, offset, width);
  }

  /** {@code ∂/∂h = ∂/∂r = dq}. */
  @Override
  public void chainTailQuery(
      int head, int relation, float[] dq, int dqOffset, OperandGradients out) {
    addQueryGradient(dq, dqOffset, out, 1f);
  }

  /** {@code ∂/∂t = dq}, {@code ∂/∂r = -dq}. */
  @Override
  void chainDirectHeadQuery(
      int relation, int tail, float[] dq, int dqOffset, OperandGradients out) {
    addQueryGradient(dq, dqOffset, out, -1f);
  }

  /**
   * Both queries are the anchor entity's row plus or minus the relation's ({@code q = h + r},
   * {@code q' = t − r}), so their chain rules add {@code dq} into the entity's gradient and {@code
   * relationSign · dq} into the relation's. With {@code ±1} the kernel's {@code y += α·x} is the
   * exact sum or difference {@code y ± x}, fused or not.
   */
  private void addQueryGradient(
      float[] dq, int dqOffset, OperandGradients out, float relationSign) {
    kernel.axpy(1f, dq, dqOffset, out.entity(), out.entityOffset(), width);
    kernel.axpy(relationSign, dq, dqOffset, out.relation(), out.relationOffset(), width);
  }
}
