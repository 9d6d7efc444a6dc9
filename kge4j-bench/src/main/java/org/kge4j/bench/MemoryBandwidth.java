package org.kge4j.bench;

import java.util.Arrays;

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
    double best = 0;
    for (int rep = 0; rep <= repetitions; rep++) {
      Thread[] workers = new Thread[threads];
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) t * N / threads);
        int to = (int) ((long) (t + 1) * N / threads);
        workers[t] = new Thread(() -> triad(a, b, c, 3f, from, to));
        workers[t].start();
      }
      for (Thread worker : workers) {
        worker.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (rep > 0) {
        best = Math.max(best, 3.0 * Float.BYTES * N / elapsed);
      }
    }
    if (a[N - 1] != 7f) {
      throw new IllegalStateException("the triad computed " + a[N - 1] + ", not 7");
    }
    return best;
  }

  private static void triad(float[] a, float[] b, float[] c, float s, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = b[i] + s * c[i];
    }
  }
}
