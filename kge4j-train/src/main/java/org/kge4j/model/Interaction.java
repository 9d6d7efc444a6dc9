package org.kge4j.model;

import org.kge4j.linalg.BlockOp;
import org.kge4j.linalg.DenseKernel;

/**
 * How a model's query meets a candidate entity. Every built-in model scores {@code (h, r, t)} as
 * {@code interaction(q(h, r), t)} for tail prediction and {@code interaction(q'(r, t), h)} for head
 * prediction, with a query computed once per {@code (h, r)} or {@code (r, t)}:
 *
 * <pre>
 *   DOT           s = &lt;q, e&gt;                 ∂s/∂q = e,               ∂s/∂e = q
 *   NEGATIVE_L1   s = −Σ_k |q_k − e_k|        ∂s/∂q = −sign(q − e),    ∂s/∂e = sign(q − e)
 *   NEGATIVE_L2   s = −||q − e||_2            ∂s/∂q = −(q − e)/||q − e||, ∂s/∂e = (q − e)/||q − e||
 * </pre>
 *
 * with PyTorch's subgradients at the kinks: {@code sign(0) = 0}, and a zero gradient of the L2 norm
 * at {@code q = e}. Scoring many candidates at once is then one {@link BlockOp} of the queries
 * against the entity rows ({@link DenseKernel#accumulate} on a block, {@link
 * DenseKernel#reduceRows} on gathered rows), followed by {@link #finish}.
 */
public enum Interaction {
  /** {@code <q, e>} (DistMult, ComplEx). */
  DOT(BlockOp.DOT),
  /** {@code −||q − e||_1} (TransE with p = 1). */
  NEGATIVE_L1(BlockOp.ABSOLUTE_DIFFERENCE),
  /** {@code −||q − e||_2} (TransE with p = 2, RotatE). */
  NEGATIVE_L2(BlockOp.SQUARED_DIFFERENCE);

  private final BlockOp blockOp;

  Interaction(BlockOp blockOp) {
    this.blockOp = blockOp;
  }

  /** The block operation whose accumulated value {@link #finish} turns into a score. */
  public BlockOp blockOp() {
    return blockOp;
  }

  /**
   * The interval every score of this interaction lies in: a dot product takes any real value, a
   * negative distance none above 0.
   */
  public ScoreRange scoreRange() {
    return this == DOT ? ScoreRange.UNBOUNDED : ScoreRange.NON_POSITIVE;
  }

  /**
   * The score from the block operation's accumulated value: {@code c}, {@code −c} or {@code
   * −sqrt(c)}.
   */
  public float finish(float accumulated) {
    switch (this) {
      case DOT:
        return accumulated;
      case NEGATIVE_L1:
        return -accumulated;
      default:
        return (float) -Math.sqrt(accumulated);
    }
  }

  /** Applies {@link #finish(float)} to {@code x[offset, offset + n)} with {@code kernel}. */
  public void finish(DenseKernel kernel, float[] x, int offset, int n) {
    if (this == NEGATIVE_L1) {
      kernel.negate(x, offset, n);
    } else if (this == NEGATIVE_L2) {
      kernel.negativeSqrt(x, offset, n);
    }
  }

  /**
   * The score of query {@code q} against row {@code e}, both {@code n} floats, with the row kernel.
   */
  public float score(DenseKernel kernel, float[] q, int qOffset, float[] e, int eOffset, int n) {
    return finish(kernel.reduce(blockOp, q, qOffset, e, eOffset, n));
  }

  /**
   * The summed gradient of several interactions with respect to their common side: {@code out = Σ_i
   * upstream[i] · ∂s(self, other_i)/∂self}, where {@code s(self, other_i) = scores[i]} and {@code
   * other_i} is {@code rows[i]} from {@code offsets[i]} ({@code n} floats). All three interactions
   * are symmetric in this respect, so {@code self} may be a query (its candidates are the others)
   * or a candidate row (the queries it met are the others):
   *
   * <pre>
   *   DOT           Σ g_i·o_i
   *   NEGATIVE_L2   Σ c_i·o_i − (Σ c_i)·self,  c_i = g_i / ||self − o_i|| (0 at distance 0)
   *   NEGATIVE_L1   Σ −g_i·sign(self − o_i)
   * </pre>
   *
   * The dot and L2 forms are one {@link DenseKernel#weightedSum}; {@code weights} is scratch space
   * of {@code count} floats. Overwrites {@code out[outOffset, outOffset + n)}.
   */
  public void gradientSum(
      DenseKernel kernel,
      float[] self,
      int selfOffset,
      float[][] rows,
      int[] offsets,
      float[] upstream,
      float[] scores,
      int count,
      float[] weights,
      float[] out,
      int outOffset,
      int n) {
    switch (this) {
      case DOT:
        kernel.weightedSum(rows, offsets, upstream, count, n, out, outOffset);
        return;
      case NEGATIVE_L2:
        float total = 0f;
        for (int i = 0; i < count; i++) {
          weights[i] = scores[i] == 0f ? 0f : upstream[i] / -scores[i];
          total += weights[i];
        }
        kernel.weightedSum(rows, offsets, weights, count, n, out, outOffset);
        kernel.axpy(-total, self, selfOffset, out, outOffset, n);
        return;
      default:
        java.util.Arrays.fill(out, outOffset, outOffset + n, 0f);
        for (int i = 0; i < count; i++) {
          if (upstream[i] != 0f) {
            kernel.axpySignDifference(
                -upstream[i], self, selfOffset, rows[i], offsets[i], out, outOffset, n);
          }
        }
    }
  }

  /**
   * The score of one candidate with the block operation's exact chain (what a block computes for
   * this pair, bit for bit), for ranks that must agree with block-scored candidates.
   */
  public float chainScore(float[] q, int qOffset, float[] e, int eOffset, int n) {
    float c = 0f;
    for (int k = 0; k < n; k++) {
      c = blockOp.apply(c, q[qOffset + k], e[eOffset + k]);
    }
    return finish(c);
  }

  /**
   * Adds {@code upstream · ∂s/∂q} into {@code dq} and {@code upstream · ∂s/∂e} into {@code de}
   * (either may be null to skip it), for {@code s = score}, the score of {@code q} against {@code
   * e}; the L2 form reads the norm from the score.
   */
  public void backward(
      DenseKernel kernel,
      float upstream,
      float score,
      float[] q,
      int qOffset,
      float[] e,
      int eOffset,
      float[] dq,
      int dqOffset,
      float[] de,
      int deOffset,
      int n) {
    if (upstream == 0f) {
      return;
    }
    switch (this) {
      case DOT:
        if (dq != null) {
          kernel.axpy(upstream, e, eOffset, dq, dqOffset, n);
        }
        if (de != null) {
          kernel.axpy(upstream, q, qOffset, de, deOffset, n);
        }
        return;
      case NEGATIVE_L1:
        if (dq != null) {
          kernel.axpySignDifference(-upstream, q, qOffset, e, eOffset, dq, dqOffset, n);
        }
        if (de != null) {
          kernel.axpySignDifference(upstream, q, qOffset, e, eOffset, de, deOffset, n);
        }
        return;
      default:
        if (score == 0f) {
          return;
        }
        float c = upstream / -score;
        if (dq != null) {
          kernel.axpyDifference(-c, q, qOffset, e, eOffset, dq, dqOffset, n);
        }
        if (de != null) {
          kernel.axpyDifference(c, q, qOffset, e, eOffset, de, deOffset, n);
        }
    }
  }
}
