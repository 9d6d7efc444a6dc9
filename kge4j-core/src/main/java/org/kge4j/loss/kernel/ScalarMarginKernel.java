package org.kge4j.loss.kernel;

import org.kge4j.loss.MarginActivation;

/**
 * The portable reference implementation of {@link MarginKernel}: plain loops, one element at a
 * time, calling the activation's {@code value} and {@code derivative}. Every faster kernel is
 * tested against this one.
 */
public final class ScalarMarginKernel implements MarginKernel {
  /** The single instance (the kernel is stateless). */
  public static final ScalarMarginKernel INSTANCE = new ScalarMarginKernel();

  private ScalarMarginKernel() {}

  @Override
  public double labelled(LabelledTerm term, float gradScale, int from, int to) {
    MarginTerms terms = term.terms();
    MarginActivation act = terms.activation();
    float lp = terms.positiveMargin();
    float ln = terms.negativeMargin();
    float wp = terms.positiveWeight();
    float wn = terms.negativeWeight();
    float smoothKeep = term.smoothKeep();
    float smoothSpread = term.smoothSpread();
    float[] x = term.scores();
    float[] t = term.labels();
    float[] weights = term.weights();
    float[] grad = term.gradient();
    double sum = 0;
    for (int i = from; i < to; i++) {
      float xi = x[i];
      float ti = t[i];
      if (!(xi - xi == 0f) || !(ti >= 0f && ti <= 1f)) {
        return Double.NaN;
      }
      float label = ti * smoothKeep + (1f - ti) * smoothSpread;
      float complement = 1f - label;
      float zp = lp - xi;
      float zn = ln + xi;
      float s = weights == null ? 1f : weights[i];
      sum += s * ((double) wp * label * act.value(zp) + (double) wn * complement * act.value(zn));
      grad[i] =
          gradScale * s * (wn * complement * act.derivative(zn) - wp * label * act.derivative(zp));
    }
    return sum;
  }

  @Override
  public double positiveTerm(PositiveTerm term, float gradScale, int from, int to) {
    return slcwaTerm(term, true, null, term.multiplicity(), gradScale, from, to);
  }

  @Override
  public double negativeTerm(NegativeTerm term, float gradScale, int from, int to) {
    return slcwaTerm(term, false, term.keep(), null, gradScale, from, to);
  }

  /**
   * Both sLCWA terms in one loop, the reference for them: {@code Σ_{kept} c·a(z)} with {@code z = λ
   * − x} for positives and {@code z = λ̄ + x} for negatives, and {@code grad[i] = ∓
   * gradScale·c·a'(z)} for kept elements, 0 for dropped ones; {@code keep} or {@code multiplicity}
   * null means every element kept, each with {@code c = 1}.
   */
  private static double slcwaTerm(
      LossTerm term,
      boolean positive,
      boolean[] keep,
      float[] multiplicity,
      float gradScale,
      int from,
      int to) {
    MarginTerms terms = term.terms();
    MarginActivation activation = terms.activation();
    float margin = positive ? terms.positiveMargin() : terms.negativeMargin();
    float[] x = term.scores();
    float[] grad = term.gradient();
    float signedScale = positive ? -gradScale : gradScale;
    double sum = 0;
    for (int i = from; i < to; i++) {
      float xi = x[i];
      if (!(xi - xi == 0f)) {
        return Double.NaN;
      }
      if (keep != null && !keep[i]) {
        grad[i] = 0f;
        continue;
      }
      float z = positive ? margin - xi : margin + xi;
      // c = 1 is exact in both products, so the unweighted terms keep their bits.
      float c = multiplicity == null ? 1f : multiplicity[i];
      sum += (double) c * activation.value(z);
      grad[i] = signedScale * c * activation.derivative(z);
    }
    return sum;
  }
}
