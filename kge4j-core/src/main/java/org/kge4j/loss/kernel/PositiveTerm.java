package org.kge4j.loss.kernel;

/**
 * The sLCWA positive term over positive scores: {@code Σ c·h(λ − x)} with multiplicities {@code c}
 * (1 when {@code multiplicity} is null). See {@link MarginKernel#positiveTerm}.
 *
 * @param terms the loss's float32 constants ({@code h} and {@code λ})
 * @param scores the positive scores {@code x}
 * @param multiplicity {@code c}, laid out as the scores, or null for 1
 * @param gradient receives {@code ∂/∂x} of the scaled term
 */
public record PositiveTerm(
    MarginTerms terms, float[] scores, float[] multiplicity, float[] gradient) implements LossTerm {
  /** {@link MarginKernel#positiveTerm}. */
  @Override
  public double sum(MarginKernel kernel, float gradScale, int from, int to) {
    return kernel.positiveTerm(this, gradScale, from, to);
  }
}
