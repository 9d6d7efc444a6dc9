package org.kge4j.loss.kernel;

/**
 * Fused one-pass forward-and-backward primitives of the double-margin loss over an index range
 * {@code [from, to)} of a {@link LossTerm}'s arrays. Each returns the (unreduced) sum of its term
 * in double and writes {@code ∂/∂x} of the caller's scaled term into {@code gradient[from, to)};
 * reductions and weights {@code w+}, {@code w−} outside the element-wise sum are applied by the
 * caller.
 *
 * <p>Contract for invalid input: if any score in the range is not finite, or (for {@link
 * #labelled}) any label lies outside [0, 1] or is NaN, the returned sum is NaN; the caller then
 * reports the offending element. Gradients written for such a call are unspecified.
 *
 * <p>Implementations must be stateless and thread-safe; distinct ranges may run concurrently. They
 * read the term's fields once per call, before their loops.
 */
public interface MarginKernel {
  /**
   * The pointwise (LCWA / {@code forward}) term with optional label smoothing and sample weights.
   * With {@code t' = t·smoothKeep + (1 − t)·smoothSpread} and {@code s = weights == null ? 1 :
   * weights[i]}:
   *
   * <pre>
   *   returns      Σ s·( w+·t'·h(λ − x) + w−·(1 − t')·g(λ̄ + x) )
   *   gradient[i] = gradScale·s·( −w+·t'·h'(λ − x) + w−·(1 − t')·g'(λ̄ + x) )
   * </pre>
   *
   * {@code smoothKeep = 1, smoothSpread = 0} means no smoothing.
   */
  double labelled(LabelledTerm term, float gradScale, int from, int to);

  /**
   * The positive term {@code Σ c·h(λ − x)} with {@code c = multiplicity == null ? 1 :
   * multiplicity[i]}; {@code gradient[i] = −gradScale·c·h'(λ − x)}.
   */
  double positiveTerm(PositiveTerm term, float gradScale, int from, int to);

  /**
   * The negative term {@code Σ_{kept} g(λ̄ + x)}, where every element is kept when {@code keep} is
   * null; {@code gradient[i] = kept ? gradScale·g'(λ̄ + x) : 0}.
   */
  double negativeTerm(NegativeTerm term, float gradScale, int from, int to);
}
