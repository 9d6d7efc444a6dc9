package org.kge4j.linalg;

/**
 * The coefficients of one step of PyTorch's Adam, the same for every value of a step, and the
 * step's float arithmetic, in this order:
 *
 * <pre>
 *   m += (1 − β1)·(g − m)
 *   v  = v·β2 + (1 − β2)·g·g          (dense Adam)
 *   v += (1 − β2)·(g·g − v)           (lazy: SparseAdam on a touched row; beta2 unused)
 *   x −= stepSize · (m / (sqrt(v)/sqrtBiasCorrection2 + eps))
 * </pre>
 *
 * SparseAdam folds both bias corrections into {@code stepSize}: a lazy step has {@code
 * sqrtBiasCorrection2 = 1}, which divides exactly. Every kernel ({@link DenseKernel#adamStep})
 * gives the bits of {@link #apply}: no fused multiply-adds.
 *
 * @param lazy whether the second moment follows SparseAdam's update
 * @param stepSize the learning rate with the bias corrections folded in as the optimizer does
 * @param oneMinusBeta1 {@code 1 − β1}
 * @param beta2 {@code β2}
 * @param oneMinusBeta2 {@code 1 − β2}
 * @param sqrtBiasCorrection2 {@code sqrt(1 − β2^t)}, or 1
 * @param eps the denominator's epsilon
 */
public record AdamStep(
    boolean lazy,
    float stepSize,
    float oneMinusBeta1,
    float beta2,
    float oneMinusBeta2,
    float sqrtBiasCorrection2,
    float eps) {

  /**
   * Checks that a lazy step has {@code sqrtBiasCorrection2 = 1}.
   *
   * @throws IllegalArgumentException for a lazy step with another {@code sqrtBiasCorrection2}
   */
  public AdamStep {
    if (lazy && sqrtBiasCorrection2 != 1f) {
      throw new IllegalArgumentException(
          "a lazy (SparseAdam) step folds its bias corrections into the step size and needs"
              + " sqrtBiasCorrection2 = 1, got "
              + sqrtBiasCorrection2);
    }
  }

  /**
   * Applies the step to the values {@code [from, end)} of the parameter {@code x}, its gradient
   * {@code g} and its moments {@code m} and {@code v}, one value at a time: the portable kernel,
   * and the values past a SIMD kernel's last whole vector.
   */
  public void apply(float[] x, float[] g, float[] m, float[] v, int from, int end) {
    // one loop per rule; SparseAdam's omits the division by its sqrtBiasCorrection2 of 1, which
    // is exact: the portable kernel used to get it folded away as a constant argument, and a real
    // division per value made its SparseAdam step about 20% slower
    if (lazy) {
      for (int k = from; k < end; k++) {
        float gk = g[k];
        m[k] += oneMinusBeta1 * (gk - m[k]);
        v[k] += oneMinusBeta2 * (gk * gk - v[k]);
        x[k] -= stepSize * (m[k] / ((float) Math.sqrt(v[k]) + eps));
      }
    } else {
      for (int k = from; k < end; k++) {
        float gk = g[k];
        m[k] += oneMinusBeta1 * (gk - m[k]);
        v[k] = v[k] * beta2 + oneMinusBeta2 * gk * gk;
        x[k] -= stepSize * (m[k] / ((float) Math.sqrt(v[k]) / sqrtBiasCorrection2 + eps));
      }
    }
  }
}
