package org.kge4j.loss.kernel;

/**
 * What one kernel call evaluates: a term of the double-margin loss ({@link MarginTerms}) over a
 * caller's scores, with the arrays it reads and the gradient array it writes. A loss builds one per
 * call; the index range and the gradient scale stay outside, because a call evaluates the same term
 * over many ranges (the chunks of {@link MarginKernels}, or one row at a time, each row with its
 * own scale) without building another.
 *
 * <p>The arrays are the caller's, neither copied nor checked: the kernels read and write them in
 * place.
 */
public sealed interface LossTerm permits LabelledTerm, PositiveTerm, NegativeTerm {
  /** The float32 constants of the loss: activation, margins and weights. */
  MarginTerms terms();

  /** The scores {@code x} the term reads. */
  float[] scores();

  /** The array that receives {@code ∂/∂x} of the scaled term. */
  float[] gradient();

  /**
   * Evaluates this term with {@code kernel} over {@code [from, to)}: the kernel method for this
   * term's kind, with {@code gradScale} as there.
   *
   * @return the term's unreduced sum over the range (NaN for invalid input, see {@link
   *     MarginKernel})
   */
  double sum(MarginKernel kernel, float gradScale, int from, int to);

  /**
   * Checks this term's inputs in {@code [0, to)} after a kernel returned NaN: fails naming the
   * first non-finite score ({@code scoresName} in the message); a {@link LabelledTerm} also checks
   * its labels. Returns normally when every input is valid.
   *
   * @throws IllegalArgumentException naming the first invalid input
   */
  default void requireValid(int to, String scoresName) {
    MarginKernels.requireFinite(scores(), to, scoresName);
  }
}
