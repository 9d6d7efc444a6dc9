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
  public double labelled(
      MarginTerms terms,
      float[] x,
      float[] t,
      float[] weights,
      float smoothKeep,
      float smoothSpread,
      float[] grad,
      float gradScale,
      int from,
      int to) {
    MarginActivation act = terms.activation();
    float lp = terms.positiveMargin();
    float ln = terms.negativeMargin();
    float wp = terms.positiveWeight();
    float wn = terms.negativeWeight();
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
  public double positiveTerm(
      MarginActivation activation,
      float margin,
      float[] x,
      float[] multiplicity,
      float[] grad,
      float gradScale,
      int from,
      int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      float xi = x[i];
      if (!(xi - xi == 0f)) {
        return Double.NaN;
      }
      float z = margin - xi;
      float c = multiplicity == null ? 1f : multiplicity[i];
      sum += (double) c * activation.value(z);
      grad[i] = -gradScale * c * activation.derivative(z);
    }
    return sum;
  }

  @Override
  public double negativeTerm(
      MarginActivation activation,
      float margin,
      float[] x,
      boolean[] keep,
      float[] grad,
      float gradScale,
      int from,
      int to) {
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
      float z = margin + xi;
      sum += activation.value(z);
      grad[i] = gradScale * activation.derivative(z);
    }
    return sum;
  }
}
