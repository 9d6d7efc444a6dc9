package org.kge4j.loss.kernel;

/**
 * The sLCWA negative term over negative scores: {@code Σ_{kept} g(λ̄ + x)}, every element kept when
 * {@code keep} is null. See {@link MarginKernel#negativeTerm}.
 *
 * @param terms the loss's float32 constants ({@code g} and {@code λ̄})
 * @param scores the negative scores {@code x}
 * @param keep the batch filter, laid out as the scores, or null to keep all
 * @param gradient receives {@code ∂/∂x} of the scaled term (0 for a dropped element)
 */
public record NegativeTerm(MarginTerms terms, float[] scores, boolean[] keep, float[] gradient)
    implements LossTerm {
  /** {@link MarginKernel#negativeTerm}. */
  @Override
  public double sum(MarginKernel kernel, float gradScale, int from, int to) {
    return kernel.negativeTerm(this, gradScale, from, to);
  }
}
