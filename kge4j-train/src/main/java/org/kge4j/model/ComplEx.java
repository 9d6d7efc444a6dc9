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
 */
public final class ComplEx extends QueryLinearModel {

  /** PyKEEN's default regularizer of ComplEx: weight 0.01 on entities and relations. */
  public static final LpRegularizer DEFAULT_REGULARIZER = new LpRegularizer(0.01, true, true);

  /** PyKEEN's default entity initializer of ComplEx. */
  public static final Initializer DEFAULT_ENTITY_INITIALIZER = Initializer.NORMAL;

  /** PyKEEN's default relation initializer of ComplEx. */
  public static final Initializer DEFAULT_RELATION_INITIALIZER = Initializer.NORMAL;

  /**
   * Creates a randomly initialised ComplEx with PyKEEN's default regularizer.
   *
   * @param dim the complex dimension {@code d}; rows hold {@code 2d} floats
   * @throws IllegalArgumentException if a size is not positive
   */
  public ComplEx(int numEntities, int numRelations, int dim, SplittableRandom random) {
    this(numEntities, numRelations, dim, DEFAULT_REGULARIZER, random);
  }

  /**
   * Creates a randomly initialised ComplEx with the given regularizer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public ComplEx(
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
   * Creates a ComplEx with the given regularizer and initializers.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public ComplEx(
      int numEntities,
      int numRelations,
      int dim,
      LpRegularizer regularizer,
      Initializer entityInitializer,
      Initializer relationInitializer,
      SplittableRandom random) {
    super(numEntities, numRelations, dim, 2 * dim, regularizer);
    initialize(entityInitializer, relationInitializer, random);
  }

  @Override
  public String name() {
    return "complex";
  }

  @Override
  public ScoreRange scoreRange() {
    return ScoreRange.UNBOUNDED;
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
      sum += (hr * rr - hi * ri) * e[to + k] + (hr * ri + hi * rr) * e[to + dim + k];
    }
    return sum;
  }

  /**
   * {@code q = (Re(h r), Im(h r))}: {@code score(h, r, e) = <q, e>} over the {@code 2d} real
   * values.
   */
  @Override
  void tailQuery(int head, int relation, float[] q) {
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

  /** {@code c = (rRe tRe + rIm tIm, rRe tIm - rIm tRe)}: {@code score(e, r, t) = <c, e>}. */
  @Override
  void headQuery(int relation, int tail, float[] q) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ro = relation * width;
    int to = tail * width;
    for (int k = 0; k < dim; k++) {
      float rr = rel[ro + k];
      float ri = rel[ro + dim + k];
      float tr = e[to + k];
      float ti = e[to + dim + k];
      q[k] = rr * tr + ri * ti;
      q[dim + k] = rr * ti - ri * tr;
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
      float tr = e[to + k];
      float ti = e[to + dim + k];
      ge[gh + k] += upstream * (rr * tr + ri * ti);
      ge[gh + dim + k] += upstream * (rr * ti - ri * tr);
      gr[grr + k] += upstream * (hr * tr + hi * ti);
      gr[grr + dim + k] += upstream * (hr * ti - hi * tr);
      ge[gt + k] += upstream * (hr * rr - hi * ri);
      ge[gt + dim + k] += upstream * (hr * ri + hi * rr);
    }
  }

  /**
   * Given {@code a = ∂/∂q} in {@code s[width..2 width)}, adds the gradients of h and r through
   * {@code qRe = hRe rRe - hIm rIm}, {@code qIm = hRe rIm + hIm rRe}.
   */
  @Override
  void chainTails(int head, int relation, float[] s, Gradients out) {
    float[] e = entities.data();
    float[] rel = relations.data();
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int ho = head * width;
    int ro = relation * width;
    int gh = out.entities().touch(head);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < dim; k++) {
      float ar = s[width + k];
      float ai = s[width + dim + k];
      float hr = e[ho + k];
      float hi = e[ho + dim + k];
      float rr = rel[ro + k];
      float ri = rel[ro + dim + k];
      ge[gh + k] += ar * rr + ai * ri;
      ge[gh + dim + k] += -ar * ri + ai * rr;
      gr[grr + k] += ar * hr + ai * hi;
      gr[grr + dim + k] += -ar * hi + ai * hr;
    }
  }

  /**
   * Given {@code a = ∂/∂c} in {@code s[width..2 width)}, adds the gradients of r and t through
   * {@code cRe = rRe tRe + rIm tIm}, {@code cIm = rRe tIm - rIm tRe}.
   */
  @Override
  void chainHeads(int relation, int tail, float[] s, Gradients out) {
    float[] e = entities.data();
    float[] rel = relations.data();
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int ro = relation * width;
    int to = tail * width;
    int gt = out.entities().touch(tail);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < dim; k++) {
      float ar = s[width + k];
      float ai = s[width + dim + k];
      float rr = rel[ro + k];
      float ri = rel[ro + dim + k];
      float tr = e[to + k];
      float ti = e[to + dim + k];
      gr[grr + k] += ar * tr + ai * ti;
      gr[grr + dim + k] += ar * ti - ai * tr;
      ge[gt + k] += ar * rr - ai * ri;
      ge[gt + dim + k] += ar * ri + ai * rr;
    }
  }
}
