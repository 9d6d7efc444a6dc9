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
public final class DistMult extends QueryLinearModel {

  /** PyKEEN's default entity initializer of DistMult. */
  public static final Initializer DEFAULT_ENTITY_INITIALIZER = Initializer.XAVIER_UNIFORM;

  /** PyKEEN's default relation initializer of DistMult. */
  public static final Initializer DEFAULT_RELATION_INITIALIZER = Initializer.XAVIER_NORMAL_NORM;

  /** PyKEEN's default regularizer of DistMult: weight 0.1 on relations. */
  public static final LpRegularizer DEFAULT_REGULARIZER = new LpRegularizer(0.1, false, true);

  /**
   * Creates a randomly initialised DistMult with PyKEEN's default regularizer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public DistMult(int numEntities, int numRelations, int dim, SplittableRandom random) {
    this(numEntities, numRelations, dim, DEFAULT_REGULARIZER, random);
  }

  /**
   * Creates a randomly initialised DistMult with the given regularizer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public DistMult(
      int numEntities,
      int numRelations,
      int dim,
      LpRegularizer regularizer,
      SplittableRandom random) {
    this(
        numEntities,
        numRelations,
        dim,
        regularizer,
        DEFAULT_ENTITY_INITIALIZER,
        DEFAULT_RELATION_INITIALIZER,
        random);
  }

  /**
   * Creates a DistMult with the given regularizer and initializers.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public DistMult(
      int numEntities,
      int numRelations,
      int dim,
      LpRegularizer regularizer,
      Initializer entityInitializer,
      Initializer relationInitializer,
      SplittableRandom random) {
    super(numEntities, numRelations, dim, dim, regularizer);
    initialize(entityInitializer, relationInitializer, random);
  }

  @Override
  public String name() {
    return "distmult";
  }

  @Override
  public ScoreRange scoreRange() {
    return ScoreRange.UNBOUNDED;
  }

  @Override
  public void applyConstraints(Gradients changed) {
    normalizeRows(entities, changed.entities());
  }

  @Override
  public void applyConstraints() {
    normalizeRows(entities);
  }

  @Override
  public float score(int head, int relation, int tail) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ho = head * width;
    int ro = relation * width;
    int to = tail * width;
    float sum = 0f;
    for (int k = 0; k < width; k++) {
      sum += e[ho + k] * rel[ro + k] * e[to + k];
    }
    return sum;
  }

  /** {@code q = h ∘ r}: the vector every tail is dotted with. */
  @Override
  void tailQuery(int head, int relation, float[] q) {
    float[][] b = rowBuffers();
    float[] hb = b[0];
    float[] rb = b[1];
    System.arraycopy(entities.data(), head * width, hb, 0, width);
    System.arraycopy(relations.data(), relation * width, rb, 0, width);
    for (int k = 0; k < width; k++) {
      q[k] = hb[k] * rb[k];
    }
  }

  /** {@code q = r ∘ t}: the vector every head is dotted with. */
  @Override
  void headQuery(int relation, int tail, float[] q) {
    float[][] b = rowBuffers();
    float[] rb = b[1];
    float[] tb = b[2];
    System.arraycopy(relations.data(), relation * width, rb, 0, width);
    System.arraycopy(entities.data(), tail * width, tb, 0, width);
    for (int k = 0; k < width; k++) {
      q[k] = rb[k] * tb[k];
    }
  }

  @Override
  public void accumulateGradient(int head, int relation, int tail, float upstream, Gradients out) {
    if (upstream == 0f) {
      return;
    }
    float[] e = entities.data();
    float[] rel = relations.data();
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int gh = out.entities().touch(head);
    int gt = out.entities().touch(tail);
    int grr = out.relations().touch(relation);
    if (head == tail) {
      int ho = head * width;
      int ro = relation * width;
      int to = tail * width;
      for (int k = 0; k < width; k++) {
        float h = e[ho + k];
        float r = rel[ro + k];
        float t = e[to + k];
        ge[gh + k] += upstream * r * t;
        gr[grr + k] += upstream * h * t;
        ge[gt + k] += upstream * h * r;
      }
      return;
    }
    // the same element-wise arithmetic on row copies (see rowBuffers()); bit-identical
    float[][] b = rowBuffers();
    float[] hb = b[0];
    float[] rb = b[1];
    float[] tb = b[2];
    float[] ghb = b[3];
    float[] grb = b[4];
    float[] gtb = b[5];
    System.arraycopy(e, head * width, hb, 0, width);
    System.arraycopy(rel, relation * width, rb, 0, width);
    System.arraycopy(e, tail * width, tb, 0, width);
    System.arraycopy(ge, gh, ghb, 0, width);
    System.arraycopy(gr, grr, grb, 0, width);
    System.arraycopy(ge, gt, gtb, 0, width);
    for (int k = 0; k < width; k++) {
      ghb[k] += upstream * rb[k] * tb[k];
      grb[k] += upstream * hb[k] * tb[k];
      gtb[k] += upstream * hb[k] * rb[k];
    }
    System.arraycopy(ghb, 0, ge, gh, width);
    System.arraycopy(grb, 0, gr, grr, width);
    System.arraycopy(gtb, 0, ge, gt, width);
  }

  /** Given {@code acc = ∂/∂q} in {@code s[width..2 width)}, adds the gradients of h and r. */
  @Override
  void chainTails(int head, int relation, float[] s, Gradients out) {
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int gh = out.entities().touch(head);
    int grr = out.relations().touch(relation);
    float[][] b = rowBuffers();
    float[] acc = b[0];
    float[] hb = b[1];
    float[] rb = b[2];
    float[] ghb = b[3];
    float[] grb = b[4];
    System.arraycopy(s, width, acc, 0, width);
    System.arraycopy(entities.data(), head * width, hb, 0, width);
    System.arraycopy(relations.data(), relation * width, rb, 0, width);
    System.arraycopy(ge, gh, ghb, 0, width);
    System.arraycopy(gr, grr, grb, 0, width);
    for (int k = 0; k < width; k++) {
      ghb[k] += acc[k] * rb[k];
      grb[k] += acc[k] * hb[k];
    }
    System.arraycopy(ghb, 0, ge, gh, width);
    System.arraycopy(grb, 0, gr, grr, width);
  }

  /** Given {@code acc = ∂/∂q} in {@code s[width..2 width)}, adds the gradients of r and t. */
  @Override
  void chainHeads(int relation, int tail, float[] s, Gradients out) {
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int gt = out.entities().touch(tail);
    int grr = out.relations().touch(relation);
    float[][] b = rowBuffers();
    float[] acc = b[0];
    float[] rb = b[1];
    float[] tb = b[2];
    float[] grb = b[3];
    float[] gtb = b[4];
    System.arraycopy(s, width, acc, 0, width);
    System.arraycopy(relations.data(), relation * width, rb, 0, width);
    System.arraycopy(entities.data(), tail * width, tb, 0, width);
    System.arraycopy(gr, grr, grb, 0, width);
    System.arraycopy(ge, gt, gtb, 0, width);
    for (int k = 0; k < width; k++) {
      grb[k] += acc[k] * tb[k];
      gtb[k] += acc[k] * rb[k];
    }
    System.arraycopy(grb, 0, gr, grr, width);
    System.arraycopy(gtb, 0, ge, gt, width);
  }
}
