package org.kge4j.model;

import java.util.Arrays;
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
 */
public final class RotatE extends AbstractModel {

  /** PyKEEN's default entity initializer of RotatE (on the real view of width {@code 2d}). */
  public static final Initializer DEFAULT_ENTITY_INITIALIZER = Initializer.XAVIER_UNIFORM;

  /** PyKEEN's default relation initializer of RotatE. */
  public static final Initializer DEFAULT_RELATION_INITIALIZER = Initializer.INIT_PHASES;

  /**
   * Creates a randomly initialised RotatE.
   *
   * @param dim the complex dimension {@code d}; rows hold {@code 2d} floats
   * @throws IllegalArgumentException if a size is not positive
   */
  public RotatE(int numEntities, int numRelations, int dim, SplittableRandom random) {
    this(
        numEntities,
        numRelations,
        dim,
        DEFAULT_ENTITY_INITIALIZER,
        DEFAULT_RELATION_INITIALIZER,
        random);
  }

  /**
   * Creates a RotatE initialised with the given initializers; the relations are then scaled to unit
   * modulus (the model's constraint) whatever the initializer drew.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public RotatE(
      int numEntities,
      int numRelations,
      int dim,
      Initializer entityInitializer,
      Initializer relationInitializer,
      SplittableRandom random) {
    super(numEntities, numRelations, dim, 2 * dim, LpRegularizer.NONE);
    initialize(entityInitializer, relationInitializer, random);
  }

  @Override
  public String name() {
    return "rotate";
  }

  @Override
  public ScoreRange scoreRange() {
    return ScoreRange.NON_POSITIVE;
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
    float[] rel = relations.data();
    int off = row * width;
    for (int k = 0; k < dim; k++) {
      float re = rel[off + k];
      float im = rel[off + dim + k];
      double inv = 1.0 / Math.max(Math.sqrt((double) re * re + (double) im * im), NORMALIZE_EPS);
      rel[off + k] = (float) (re * inv);
      rel[off + dim + k] = (float) (im * inv);
    }
  }

  @Override
  public float score(int head, int relation, int tail) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ho = head * width;
    int ro = relation * width;
    int to = tail * width;
    float sum = 0f;
    for (int k = 0; k < dim; k++) {
      float hr = e[ho + k];
      float hi = e[ho + dim + k];
      float rr = rel[ro + k];
      float ri = rel[ro + dim + k];
      float dr = hr * rr - hi * ri - e[to + k];
      float di = hr * ri + hi * rr - e[to + dim + k];
      sum += dr * dr + di * di;
    }
    return (float) -Math.sqrt(sum);
  }

  @Override
  public void scoreTails(int head, int relation, float[] out, int offset) {
    scoreRotatedHead(head, relation, null, numEntities, out, offset);
  }

  @Override
  public void scoreHeads(int relation, int tail, float[] out, int offset) {
    scoreHeadCandidates(relation, tail, null, numEntities, out, offset);
  }

  @Override
  public void scoreTails(int head, int relation, int[] tails, int count, float[] out) {
    scoreRotatedHead(head, relation, tails, count, out, 0);
  }

  @Override
  public void scoreHeads(int relation, int tail, int[] heads, int count, float[] out) {
    scoreHeadCandidates(relation, tail, heads, count, out, 0);
  }

  /**
   * {@code -||q - e||} with {@code q = h ∘ r} for the entities {@code ids[0, count)} (all when
   * null) into {@code out[offset + i]}.
   */
  private void scoreRotatedHead(
      int head, int relation, int[] ids, int count, float[] out, int offset) {
    float[] q = scratch();
    rotateHead(head, relation, q);
    float[] e = entities.data();
    for (int i = 0; i < count; i++) {
      int off = (ids == null ? i : ids[i]) * width;
      out[offset + i] = (float) -Math.sqrt(squaredDistance(q, e, off, width));
    }
  }

  /**
   * {@code -||e ∘ r - t||} for the entities {@code ids[0, count)} (all when null) into {@code
   * out[offset + i]}; computed directly rather than as {@code ||e - conj(r) t||}, which equals it
   * only for {@code |r| = 1} exactly.
   */
  private void scoreHeadCandidates(
      int relation, int tail, int[] ids, int count, float[] out, int offset) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ro = relation * width;
    int to = tail * width;
    for (int i = 0; i < count; i++) {
      int off = (ids == null ? i : ids[i]) * width;
      float sum = 0f;
      for (int k = 0; k < dim; k++) {
        float er = e[off + k];
        float ei = e[off + dim + k];
        float rr = rel[ro + k];
        float ri = rel[ro + dim + k];
        float dr = er * rr - ei * ri - e[to + k];
        float di = er * ri + ei * rr - e[to + dim + k];
        sum += dr * dr + di * di;
      }
      out[offset + i] = (float) -Math.sqrt(sum);
    }
  }

  /** Writes {@code h ∘ r} (real parts, then imaginary parts) into {@code q[0..width)}. */
  private void rotateHead(int head, int relation, float[] q) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ho = head * width;
    int ro = relation * width;
    for (int k = 0; k < dim; k++) {
      float hr = e[ho + k];
      float hi = e[ho + dim + k];
      float rr = rel[ro + k];
      float ri = rel[ro + dim + k];
      q[k] = hr * rr - hi * ri;
      q[dim + k] = hr * ri + hi * rr;
    }
  }

  @Override
  public void accumulateGradient(int head, int relation, int tail, float upstream, Gradients out) {
    if (upstream == 0f) {
      return;
    }
    float norm = -score(head, relation, tail);
    if (norm == 0f) {
      return;
    }
    float scale = -upstream / norm;
    float[] e = entities.data();
    float[] rel = relations.data();
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int ho = head * width;
    int ro = relation * width;
    int to = tail * width;
    int gh = out.entities().touch(head);
    int gt = out.entities().touch(tail);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < dim; k++) {
      float hr = e[ho + k];
      float hi = e[ho + dim + k];
      float rr = rel[ro + k];
      float ri = rel[ro + dim + k];
      float ar = scale * (hr * rr - hi * ri - e[to + k]);
      float ai = scale * (hr * ri + hi * rr - e[to + dim + k]);
      ge[gh + k] += ar * rr + ai * ri;
      ge[gh + dim + k] += ai * rr - ar * ri;
      gr[grr + k] += ar * hr + ai * hi;
      gr[grr + dim + k] += ai * hr - ar * hi;
      ge[gt + k] -= ar;
      ge[gt + dim + k] -= ai;
    }
  }

  /**
   * Backward pass of {@code s_e = -||q - e||} with {@code q = h ∘ r} over the entities {@code
   * ids[0, count)} (all when null): {@code ∂s_e/∂e = (q - e)/n_e}, {@code ∂s_e/∂q = -(q - e)/n_e},
   * then through the rotation into h and r.
   */
  @Override
  void tailsGradient(
      int head, int relation, int[] ids, int count, float[] upstream, int offset, Gradients out) {
    float[] s = scratch();
    rotateHead(head, relation, s);
    Arrays.fill(s, width, 2 * width, 0f);
    float[] e = entities.data();
    SparseGradient gEnt = out.entities();
    float[] ge = gEnt.values();
    for (int i = 0; i < count; i++) {
      float gi = upstream[offset + i];
      if (gi == 0f) {
        continue;
      }
      int id = ids == null ? i : ids[i];
      int off = id * width;
      float sum = squaredDistance(s, e, off, width);
      if (sum == 0f) {
        continue;
      }
      float scale = (float) (gi / Math.sqrt(sum));
      int go = gEnt.touch(id);
      for (int k = 0; k < width; k++) {
        float u = scale * (s[k] - e[off + k]);
        ge[go + k] += u;
        s[width + k] -= u;
      }
    }
    float[] rel = relations.data();
    float[] gr = out.relations().values();
    int ho = head * width;
    int ro = relation * width;
    int gh = gEnt.touch(head);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < dim; k++) {
      float ar = s[width + k];
      float ai = s[width + dim + k];
      float hr = e[ho + k];
      float hi = e[ho + dim + k];
      float rr = rel[ro + k];
      float ri = rel[ro + dim + k];
      ge[gh + k] += ar * rr + ai * ri;
      ge[gh + dim + k] += ai * rr - ar * ri;
      gr[grr + k] += ar * hr + ai * hi;
      gr[grr + dim + k] += ai * hr - ar * hi;
    }
  }

  /**
   * Backward pass of {@code s_e = -||e ∘ r - t||} over the entities {@code ids[0, count)} (all when
   * null); the relation gradient is summed in {@code s[width..2w)}, the tail's in {@code
   * s[2w..3w)}.
   */
  @Override
  void headsGradient(
      int relation, int tail, int[] ids, int count, float[] upstream, int offset, Gradients out) {
    float[] s = scratch();
    Arrays.fill(s, width, 3 * width, 0f);
    float[] e = entities.data();
    float[] rel = relations.data();
    SparseGradient gEnt = out.entities();
    float[] ge = gEnt.values();
    int ro = relation * width;
    int to = tail * width;
    for (int i = 0; i < count; i++) {
      float gi = upstream[offset + i];
      if (gi == 0f) {
        continue;
      }
      int id = ids == null ? i : ids[i];
      int off = id * width;
      float sum = 0f;
      for (int k = 0; k < dim; k++) {
        float er = e[off + k];
        float ei = e[off + dim + k];
        float dr = er * rel[ro + k] - ei * rel[ro + dim + k] - e[to + k];
        float di = er * rel[ro + dim + k] + ei * rel[ro + k] - e[to + dim + k];
        sum += dr * dr + di * di;
      }
      if (sum == 0f) {
        continue;
      }
      float scale = (float) (-gi / Math.sqrt(sum));
      int go = gEnt.touch(id);
      for (int k = 0; k < dim; k++) {
        float er = e[off + k];
        float ei = e[off + dim + k];
        float rr = rel[ro + k];
        float ri = rel[ro + dim + k];
        float ar = scale * (er * rr - ei * ri - e[to + k]);
        float ai = scale * (er * ri + ei * rr - e[to + dim + k]);
        ge[go + k] += ar * rr + ai * ri;
        ge[go + dim + k] += ai * rr - ar * ri;
        s[width + k] += ar * er + ai * ei;
        s[width + dim + k] += ai * er - ar * ei;
        s[2 * width + k] -= ar;
        s[2 * width + dim + k] -= ai;
      }
    }
    float[] gr = out.relations().values();
    int gt = gEnt.touch(tail);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < width; k++) {
      gr[grr + k] += s[width + k];
      ge[gt + k] += s[2 * width + k];
    }
  }
}
