package org.kge4j.loss.kernel;

/**
 * Fast float32 softplus and sigmoid for the kernels, accurate to a few ulp:
 * <pre>
 *   softplus(z) = max(z, 0) + log1p(u),   sigmoid(z) = z > 0 ? 1/(1 + u) : u/(1 + u),   u = exp(−|z|)
 * </pre>
 * which equals PyTorch's {@code Softplus(threshold=20)} and its derivative: above 20, {@code u < 2.1e-9}
 * vanishes in float32 ({@code z + log1p(u)} rounds to {@code z}, {@code 1/(1 + u)} to 1), so the
 * threshold needs no branch. Only {@code u ∈ (0, 1]} is ever needed, which keeps both
 * approximations short:
 * <ul>
 *   <li>{@code exp(y)}, {@code y ∈ [−87.3, 0]} (smaller {@code y} is clamped there; the true value
 *       is below 1.2e-38 anyway): {@code y = n·ln2 + r} with {@code |r| <= ln2/2} ({@code ln2} split
 *       in two parts, Cody–Waite), the Cephes degree-7 polynomial for {@code exp(r)}, and {@code 2^n}
 *       added to the exponent bits. The rounding of {@code y·log2(e)} to {@code n} uses the
 *       {@code 1.5·2^23} shifter, whose low mantissa bits then hold {@code n}.</li>
 *   <li>{@code log1p(u) = 2·atanh(s)}, {@code s = u/(2 + u) ∈ [0, 1/3]}:
 *       {@code 2s·(1 + w/3 + w²/5 + … + w⁶/13)}, {@code w = s²}; the first omitted term is below
 *       {@code (1/9)^7/15 = 1.4e-8} relative. Unlike {@code log(1 + u)} this keeps full relative
 *       accuracy for tiny {@code u}.</li>
 * </ul>
 * The test {@code SoftplusMathTest} sweeps {@code z} densely against double-precision values; the
 * SIMD kernel evaluates the same formulas lane-wise with the same constants.
 */
public final class SoftplusMath {
    /** Smallest argument of {@link #expNonPositive}: {@code exp(−87.3)} is still a normal float. */
    public static final float EXP_LOWER_LIMIT = -87.3f;
    /** {@code log2(e)}. */
    public static final float LOG2E = 1.44269504088896341f;
    /** {@code 1.5·2^23}: adding it rounds a float of magnitude below 2^22 to an integer. */
    public static final float SHIFTER = 12582912f;
    /** High part of {@code ln 2} (exact in few bits, so {@code n·LN2_HIGH} is exact). */
    public static final float LN2_HIGH = 0.693359375f;
    /** Low part of {@code ln 2}: {@code ln 2 − LN2_HIGH}. */
    public static final float LN2_LOW = -2.12194440e-4f;
    /** Cephes {@code expf} coefficients of {@code (exp(r) − 1 − r)/r²}, highest degree first. */
    public static final float EXP_C5 = 1.9875691500e-4f;
    /** See {@link #EXP_C5}. */
    public static final float EXP_C4 = 1.3981999507e-3f;
    /** See {@link #EXP_C5}. */
    public static final float EXP_C3 = 8.3334519073e-3f;
    /** See {@link #EXP_C5}. */
    public static final float EXP_C2 = 4.1665795894e-2f;
    /** See {@link #EXP_C5}. */
    public static final float EXP_C1 = 1.6666665459e-1f;
    /** See {@link #EXP_C5}. */
    public static final float EXP_C0 = 5.0000001201e-1f;
    /** Coefficients {@code 1/(2k + 1)} of the {@code atanh} series in {@code w = s²}, highest first. */
    public static final float LOG_C6 = 1f / 13f;
    /** See {@link #LOG_C6}. */
    public static final float LOG_C5 = 1f / 11f;
    /** See {@link #LOG_C6}. */
    public static final float LOG_C4 = 1f / 9f;
    /** See {@link #LOG_C6}. */
    public static final float LOG_C3 = 1f / 7f;
    /** See {@link #LOG_C6}. */
    public static final float LOG_C2 = 1f / 5f;
    /** See {@link #LOG_C6}. */
    public static final float LOG_C1 = 1f / 3f;

    private SoftplusMath() {
    }

    /**
     * {@code exp(y)} for {@code y <= 0}; arguments below {@link #EXP_LOWER_LIMIT} are clamped to it.
     * NaN gives NaN.
     */
    public static float expNonPositive(float y) {
        float clamped = y < EXP_LOWER_LIMIT ? EXP_LOWER_LIMIT : y;
        float shifted = Math.fma(clamped, LOG2E, SHIFTER);
        float n = shifted - SHIFTER;
        float r = Math.fma(n, -LN2_HIGH, clamped);
        r = Math.fma(n, -LN2_LOW, r);
        float p = Math.fma(EXP_C5, r, EXP_C4);
        p = Math.fma(p, r, EXP_C3);
        p = Math.fma(p, r, EXP_C2);
        p = Math.fma(p, r, EXP_C1);
        p = Math.fma(p, r, EXP_C0);
        p = Math.fma(p, r * r, r) + 1f;
        // The shifter's low mantissa bits hold n; shifted into the exponent field they scale by 2^n.
        return Float.intBitsToFloat(Float.floatToRawIntBits(p) + (Float.floatToRawIntBits(shifted) << 23));
    }

    /** {@code log1p(u)} for {@code u ∈ [0, 1]}. */
    public static float log1pUnit(float u) {
        float s = u / (2f + u);
        float w = s * s;
        float q = Math.fma(LOG_C6, w, LOG_C5);
        q = Math.fma(q, w, LOG_C4);
        q = Math.fma(q, w, LOG_C3);
        q = Math.fma(q, w, LOG_C2);
        q = Math.fma(q, w, LOG_C1);
        q = Math.fma(q, w, 1f);
        return (s + s) * q;
    }

    /** {@code softplus(z) = log1p(exp(z))}, exactly {@code z} above 20 as PyTorch. */
    public static float softplus(float z) {
        float u = expNonPositive(-Math.abs(z));
        return (z > 0f ? z : 0f) + log1pUnit(u);
    }

    /** {@code softplus'(z) = sigmoid(z)}, exactly 1 above 20 as PyTorch. */
    public static float sigmoid(float z) {
        float u = expNonPositive(-Math.abs(z));
        float r = 1f / (1f + u);
        return z > 0f ? r : u * r;
    }
}
