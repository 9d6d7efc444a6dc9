package org.kge4j.loss.kernel;

/**
 * The pointwise (LCWA / {@code forward}) term over labelled scores: {@code Σ s·( w+·t'·h(λ − x) +
 * w−·(1 − t')·g(λ̄ + x) )} with smoothed labels {@code t' = t·smoothKeep + (1 − t)·smoothSpread}
 * ({@code smoothKeep = 1, smoothSpread = 0}: no smoothing) and sample weights {@code s} (1 when
 * {@code weights} is null). See {@link MarginKernel#labelled}.
 *
 * @param terms the loss's float32 constants
 * @param scores the predictions {@code x}
 * @param labels the labels {@code t ∈ [0, 1]}, laid out as the scores
 * @param weights the sample weights {@code s}, laid out as the scores, or null for none
 * @param smoothKeep {@code 1 − ε} of label smoothing
 * @param smoothSpread {@code ε / (C − 1)} of label smoothing
 * @param gradient receives {@code ∂/∂x} of the scaled term
 */
public record LabelledTerm(
    MarginTerms terms,
    float[] scores,
    float[] labels,
    float[] weights,
    float smoothKeep,
    float smoothSpread,
    float[] gradient)
    implements LossTerm {
  /** {@link MarginKernel#labelled}. */
  @Override
  public double sum(MarginKernel kernel, float gradScale, int from, int to) {
    return kernel.labelled(this, gradScale, from, to);
  }

  /** The scores must be finite and the labels in [0, 1] (rule R4). */
  @Override
  public void requireValid(int to, String scoresName) {
    LossTerm.super.requireValid(to, scoresName);
    MarginKernels.requireUnitInterval(labels, to);
  }
}
