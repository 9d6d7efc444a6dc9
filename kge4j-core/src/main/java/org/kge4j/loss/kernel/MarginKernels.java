package org.kge4j.loss.kernel;

import org.kge4j.loss.MarginActivation;
import org.kge4j.vectorization.VectorizationProvider;

/**
 * The entry point through which the losses run their kernels. It
 *
 * <ul>
 *   <li>picks the implementation once per JVM (see {@link #active()}): the SIMD kernel when the JVM
 *       runs with {@code --add-modules jdk.incubator.vector}, else the portable scalar one; the
 *       system property {@code kge4j.vectorization=auto|simd|scalar|reference} forces a choice, and
 *       the choice is logged once through {@link System.Logger};
 *   <li>in {@code auto} mode, runs calls shorter than {@link #SIMD_MIN_ELEMENTS} on the portable
 *       kernel: on JDK 17 the Vector API runs boxed, many times slower than scalar code, until C2
 *       has compiled the SIMD kernel, and calls as short as a training batch's loss (~10^4
 *       elements) reach that point only after seconds (measured: training 15-40 % slower with the
 *       SIMD kernel on every call); long calls get the loop compiled on the spot (on-stack
 *       replacement) and win;
 *   <li>splits large ranges into fixed chunks of 65,536 elements, computed on up to {@link
 *       #parallelism()} threads (system property {@value #THREADS_PROPERTY}, default: the available
 *       processors); chunk sums are added in chunk order, so values and gradients are bit-identical
 *       for any thread count;
 *   <li>turns the kernels' "NaN means invalid input" contract into exceptions that name the
 *       offending element, so callers never see a silent NaN.
 * </ul>
 *
 * Nothing here allocates per call.
 */
public final class MarginKernels {
  /** The system property that sets {@link #parallelism()}: an integer >= 1. */
  public static final String THREADS_PROPERTY = "kge4j.threads";

  /** In {@code auto} mode, the shortest call that runs on the SIMD kernel: one chunk. */
  public static final int SIMD_MIN_ELEMENTS = ChunkedExecutor.CHUNK;

  /** The SIMD kernel, named only as a string so that nothing links to it without the module. */
  static final String SIMD_CLASS = "org.kge4j.loss.kernel.simd.SimdMarginKernel";

  private static final MarginKernel ACTIVE =
      VectorizationProvider.lookup(
          "loss kernels",
          SIMD_CLASS,
          MarginKernel.class,
          PortableMarginKernel.INSTANCE,
          ScalarMarginKernel.INSTANCE);
  private static final MarginKernel SHORT_CALLS =
      VectorizationProvider.Mode.current() == VectorizationProvider.Mode.AUTO
              && ACTIVE != ScalarMarginKernel.INSTANCE
          ? PortableMarginKernel.INSTANCE
          : ACTIVE;
  private static final ChunkedExecutor EXECUTOR =
      new ChunkedExecutor(parseThreads(System.getProperty(THREADS_PROPERTY)));

  private MarginKernels() {}

  /**
   * The value of {@value #THREADS_PROPERTY}: null means the available processors.
   *
   * @throws IllegalArgumentException unless the value is an integer >= 1
   */
  static int parseThreads(String value) {
    if (value == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int threads = Integer.parseInt(value.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new IllegalArgumentException(
        THREADS_PROPERTY + " must be an integer >= 1, got '" + value + "'");
  }

  /** The kernel in use for long calls, chosen once per JVM. */
  public static MarginKernel active() {
    return ACTIVE;
  }

  /** The kernel that runs a call over {@code size} elements. */
  public static MarginKernel kernelFor(int size) {
    return size >= SIMD_MIN_ELEMENTS ? ACTIVE : SHORT_CALLS;
  }

  /** The most threads that work on one large call, the caller included. */
  public static int parallelism() {
    return EXECUTOR.parallelism();
  }

  /**
   * {@code term}'s sum over {@code [from, to)} ({@link LossTerm#sum}) on the kernel for the range's
   * length, chunked and possibly on several threads.
   *
   * @param scoresName the scores' name in error messages, such as {@code positive_scores}
   * @throws IllegalArgumentException naming the first non-finite score in {@code [0, to)}, or, for
   *     a {@link LabelledTerm}, the first label outside [0, 1]
   */
  public static double sum(LossTerm term, float gradScale, int from, int to, String scoresName) {
    double sum = EXECUTOR.sum(kernelFor(to - from), term, gradScale, from, to);
    if (Double.isNaN(sum)) {
      term.requireValid(to, scoresName);
      throw activationFailure(term.terms().activation());
    }
    return sum;
  }

  /** Valid inputs gave NaN: only a user-supplied activation can do that. */
  private static IllegalStateException activationFailure(MarginActivation activation) {
    return new IllegalStateException(
        "margin activation "
            + activation.name()
            + " returned NaN for finite input; activations must map finite values to finite values");
  }

  /** Fails naming the first non-finite value of {@code x[0, size)}. */
  static void requireFinite(float[] x, int size, String name) {
    for (int i = 0; i < size; i++) {
      if (!Float.isFinite(x[i])) {
        throw new IllegalArgumentException(
            name + " must be finite, got " + x[i] + " at flat index " + i);
      }
    }
  }

  /** Fails naming the first label of {@code t[0, size)} outside [0, 1]. */
  static void requireUnitInterval(float[] t, int size) {
    for (int i = 0; i < size; i++) {
      if (!(t[i] >= 0f && t[i] <= 1f)) {
        throw new IllegalArgumentException(
            "labels must lie in [0, 1] (rule R4), got " + t[i] + " at flat index " + i);
      }
    }
  }
}
