package org.kge4j.loss.kernel;

import org.kge4j.loss.MarginActivation;

/**
 * The fast portable {@link MarginKernel}: plain Java, no Vector API, used when {@code
 * jdk.incubator.vector} is absent (see {@link MarginKernels}). Same contract and formulas as {@link
 * ScalarMarginKernel}, which it is tested against, with three differences that make it several
 * times faster:
 *
 * <ul>
 *   <li>ReLU is branch-free: the sign of {@code z} becomes an all-ones/all-zeros bit mask that
 *       selects {@code z} (value) and the gradient coefficient (derivative {@code [z > 0]}); a
 *       compare-and-branch per element would mispredict on half of all scores.
 *   <li>Softplus uses {@link SoftplusMath} instead of {@code Math.log1p(Math.exp(z))} in double.
 *   <li>Sums run in float over blocks of {@value #BLOCK} elements, each block folded into the
 *       double total: all terms are non-negative, so a block's relative error is at most {@code
 *       BLOCK·2^-24 ≈ 7.6e-6} (typically far less), independent of the input size. Invalid input is
 *       detected without a branch per element: the largest exponent field seen (all ones only for
 *       NaN and ±∞; an integer max, so no long floating-point dependency chain) and {@code t·(1 −
 *       t) >= 0} (false for a label outside [0, 1] or NaN).
 * </ul>
 *
 * Activations other than {@link MarginActivation#RELU} and {@link MarginActivation#SOFTPLUS} go to
 * {@link ScalarMarginKernel}.
 */
public final class PortableMarginKernel implements MarginKernel {
  /** The single instance (the kernel is stateless). */
  public static final PortableMarginKernel INSTANCE = new PortableMarginKernel();

  /** The exponent field of a float: all ones for NaN and ±∞. */
  private static final int EXPONENT = 0x7F800000;

  /** Elements summed in float before folding into double. */
  static final int BLOCK = 128;

  private PortableMarginKernel() {}

  /** All ones when {@code z > 0} (NaN excluded), else 0: the branch-free {@code [z > 0]}. */
  static int positiveMask(float z) {
    // Positive floats (and only they, among non-NaN values) have positive int bits; -0.0 is
    // Integer.MIN_VALUE, whose negation overflows, hence the long arithmetic.
    return (int) ((0L - Float.floatToRawIntBits(z)) >> 63);
  }

  /** {@code mask == -1 ? v : +0.0}. */
  static float select(int mask, float v) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(v) & mask);
  }

  @Override
  public double labelled(LabelledTerm term, float gradScale, int from, int to) {
    MarginTerms terms = term.terms();
    MarginActivation act = terms.activation();
    boolean relu = act == MarginActivation.RELU;
    if (!relu && act != MarginActivation.SOFTPLUS) {
      return ScalarMarginKernel.INSTANCE.labelled(term, gradScale, from, to);
    }
    float[] x = term.scores();
    float[] t = term.labels();
    float[] weights = term.weights();
    float smoothKeep = term.smoothKeep();
    float smoothSpread = term.smoothSpread();
    float[] grad = term.gradient();
    float lp = terms.positiveMargin();
    float ln = terms.negativeMargin();
    float cp = gradScale * terms.positiveWeight();
    float cn = gradScale * terms.negativeWeight();
    double positive = 0;
    double negative = 0;
    int exponents = 0;
    boolean labelsValid = true;
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      float blockPositive = 0f;
      float blockNegative = 0f;
      for (int i = start; i < end; i++) {
        float xi = x[i];
        float ti = t[i];
        float ui = 1f - ti;
        exponents = Math.max(exponents, Float.floatToRawIntBits(xi) & EXPONENT);
        labelsValid &= ti * ui >= 0f;
        float label = ti * smoothKeep + ui * smoothSpread;
        float complement = 1f - label;
        float s = weights == null ? 1f : weights[i];
        float zp = lp - xi;
        float zn = ln + xi;
        float hp;
        float dp;
        float hn;
        float dn;
        if (relu) {
          int mp = positiveMask(zp);
          int mn = positiveMask(zn);
          hp = select(mp, zp);
          dp = select(mp, 1f);
          hn = select(mn, zn);
          dn = select(mn, 1f);
        } else {
          float up = SoftplusMath.expNegative(Math.abs(zp));
          float un = SoftplusMath.expNegative(Math.abs(zn));
          hp = SoftplusMath.softplus(zp, up);
          dp = SoftplusMath.sigmoid(zp, up);
          hn = SoftplusMath.softplus(zn, un);
          dn = SoftplusMath.sigmoid(zn, un);
        }
        blockPositive = Math.fma(s * label, hp, blockPositive);
        blockNegative = Math.fma(s * complement, hn, blockNegative);
        grad[i] = s * (cn * complement * dn - cp * label * dp);
      }
      positive += blockPositive;
      negative += blockNegative;
    }
    if (!labelsValid || exponents == EXPONENT) {
      return Double.NaN;
    }
    return terms.positiveWeight() * positive + terms.negativeWeight() * negative;
  }

  @Override
  public double positiveTerm(PositiveTerm term, float gradScale, int from, int to) {
    MarginActivation activation = term.terms().activation();
    boolean relu = activation == MarginActivation.RELU;
    if (!relu && activation != MarginActivation.SOFTPLUS) {
      return ScalarMarginKernel.INSTANCE.positiveTerm(term, gradScale, from, to);
    }
    float margin = term.terms().positiveMargin();
    float[] x = term.scores();
    float[] multiplicity = term.multiplicity();
    float[] grad = term.gradient();
    double sum = 0;
    int exponents = 0;
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      float block = 0f;
      for (int i = start; i < end; i++) {
        float xi = x[i];
        exponents = Math.max(exponents, Float.floatToRawIntBits(xi) & EXPONENT);
        float z = margin - xi;
        float c = multiplicity == null ? 1f : multiplicity[i];
        float h;
        float d;
        if (relu) {
          int m = positiveMask(z);
          h = select(m, z);
          d = select(m, 1f);
        } else {
          float u = SoftplusMath.expNegative(Math.abs(z));
          h = SoftplusMath.softplus(z, u);
          d = SoftplusMath.sigmoid(z, u);
        }
        block = Math.fma(c, h, block);
        grad[i] = -gradScale * c * d;
      }
      sum += block;
    }
    return exponents == EXPONENT ? Double.NaN : sum;
  }

  @Override
  public double negativeTerm(NegativeTerm term, float gradScale, int from, int to) {
    MarginActivation activation = term.terms().activation();
    boolean relu = activation == MarginActivation.RELU;
    if (!relu && activation != MarginActivation.SOFTPLUS) {
      return ScalarMarginKernel.INSTANCE.negativeTerm(term, gradScale, from, to);
    }
    float margin = term.terms().negativeMargin();
    float[] x = term.scores();
    boolean[] keep = term.keep();
    float[] grad = term.gradient();
    double sum = 0;
    int exponents = 0;
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      float block = 0f;
      for (int i = start; i < end; i++) {
        float xi = x[i];
        exponents = Math.max(exponents, Float.floatToRawIntBits(xi) & EXPONENT);
        float z = margin + xi;
        float h;
        float d;
        if (relu) {
          int m = positiveMask(z);
          h = select(m, z);
          d = select(m, gradScale);
        } else {
          float u = SoftplusMath.expNegative(Math.abs(z));
          h = SoftplusMath.softplus(z, u);
          d = gradScale * SoftplusMath.sigmoid(z, u);
        }
        if (keep != null) {
          // A dropped negative contributes nothing: mask rather than branch.
          int k = keep[i] ? -1 : 0;
          h = select(k, h);
          d = select(k, d);
        }
        block += h;
        grad[i] = d;
      }
      sum += block;
    }
    return exponents == EXPONENT ? Double.NaN : sum;
  }

  @Override
  public String toString() {
    return "portable scalar";
  }
}
