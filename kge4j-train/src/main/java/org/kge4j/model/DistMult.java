package org.kge4j.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * DistMult [yang2014]: {@code score(h, r, t) = Σ_k h_k r_k t_k}.
 *
 * <p>Defaults of PyKEEN 1.10's {@code DistMult}: entities initialised with PyKEEN's
 * {@code xavier_uniform_} ({@code U(-sqrt(6/d), sqrt(6/d))}) and constrained to unit L2 norm (at
 * initialisation and after every optimizer step); relations initialised with
 * {@code xavier_normal_norm_} (Gaussian, then unit L2 norm) and not constrained; an
 * {@link LpRegularizer} of weight {@code 0.1} on relation look-ups.
 *
 * <p>Gradients: {@code ∂s/∂h = r ∘ t}, {@code ∂s/∂r = h ∘ t}, {@code ∂s/∂t = h ∘ r}.
 */
public final class DistMult extends AbstractModel {

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
  public DistMult(int numEntities, int numRelations, int dim, LpRegularizer regularizer,
      SplittableRandom random) {
    super(numEntities, numRelations, dim, dim, regularizer);
    uniform(entities.data(), Math.sqrt(6.0 / dim), random);
    normal(relations.data(), 1.0, random);
    normalizeRows(relations);
    applyConstraints();
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

  @Override
  public void scoreTails(int head, int relation, float[] out, int offset) {
    float[] q = scratch();
    tailQuery(head, relation, q);
    dotAll(q, out, offset);
  }

  @Override
  public void scoreHeads(int relation, int tail, float[] out, int offset) {
    float[] q = scratch();
    headQuery(relation, tail, q);
    dotAll(q, out, offset);
  }

  @Override
  public void scoreTails(int head, int relation, int[] tails, int count, float[] out) {
    float[] q = scratch();
    tailQuery(head, relation, q);
    dotSome(q, tails, count, out);
  }

  @Override
  public void scoreHeads(int relation, int tail, int[] heads, int count, float[] out) {
    float[] q = scratch();
    headQuery(relation, tail, q);
    dotSome(q, heads, count, out);
  }

  /** {@code q = h ∘ r}: the vector every tail is dotted with. */
  private void tailQuery(int head, int relation, float[] q) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ho = head * width;
    int ro = relation * width;
    for (int k = 0; k < width; k++) {
      q[k] = e[ho + k] * rel[ro + k];
    }
  }

  /** {@code q = r ∘ t}: the vector every head is dotted with. */
  private void headQuery(int relation, int tail, float[] q) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ro = relation * width;
    int to = tail * width;
    for (int k = 0; k < width; k++) {
      q[k] = rel[ro + k] * e[to + k];
    }
  }

  private void dotAll(float[] q, float[] out, int offset) {
    float[] e = entities.data();
    for (int i = 0, off = 0; i < numEntities; i++, off += width) {
      out[offset + i] = dot(q, e, off, width);
    }
  }

  private void dotSome(float[] q, int[] ids, int count, float[] out) {
    float[] e = entities.data();
    for (int i = 0; i < count; i++) {
      out[i] = dot(q, e, ids[i] * width, width);
    }
  }

  @Override
  public void accumulateGradient(int head, int relation, int tail, float upstream,
      Gradients out) {
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
    for (int k = 0; k < width; k++) {
      float h = e[ho + k];
      float r = rel[ro + k];
      float t = e[to + k];
      ge[gh + k] += upstream * r * t;
      gr[grr + k] += upstream * h * t;
      ge[gt + k] += upstream * h * r;
    }
  }

  @Override
  public void accumulateTailsGradient(int head, int relation, float[] upstream, int offset,
      Gradients out) {
    float[] s = scratch();
    tailQuery(head, relation, s);
    accumulateLinear(null, numEntities, upstream, offset, s, out.entities());
    chainTails(head, relation, s, out);
  }

  @Override
  public void accumulateHeadsGradient(int relation, int tail, float[] upstream, int offset,
      Gradients out) {
    float[] s = scratch();
    headQuery(relation, tail, s);
    accumulateLinear(null, numEntities, upstream, offset, s, out.entities());
    chainHeads(relation, tail, s, out);
  }

  @Override
  public void accumulateTailsGradient(int head, int relation, int[] tails, int count,
      float[] upstream, Gradients out) {
    float[] s = scratch();
    tailQuery(head, relation, s);
    accumulateLinear(tails, count, upstream, 0, s, out.entities());
    chainTails(head, relation, s, out);
  }

  @Override
  public void accumulateHeadsGradient(int relation, int tail, int[] heads, int count,
      float[] upstream, Gradients out) {
    float[] s = scratch();
    headQuery(relation, tail, s);
    accumulateLinear(heads, count, upstream, 0, s, out.entities());
    chainHeads(relation, tail, s, out);
  }

  /** Given {@code acc = ∂/∂q} in {@code s[width..2 width)}, adds the gradients of h and r. */
  private void chainTails(int head, int relation, float[] s, Gradients out) {
    float[] e = entities.data();
    float[] rel = relations.data();
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int ho = head * width;
    int ro = relation * width;
    int gh = out.entities().touch(head);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < width; k++) {
      float acc = s[width + k];
      ge[gh + k] += acc * rel[ro + k];
      gr[grr + k] += acc * e[ho + k];
    }
  }

  /** Given {@code acc = ∂/∂q} in {@code s[width..2 width)}, adds the gradients of r and t. */
  private void chainHeads(int relation, int tail, float[] s, Gradients out) {
    float[] e = entities.data();
    float[] rel = relations.data();
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int ro = relation * width;
    int to = tail * width;
    int gt = out.entities().touch(tail);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < width; k++) {
      float acc = s[width + k];
      gr[grr + k] += acc * e[to + k];
      ge[gt + k] += acc * rel[ro + k];
    }
  }

  /**
   * For scores {@code s_e = <q, e>} (q in {@code s[0..width)}) of the entities {@code ids[0,
   * count)} (all entities when {@code ids} is null) with upstream gradients
   * {@code upstream[offset + i]}: adds {@code g_e q} to each entity's gradient and sums
   * {@code Σ_e g_e e} into {@code s[width..2 width)}. The two updates run as separate loops over
   * separate arrays so that the JIT can vectorize both.
   */
  private void accumulateLinear(int[] ids, int count, float[] upstream, int offset, float[] s,
      SparseGradient ge) {
    float[] e = entities.data();
    float[] g = ge.values();
    float[] acc = accumulator();
    Arrays.fill(acc, 0f);
    for (int i = 0; i < count; i++) {
      float gi = upstream[offset + i];
      if (gi == 0f) {
        continue;
      }
      int id = ids == null ? i : ids[i];
      int off = id * width;
      int go = ge.touch(id);
      for (int k = 0; k < width; k++) {
        g[go + k] += gi * s[k];
      }
      for (int k = 0; k < width; k++) {
        acc[k] += gi * e[off + k];
      }
    }
    System.arraycopy(acc, 0, s, width, width);
  }
}
