package org.kge4j.linalg;

/**
 * The element operation of {@link DenseKernel#accumulate}: how one product term {@code (a, b)}
 * enters the running value {@code c} of an output element. Every kernel evaluates exactly these
 * float operations, in increasing {@code r}, so that all kernels and all tilings of a block give
 * bit-identical results:
 *
 * <pre>
 *   DOT                  c ← fma(a, b, c)                    (Σ a·b, a matrix product)
 *   SQUARED_DIFFERENCE   d ← a − b;  c ← fma(d, d, c)        (Σ (a − b)², squared L2 distance)
 *   ABSOLUTE_DIFFERENCE  c ← c + |a − b|                     (Σ |a − b|, L1 distance)
 * </pre>
 */
public enum BlockOp {
  /** {@code c ← fma(a, b, c)}. */
  DOT,
  /** {@code c ← fma(a − b, a − b, c)}. */
  SQUARED_DIFFERENCE,
  /** {@code c ← c + |a − b|}. */
  ABSOLUTE_DIFFERENCE;

  /** One step of the chain for this operation, as every kernel evaluates it. */
  public float apply(float c, float a, float b) {
    switch (this) {
      case DOT:
        return Math.fma(a, b, c);
      case SQUARED_DIFFERENCE:
        float d = a - b;
        return Math.fma(d, d, c);
      default:
        return c + Math.abs(a - b);
    }
  }
}
