package org.kge4j.bench;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The machine's memory bandwidth as the JVM reaches it, the limit of the steps that stream whole
 * tables (a dense optimizer step, a gradient clear): STREAM's triad {@code a[i] = b[i] + s·c[i]}
 * over three arrays of 2^25 floats (128 MiB each, far beyond any cache), split into contiguous
 * ranges across threads, counted as STREAM counts it: {@code 3 × 4} bytes per element (two reads,
 * one write). The best of several repetitions after one warm-up pass.
 */
final class MemoryBandwidth {

  private static final int N = 1 << 25;

  private MemoryBandwidth() {}

  /** The best triad rate in bytes per second of {@code repetitions} passes on {@code threads}. */
  static double measure(int threads, int repetitions) throws InterruptedException {
    float[] a = new float[N];
    float[] b = new float[N];
    float[] c = new float[N];
    Arrays.fill(b, 1f);
    Arrays.fill(c, 2f);
    IntConsumer part =
        t -> {
          int from = (int) ((long) t * N / threads);
          int to = (int) ((long) (t + 1) * N / threads);
          triad(a, b, c, 3f, from, to);
        };
    ThreadTiming.fastestSeconds(threads, 1, part); // warm-up
    double fastest = ThreadTiming.fastestSeconds(threads, repetitions, part);
    if (a[N - 1] != 7f) {
      throw new IllegalStateException("the triad computed " + a[N - 1] + ", not 7");
    }
    return 3.0 * Float.BYTES * N / fastest;
  }

  private static void triad(float[] a, float[] b, float[] c, float s, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = b[i] + s * c[i];
    }
  }
}
