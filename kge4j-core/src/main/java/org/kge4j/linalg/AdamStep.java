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
 * SparseAdam folds both bias corrections into {@code stepSize} and passes {@code
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
   * Applies the step to the values {@code [from, end)} of the parameter {@code x}, its gradient
   * {@code g} and its moments {@code m} and {@code v}, one value at a time: the portable kernel,
   * and the values past a SIMD kernel's last whole vector. The record's fields are final and the
   * loop stores only floats, so the JIT keeps them in registers as it did the kernel's parameters.
   */
  public void apply(float[] x, float[] g, float[] m, float[] v, int from, int end) {
    for (int k = from; k < end; k++) {
      float gk = g[k];
      m[k] += oneMinusBeta1 * (gk - m[k]);
      v[k] =
          lazy ? v[k] + oneMinusBeta2 * (gk * gk - v[k]) : v[k] * beta2 + oneMinusBeta2 * gk * gk;
      x[k] -= stepSize * (m[k] / ((float) Math.sqrt(v[k]) / sqrtBiasCorrection2 + eps));
    }
  }
}
