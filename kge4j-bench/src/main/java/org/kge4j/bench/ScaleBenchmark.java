package org.kge4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * STREAM's "scale" {@code dst[i] = s·src[i]} over exactly as many floats as {@link SlcwaBenchmark}
 * processes ({@code b·(K + 1)}): the least work any sLCWA kernel can do, which must read every
 * score and write its gradient. Its elements/s is therefore the ceiling of the sLCWA benchmark at
 * the same size and thread count, whatever the kernel computes (the triad, with two read streams
 * and arrays of another size, is not). One operation is one call; elements/s = ops/s · b · (K + 1).
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ScaleBenchmark extends SplitPassBenchmark {
  private static final float SCALAR = 3.0f;

  /** Positives of the matching sLCWA batch. */
  @Param({"10000", "100000", "1000000"})
  public int b;

  float[] src;
  float[] dst;

  /** Allocates and touches the arrays so that page faults stay out of the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    int n = b * (SlcwaBenchmark.K + 1);
    src = new float[n];
    dst = new float[n];
    for (int i = 0; i < n; i++) {
      src[i] = 1f + (i & 7);
    }
    startPass();
  }

  /**
   * One pass over all elements.
   *
   * @return an element of the result, so that the work cannot be eliminated
   * @throws Exception if a helper thread failed
   */
  @Benchmark
  public float scale() throws Exception {
    int n = src.length;
    pass.run(n, (from, to) -> scale(src, dst, from, to));
    return dst[n / 3];
  }

  private static void scale(float[] src, float[] dst, int from, int to) {
    // A plain counted loop: C2 vectorises it (superword), as STREAM's compiled C does.
    for (int i = from; i < to; i++) {
      dst[i] = SCALAR * src[i];
    }
  }
}
