package org.kge4j.model;

import java.util.Arrays;
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

  private final int p;

  /**
   * Creates a randomly initialised TransE.
   *
   * @param p the norm of the score, 1 or 2
   * @throws IllegalArgumentException if a size is not positive or {@code p} is not 1 or 2
   */
  public TransE(int numEntities, int numRelations, int dim, int p, SplittableRandom random) {
    this(
        numEntities,
        numRelations,
        dim,
        p,
        DEFAULT_ENTITY_INITIALIZER,
        DEFAULT_RELATION_INITIALIZER,
        random);
  }

  /**
   * Creates a TransE initialised with the given initializers.
   *
   * @param p the norm of the score, 1 or 2
   * @throws IllegalArgumentException if a size is not positive or {@code p} is not 1 or 2
   */
  public TransE(
      int numEntities,
      int numRelations,
      int dim,
      int p,
      Initializer entityInitializer,
      Initializer relationInitializer,
      SplittableRandom random) {
    super(numEntities, numRelations, dim, dim, LpRegularizer.NONE);
    if (p != 1 && p != 2) {
      throw new IllegalArgumentException("TransE scoring norm must be 1 or 2, got " + p);
    }
    this.p = p;
    initialize(entityInitializer, relationInitializer, random);
  }

  @Override
  public String name() {
    return "transe";
  }

  /** The norm of the score, 1 or 2. */
  public int scoringNorm() {
    return p;
  }

  @Override
  public ScoreRange scoreRange() {
    return ScoreRange.NON_POSITIVE;
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
    return -distance(e, head * width, rel, relation * width, e, tail * width);
  }

  /** {@code ||a + b - c||_p} of three rows. */
  private float distance(float[] a, int ao, float[] b, int bo, float[] c, int co) {
    float sum = 0f;
    if (p == 1) {
      for (int k = 0; k < width; k++) {
        sum += Math.abs(a[ao + k] + b[bo + k] - c[co + k]);
      }
      return sum;
    }
    for (int k = 0; k < width; k++) {
      float d = a[ao + k] + b[bo + k] - c[co + k];
      sum += d * d;
    }
    return (float) Math.sqrt(sum);
  }

  @Override
  public void scoreTails(int head, int relation, float[] out, int offset) {
    float[] q = scratch();
    tailQuery(head, relation, q);
    distancesTo(q, null, numEntities, out, offset);
  }

  @Override
  public void scoreHeads(int relation, int tail, float[] out, int offset) {
    float[] q = scratch();
    headQuery(relation, tail, q);
    distancesTo(q, null, numEntities, out, offset);
  }

  @Override
  public void scoreTails(int head, int relation, int[] tails, int count, float[] out) {
    float[] q = scratch();
    tailQuery(head, relation, q);
    distancesTo(q, tails, count, out, 0);
  }

  @Override
  public void scoreHeads(int relation, int tail, int[] heads, int count, float[] out) {
    float[] q = scratch();
    headQuery(relation, tail, q);
    distancesTo(q, heads, count, out, 0);
  }

  /** {@code q = h + r}: {@code score(h, r, e) = -||q - e||}. */
  private void tailQuery(int head, int relation, float[] q) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ho = head * width;
    int ro = relation * width;
    for (int k = 0; k < width; k++) {
      q[k] = e[ho + k] + rel[ro + k];
    }
  }

  /** {@code q = t - r}: {@code score(e, r, t) = -||e + r - t|| = -||q - e||}. */
  private void headQuery(int relation, int tail, float[] q) {
    float[] e = entities.data();
    float[] rel = relations.data();
    int ro = relation * width;
    int to = tail * width;
    for (int k = 0; k < width; k++) {
      q[k] = e[to + k] - rel[ro + k];
    }
  }

  /**
   * Writes {@code -||q - e||_p} for the entities {@code ids[0, count)} (all when {@code ids} is
   * null) into {@code out[offset + i]}.
   */
  private void distancesTo(float[] q, int[] ids, int count, float[] out, int offset) {
    float[] e = entities.data();
    for (int i = 0; i < count; i++) {
      int off = (ids == null ? i : ids[i]) * width;
      if (p == 1) {
        float sum = 0f;
        for (int k = 0; k < width; k++) {
          sum += Math.abs(q[k] - e[off + k]);
        }
        out[offset + i] = -sum;
      } else {
        out[offset + i] = (float) -Math.sqrt(squaredDistance(q, e, off, width));
      }
    }
  }

  @Override
  public void accumulateGradient(int head, int relation, int tail, float upstream, Gradients out) {
    if (upstream == 0f) {
      return;
    }
    float[] e = entities.data();
    float[] rel = relations.data();
    int ho = head * width;
    int ro = relation * width;
    int to = tail * width;
    float scale = upstream;
    if (p == 2) {
      float norm = distance(e, ho, rel, ro, e, to);
      if (norm == 0f) {
        return;
      }
      scale = upstream / norm;
    }
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int gh = out.entities().touch(head);
    int gt = out.entities().touch(tail);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < width; k++) {
      float d = e[ho + k] + rel[ro + k] - e[to + k];
      // ∂s/∂δ_k times upstream
      float gd = -scale * (p == 1 ? Math.signum(d) : d);
      ge[gh + k] += gd;
      gr[grr + k] += gd;
      ge[gt + k] -= gd;
    }
  }

  @Override
  void tailsGradient(
      int head, int relation, int[] ids, int count, float[] upstream, int offset, Gradients out) {
    float[] s = scratch();
    tailQuery(head, relation, s);
    accumulateDistances(ids, count, upstream, offset, s, out.entities());
    chainTails(head, relation, s, out);
  }

  @Override
  void headsGradient(
      int relation, int tail, int[] ids, int count, float[] upstream, int offset, Gradients out) {
    float[] s = scratch();
    headQuery(relation, tail, s);
    accumulateDistances(ids, count, upstream, offset, s, out.entities());
    chainHeads(relation, tail, s, out);
  }

  /** Given {@code ∂/∂q} in {@code s[width..2 width)} with {@code q = h + r}: adds it to h and r. */
  private void chainTails(int head, int relation, float[] s, Gradients out) {
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int gh = out.entities().touch(head);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < width; k++) {
      float acc = s[width + k];
      ge[gh + k] += acc;
      gr[grr + k] += acc;
    }
  }

  /** Given {@code ∂/∂q} with {@code q = t - r}: adds it to t and subtracts it from r. */
  private void chainHeads(int relation, int tail, float[] s, Gradients out) {
    float[] ge = out.entities().values();
    float[] gr = out.relations().values();
    int gt = out.entities().touch(tail);
    int grr = out.relations().touch(relation);
    for (int k = 0; k < width; k++) {
      float acc = s[width + k];
      ge[gt + k] += acc;
      gr[grr + k] -= acc;
    }
  }

  /**
   * For scores {@code s_e = -||q - e||_p} (q in {@code s[0..width)}; the norm is symmetric, so this
   * covers tails, {@code q - e}, and heads, {@code e - q}) of the entities {@code ids[0, count)}
   * (all when {@code ids} is null) with upstream gradients {@code upstream[offset + i]}: adds
   * {@code g_e u(q - e)} to each entity's gradient and writes {@code -Σ_e g_e u(q - e)}, the
   * gradient with respect to {@code q}, into {@code s[width..2 width)}, where {@code u} is {@code
   * sign} ({@code p = 1}) or {@code δ/||δ||_2} ({@code p = 2}).
   */
  private void accumulateDistances(
      int[] ids, int count, float[] upstream, int offset, float[] s, SparseGradient ge) {
    float[] e = entities.data();
    float[] g = ge.values();
    Arrays.fill(s, width, 2 * width, 0f);
    for (int i = 0; i < count; i++) {
      float gi = upstream[offset + i];
      if (gi == 0f) {
        continue;
      }
      int id = ids == null ? i : ids[i];
      int off = id * width;
      float scale = gi;
      if (p == 2) {
        float sum = squaredDistance(s, e, off, width);
        if (sum == 0f) {
          continue;
        }
        scale = (float) (gi / Math.sqrt(sum));
      }
      int go = ge.touch(id);
      for (int k = 0; k < width; k++) {
        float d = s[k] - e[off + k];
        // ∂(-||q - e||)/∂q = -u(q - e); ∂/∂e = +u(q - e)
        float u = scale * (p == 1 ? Math.signum(d) : d);
        g[go + k] += u;
        s[width + k] -= u;
      }
    }
  }
}
