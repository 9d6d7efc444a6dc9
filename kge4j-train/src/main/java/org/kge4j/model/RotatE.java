package org.kge4j.model;

import java.util.SplittableRandom;

/**
 * RotatE [sun2019]: {@code score(h, r, t) = -||h ∘ r - t||_2} over complex vectors of dimension
 * {@code d}, the relation a rotation ({@code |r_k| = 1}); the norm is taken over all {@code 2d}
 * real values, as PyKEEN's {@code rotate_interaction} does.
 *
 * <p>A row stores the {@code d} real parts followed by the {@code d} imaginary parts (width {@code
 * 2d}). Defaults of PyKEEN 1.10's {@code RotatE}: entities initialised with PyKEEN's {@code
 * xavier_uniform_} on the {@code (d, 2)} real view ({@code U(-sqrt(3/d), sqrt(3/d))}); relations
 * with {@code init_phases} (unit modulus, phase {@code U(0, 2π)}) and constrained by {@code
 * complex_normalize} (every element rescaled to modulus 1 after every optimizer step); no
 * regularizer.
 *
 * <p>Gradients with {@code δ = h ∘ r - t}, {@code n = ||δ||} and {@code a = -δ/n} (zero at {@code δ
 * = 0}): {@code ∂s/∂hRe = aRe rRe + aIm rIm}, {@code ∂s/∂hIm = aIm rRe - aRe rIm}, {@code ∂s/∂rRe =
 * aRe hRe + aIm hIm}, {@code ∂s/∂rIm = aIm hRe - aRe hIm}, {@code ∂s/∂t = -a}. Scores are {@code <=
 * 0} ({@link ScoreRange#NON_POSITIVE}).
 *
 * <p>Queries: {@code score(h, r, e) = -||q - e||} with the tail query {@code q = h · r}, and {@code
 * score(e, r, t) = -||e − conj(r) · t||} with the head query {@code q' = conj(r) · t}, which equals
 * {@code -||e · r − t||} because the constraint keeps {@code |r_k| = 1} (PyKEEN scored heads this
 * way too: rotating the tail back by the inverse rotation).
 */
public final class RotatE extends ComplexValuedModel {

  /** PyKEEN's default entity initializer of RotatE (on the real view of width {@code 2d}). */
  public static final Initializer DEFAULT_ENTITY_INITIALIZER = Initializer.XAVIER_UNIFORM;

  /** PyKEEN's default relation initializer of RotatE. */
  public static final Initializer DEFAULT_RELATION_INITIALIZER = Initializer.INIT_PHASES;

  /**
   * Creates a randomly initialised RotatE with PyKEEN's defaults.
   *
   * @param dim the complex dimension {@code d}; rows hold {@code 2d} floats
   * @throws IllegalArgumentException if a size is not positive
   */
  public RotatE(int numEntities, int numRelations, int dim, SplittableRandom random) {
    this(ModelSpec.of(numEntities, numRelations, dim), random);
  }

  /**
   * Creates a RotatE with the given tables; the relations are then scaled to unit modulus (the
   * model's constraint) whatever the initializer drew.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public RotatE(ModelSpec spec, SplittableRandom random) {
    super("rotate", Interaction.NEGATIVE_L2, spec, LpRegularizer.NONE);
    initialize(spec, DEFAULT_ENTITY_INITIALIZER, DEFAULT_RELATION_INITIALIZER, random);
  }

  @Override
  public void applyConstraints(Gradients changed) {
    SparseGradient touched = changed.relations();
    for (int i = 0; i < touched.numTouched(); i++) {
      normalizeModulus(touched.touchedRow(i));
    }
  }

  @Override
  public void applyConstraints() {
    forEachRow(numRelations, width, this::normalizeModulus);
  }

  /** PyKEEN's {@code complex_normalize}: every element of the row to modulus 1. */
  private void normalizeModulus(int row) {
    float[] rel = relations.blockOf(row);
    int off = relations.offset(row);
    for (int k = 0; k < dim; k++) {
      float re = rel[off + k];
      float im = rel[off + dim + k];
      double inv = 1.0 / Math.max(Math.sqrt((double) re * re + (double) im * im), NORMALIZE_EPS);
      rel[off + k] = (float) (re * inv);
      rel[off + dim + k] = (float) (im * inv);
    }
  }
}
