package org.kge4j.loss.kernel;

import org.kge4j.loss.MarginActivation;

/**
 * Fused one-pass forward-and-backward primitives of the double-margin loss over an index range
 * {@code [from, to)}. Each returns the (unreduced) sum of its term in double and writes {@code
 * ∂/∂x} of the caller's scaled term into {@code grad[from, to)}; reductions and weights {@code w+},
 * {@code w−} outside the element-wise sum are applied by the caller.
 *
 * <p>Contract for invalid input: if any score in the range is not finite, or (for {@link
 * #labelled}) any label lies outside [0, 1] or is NaN, the returned sum is NaN; the caller then
 * reports the offending element. Gradients written for such a call are unspecified.
 *
 * <p>Implementations must be stateless and thread-safe; distinct ranges may run concurrently.
 */
public interface MarginKernel {
  /**
   * The pointwise (LCWA / {@code forward}) term with optional label smoothing and sample weights.
   * With {@code t' = t·smoothKeep + (1 − t)·smoothSpread} and {@code s = weights == null ? 1 :
   * weights[i]}:
   *
   * <pre>
   *   returns  Σ s·( w+·t'·h(λ − x) + w−·(1 − t')·g(λ̄ + x) )
   *   grad[i] = gradScale·s·( −w+·t'·h'(λ − x) + w−·(1 − t')·g'(λ̄ + x) )
   * </pre>
   *
   * {@code smoothKeep = 1, smoothSpread = 0} means no smoothing.
   */
  double labelled(
      MarginTerms terms,
      float[] x,
      float[] t,
      float[] weights,
      float smoothKeep,
      float smoothSpread,
      float[] grad,
      float gradScale,
      int from,
      int to);

  /**
   * The positive term {@code Σ c·h(λ − x)} with {@code c = multiplicity == null ? 1 :
   * multiplicity[i]}; {@code grad[i] = −gradScale·c·h'(λ − x)}.
   */
  double positiveTerm(
      MarginActivation activation,
      float margin,
      float[] x,
      float[] multiplicity,
      float[] grad,
      float gradScale,
      int from,
      int to);

  /**
   * The negative term {@code Σ_{kept} g(λ̄ + x)}, where every element is kept when {@code keep} is
   * null; {@code grad[i] = kept ? gradScale·g'(λ̄ + x) : 0}.
   */
  double negativeTerm(
      MarginActivation activation,
      float margin,
      float[] x,
      boolean[] keep,
      float[] grad,
      float gradScale,
      int from,
      int to);
}
