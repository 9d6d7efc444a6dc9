package org.kge4j.bench;

import java.util.SplittableRandom;
import org.kge4j.linalg.AdamStep;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;

/**
 * The arithmetic limit of PyTorch's dense Adam on this machine: values updated per second by the
 * active kernel's {@link DenseKernel#adamStep} on arrays that stay in L1 ({@link #VALUES} floats
 * per thread), so that no memory traffic is timed. Each value costs one square root and two
 * divisions, {@code x −= stepSize · (m / (sqrt(v)/sqrtBiasCorrection2 + eps))}, which the exact
 * semantics does not allow to be replaced by reciprocals; on cores whose divider is slower than
 * their FMA units this rate, not the memory bandwidth, bounds one dense Adam step from below:
 * {@code parameters / rate} seconds.
 */
final class AdamRate {

  /** Floats per array: four arrays of 4,096 floats (64 KiB) per thread. */
  static final int VALUES = 4096;

  private static final DenseKernel KERNEL = DenseKernels.active();

  private AdamRate() {}

  /** The coefficients of a step early in a run, where {@code sqrt(1 − β2^t)} is not yet 1. */
  static final AdamStep STEP = new AdamStep(false, 1e-3f, 0.1f, 0.999f, 0.001f, 0.3f, 1e-8f);

  /**
   * One thread's parameter, gradient and moments, drawn from {@code seed}. The gradient is never
   * zero, so the moments stay normal numbers (a moment that decays under a zero gradient reaches
   * subnormals after about 800 steps, which this core computes far more slowly).
   */
  static float[][] draw(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[VALUES];
    float[] g = new float[VALUES];
    for (int i = 0; i < VALUES; i++) {
      x[i] = (float) random.nextGaussian();
      g[i] = (float) (random.nextDouble() - 0.5);
    }
    return new float[][] {x, g, new float[VALUES], new float[VALUES]};
  }

  /**
   * Runs {@code steps} dense Adam steps over the arrays drawn from {@code seed}.
   *
   * @return the parameter after the steps, so that the work cannot be eliminated
   */
  static float[] run(long steps, long seed) {
    float[][] arrays = draw(seed);
    for (long s = 0; s < steps; s++) {
      KERNEL.adamStep(STEP, arrays[0], arrays[1], arrays[2], arrays[3], 0, VALUES);
    }
    return arrays[0];
  }

  /**
   * The best rate (values per second) of {@code repetitions} runs of about {@code seconds} each on
   * {@code threads} threads, after one warm-up run that lets C2 compile the kernel.
   */
  static double measure(int threads, int repetitions, double seconds) throws InterruptedException {
    run(20_000, 0); // warm-up: C2 compiles the kernel (until then the Vector API runs boxed)
    long calibration = System.nanoTime();
    run(20_000, 0);
    double nanosPerStep = Math.max(1, (System.nanoTime() - calibration) / 20_000.0);
    long steps = (long) (seconds * 1e9 / nanosPerStep);
    float[][] sink = new float[threads][];
    double fastest =
        ThreadTiming.fastestSeconds(threads, repetitions, t -> sink[t] = run(steps, t + 1));
    if (Float.isNaN(sink[0][0])) {
      throw new IllegalStateException("the Adam steps produced NaN");
    }
    return (double) threads * steps * VALUES / fastest;
  }
}
