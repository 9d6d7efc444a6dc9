package org.kge4j.testing;

import java.util.random.RandomGenerator;

/**
 * Random test inputs drawn in index order, so that a test's sequence of draws, and therefore its
 * cases, do not depend on whether it fills an array here or in a loop of its own.
 */
public final class RandomArrays {

  private RandomArrays() {}

  /** {@code n} standard normal floats. */
  public static float[] gaussian(RandomGenerator random, int n) {
    return gaussian(random, n, 1);
  }

  /** {@code n} normal floats with standard deviation {@code scale}, rounded after scaling. */
  public static float[] gaussian(RandomGenerator random, int n, double scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (scale * random.nextGaussian());
    }
    return x;
  }
}
