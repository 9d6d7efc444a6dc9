package org.kge4j.loss.kernel;

/**
 * Fast float32 softplus and sigmoid for the kernels, accurate to a few float ulp (6e-7 relative):
 *
 * <pre>
 *   softplus(z) = max(z, 0) + log1p(u),   sigmoid(z) = z > 0 ? 1/(1 + u) : u/(1 + u),   u = exp(−|z|)
 * </pre>
 *
 * which equals PyTorch's {@code Softplus(threshold=20)} and its derivative: above 20, {@code u <
 * 2.1e-9} vanishes in float32 ({@code z + log1p(u)} rounds to {@code z}, {@code 1/(1 + u)} to 1),
 * so the threshold needs no branch. Only {@code u ∈ (0, 1]} is ever needed, which keeps both
 * approximations short:
 *
 * <ul>
 *   <li>{@code exp(−a)}, {@code a = |z| ∈ [0, 87.3]} (larger {@code a} is clamped there; the true
 *       value is below 1.2e-38 anyway): {@code −a = n·ln2 − m} with {@code |m| <= ln2/2}, reduced
 *       in one step with {@code ln2} rounded to float (1.9e-9 too large: at most {@code 126·1.9e-9
 *       = 2.4e-7} relative error, only where {@code u < 1e-30}), {@code exp(−m) = 1 − m + m²·Q(m)}
 *       with a cubic minimax {@code Q} (relative error 1.1e-7), and {@code 2^n} added to the
 *       exponent bits. The rounding of {@code −a·log2(e)} to {@code n} uses the {@code 1.5·2^23}
 *       shifter, whose low mantissa bits then hold {@code n}.
 *   <li>{@code log1p(u) = 2·atanh(s)}, {@code s = u/(2 + u) ∈ [0, 1/3]}: {@code s·(2 + w·R(w))},
 *       {@code w = s² <= 1/9}, with a quadratic minimax {@code R} (relative error 1.9e-7). Unlike
 *       {@code log(1 + u)} this keeps full relative accuracy for tiny {@code u}.
 * </ul>
 *
 * Together at most 6e-7 relative error, 17 times inside the parity tolerance (1e-5 relative); one
 * degree more in each polynomial gives 5e-7 but costs the LCWA kernel 5 % of its speed. The test
 * {@code SoftplusMathTest} sweeps {@code z} densely against double-precision values; the SIMD
 * kernel evaluates the same formulas lane-wise, operation for operation, with the same constants,
 * so both kernels give the same activations.
 */
public final class SoftplusMath {
  /**
   * Largest argument {@code a} of {@link #expNegative}: {@code exp(−87.3)} is still a normal float.
   */
  public static final float EXP_ARGUMENT_LIMIT = 87.3f;

  /** {@code log2(e)}. */
  public static final float LOG2E = 1.44269504088896341f;

  /** {@code 1.5·2^23}: adding it rounds a float of magnitude below 2^22 to an integer. */
  public static final float SHIFTER = 12582912f;

  /** {@code ln 2} rounded to float. */
  public static final float LN2 = 0.6931471824645996f;

  /**
   * Minimax {@code Q(m) = Q0 − Q1·m + Q2·m² − Q3·m³ ≈ (exp(−m) − 1 + m)/m²}, {@code |m| <= ln2/2}.
   */
  public static final float EXP_Q0 = 0.4999923f;

  /** See {@link #EXP_Q0}. */
  public static final float EXP_Q1 = 0.16667114f;

  /** See {@link #EXP_Q0}. */
  public static final float EXP_Q2 = 0.041890115f;

  /** See {@link #EXP_Q0}. */
  public static final float EXP_Q3 = 0.008312525f;

  /** Minimax {@code R(w) = R0 + R1·w + R2·w² ≈ (2·atanh(s)/s − 2)/w}, {@code w = s² <= 1/9}. */
  public static final float LOG_R0 = 0.6667348f;

  /** See {@link #LOG_R0}. */
  public static final float LOG_R1 = 0.3963597f;

  /** See {@link #LOG_R0}. */
  public static final float LOG_R2 = 0.33983555f;

  private SoftplusMath() {}

  /**
   * {@code exp(−a)} for {@code a >= 0}; arguments above {@link #EXP_ARGUMENT_LIMIT} are clamped to
   * it. NaN gives NaN.
   */
  public static float expNegative(float a) {
    float clamped = Math.min(a, EXP_ARGUMENT_LIMIT);
    float shifted = Math.fma(clamped, -LOG2E, SHIFTER);
    float n = shifted - SHIFTER;
    float m = Math.fma(n, LN2, clamped);
    float m2 = m * m;
    float q = Math.fma(Math.fma(m, -EXP_Q3, EXP_Q2), m2, Math.fma(m, -EXP_Q1, EXP_Q0));
    float p = Math.fma(m2, q, 1f - m);
    // The shifter's low mantissa bits hold n; shifted into the exponent field they scale by 2^n.
    return Float.intBitsToFloat(
        Float.floatToRawIntBits(p) + (Float.floatToRawIntBits(shifted) << 23));
  }

  /** {@code log1p(u)} for {@code u ∈ [0, 1]}. */
  public static float log1pUnit(float u) {
    float s = u / (u + 2f);
    return s * atanhSeries(s);
  }

  /** {@code 2·atanh(s)/s = 2 + w·R(w)}, {@code w = s²}. */
  private static float atanhSeries(float s) {
    float w = s * s;
    float r = Math.fma(Math.fma(w, LOG_R2, LOG_R1), w, LOG_R0);
    return Math.fma(r, w, 2f);
  }

  /** {@code softplus(z) = log1p(exp(z))}, exactly {@code z} above 20 as PyTorch. */
  public static float softplus(float z) {
    return softplus(z, expNegative(Math.abs(z)));
  }

  /** {@code softplus'(z) = sigmoid(z)}, exactly 1 above 20 as PyTorch. */
  public static float sigmoid(float z) {
    return sigmoid(z, expNegative(Math.abs(z)));
  }

  /**
   * {@link #softplus(float)} from {@code u = expNegative(|z|)}, which {@link #sigmoid(float,
   * float)} shares: kernels that need both evaluate the exponential once.
   */
  static float softplus(float z, float u) {
    float s = u / (u + 2f);
    return Math.fma(s, atanhSeries(s), z > 0f ? z : 0f);
  }

  /** {@link #sigmoid(float)} from {@code u = expNegative(|z|)}. */
  static float sigmoid(float z, float u) {
    float r = 1f / (u + 1f);
    return z > 0f ? r : u * r;
  }
}
