package org.kge4j.model;

import java.util.SplittableRandom;

/**
 * ComplEx [trouillon2016]: {@code score(h, r, t) = Re(Σ_k h_k r_k conj(t_k))} over complex vectors
 * of dimension {@code d}, i.e. {@code Σ_k (hRe rRe - hIm rIm) tRe + (hRe rIm + hIm rRe) tIm}.
 *
 * <p>A row stores the {@code d} real parts followed by the {@code d} imaginary parts (width {@code
 * 2d}). Defaults of PyKEEN 1.10's {@code ComplEx}: entities and relations initialised with {@code
 * normal_} (every real and imaginary part {@code N(0, 1)}); no constraints; an {@link
 * LpRegularizer} of weight {@code 0.01} on entity and relation look-ups.
 *
 * <p>Gradients: {@code ∂s/∂hRe = rRe tRe + rIm tIm}, {@code ∂s/∂hIm = rRe tIm - rIm tRe}, {@code
 * ∂s/∂rRe = hRe tRe + hIm tIm}, {@code ∂s/∂rIm = hRe tIm - hIm tRe}, {@code ∂s/∂tRe = hRe rRe - hIm
 * rIm}, {@code ∂s/∂tIm = hRe rIm + hIm rRe}.
 *
 * <p>Queries: {@code score(h, r, e) = <q, e>} over the {@code 2d} real values with the tail query
 * {@code q = h · r}, and {@code score(e, r, t) = <q', e>} with the head query {@code q' = conj(r) ·
 * t}.
 */
public final class ComplEx extends ComplexValuedModel {

  /** PyKEEN's default regularizer of ComplEx: weight 0.01 on entities and relations. */
  public static final LpRegularizer DEFAULT_REGULARIZER = new LpRegularizer(0.01, true, true);

  /** PyKEEN's default entity initializer of ComplEx. */
  public static final Initializer DEFAULT_ENTITY_INITIALIZER = Initializer.NORMAL;

  /** PyKEEN's default relation initializer of ComplEx. */
  public static final Initializer DEFAULT_RELATION_INITIALIZER = Initializer.NORMAL;

  /**
   * Creates a randomly initialised ComplEx with PyKEEN's defaults.
   *
   * @param dim the complex dimension {@code d}; rows hold {@code 2d} floats
   * @throws IllegalArgumentException if a size is not positive
   */
  public ComplEx(int numEntities, int numRelations, int dim, SplittableRandom random) {
    this(ModelSpec.of(numEntities, numRelations, dim), DEFAULT_REGULARIZER, random);
  }

  /**
   * Creates a ComplEx with the given tables and regularizer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public ComplEx(ModelSpec spec, LpRegularizer regularizer, SplittableRandom random) {
    super("complex", Interaction.DOT, spec, regularizer);
    initialize(spec, DEFAULT_ENTITY_INITIALIZER, DEFAULT_RELATION_INITIALIZER, random);
  }
}
