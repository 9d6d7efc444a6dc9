package org.kge4j.loss;

/**
 * A plain double-precision transcription of PyKEEN's formulas, independent of the kernels: {@code
 * w+·R(t·h(λ − x)) + w−·R((1 − t)·g(λ̄ + x))} on already-broadcast arrays, and the sLCWA forms.
 * Used to check the production code by finite differences and cross-checks.
 */
record ReferenceLoss(
    double positiveMargin,
    double negativeMargin,
    double positiveWeight,
    boolean softplus,
    boolean mean) {
  static ReferenceLoss of(DoubleMarginLoss loss) {
    return new ReferenceLoss(
        loss.positiveMargin(),
        loss.negativeMargin(),
        loss.positiveWeight(),
        loss.marginActivation() == MarginActivation.SOFTPLUS,
        loss.reduction() == Reduction.MEAN);
  }

  double activation(double z) {
    if (softplus) {
      return z > 20 ? z : Math.log1p(Math.exp(z));
    }
    return Math.max(0, z);
  }

  /** The pointwise loss with optional per-element weights (null = all 1). */
  double pointwise(double[] x, double[] t, double[] w) {
    double positive = 0;
    double negative = 0;
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double s = w == null ? 1 : w[i];
      positive += s * t[i] * activation(positiveMargin - x[i]);
      negative += s * (1 - t[i]) * activation(negativeMargin + x[i]);
      total += s;
    }
    double denominator = mean ? Math.max(total, 1e-12) : 1;
    return positiveWeight * positive / denominator + (1 - positiveWeight) * negative / denominator;
  }

  /** Dense sLCWA: positives (B), negatives (B·K). */
  double denseSlcwa(double[] positives, double[] negatives, int k) {
    double positive = 0;
    for (double p : positives) {
      positive += activation(positiveMargin - p);
    }
    double negative = 0;
    for (double n : negatives) {
      negative += activation(negativeMargin + n);
    }
    if (mean) {
      return positiveWeight * positive / positives.length
          + (1 - positiveWeight) * negative / negatives.length;
    }
    return positiveWeight * positive * k + (1 - positiveWeight) * negative;
  }

  /** Filtered sLCWA: positives (B), dense negatives (B·K) of which {@code keep} selects some. */
  double filteredSlcwa(double[] positives, double[] negatives, boolean[] keep, int k) {
    double positive = 0;
    double negative = 0;
    int kept = 0;
    for (int j = 0; j < negatives.length; j++) {
      if (keep[j]) {
        positive += activation(positiveMargin - positives[j / k]);
        negative += activation(negativeMargin + negatives[j]);
        kept++;
      }
    }
    if (kept == 0) {
      return 0;
    }
    double denominator = mean ? kept : 1;
    return (positiveWeight * positive + (1 - positiveWeight) * negative) / denominator;
  }
}
