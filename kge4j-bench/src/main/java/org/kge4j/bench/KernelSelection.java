package org.kge4j.bench;

import org.kge4j.loss.kernel.MarginKernels;

/**
 * Selects the kernel implementation and thread count of a benchmark fork. kge4j reads both from
 * system properties once, when {@link MarginKernels} is initialised; JMH runs every parameter
 * combination in a fresh fork, so setting the properties in the trial set-up, before any loss is
 * evaluated, configures that fork. The selection is then verified, so that a benchmark can never
 * silently measure the wrong kernel.
 */
final class KernelSelection {
  private KernelSelection() {}

  /**
   * @param impl {@code simd} or {@code scalar}
   * @param threads the kernel parallelism, >= 1
   * @throws IllegalStateException if the kernels were already initialised differently, or SIMD was
   *     asked for without {@code --add-modules jdk.incubator.vector}
   */
  static void configure(String impl, int threads) {
    System.setProperty("kge4j.vectorization", impl);
    System.setProperty(MarginKernels.THREADS_PROPERTY, Integer.toString(threads));
    String active = MarginKernels.active().toString();
    boolean simd = active.startsWith("SIMD");
    if (simd != impl.equals("simd")) {
      throw new IllegalStateException(
          "asked for the " + impl + " kernel but " + active + " is active");
    }
    if (MarginKernels.parallelism() != threads) {
      throw new IllegalStateException(
          "asked for " + threads + " threads but the kernels use " + MarginKernels.parallelism());
    }
  }
}
