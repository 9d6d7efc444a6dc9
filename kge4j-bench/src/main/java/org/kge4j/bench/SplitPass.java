package org.kge4j.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs one pass over {@code [0, n)} split into equal parts, one per thread: the pool takes the
 * first parts, the calling thread the last (the loss kernels split their input the same way).
 */
final class SplitPass {
  /** The work on one part. */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }

  private SplitPass() {}

  /**
   * @param pool {@code threads − 1} workers, or null when {@code threads == 1}
   * @param threads parts
   * @param n elements
   * @param range the work on {@code [from, to)}
   * @throws Exception if a worker failed
   */
  static void run(ExecutorService pool, int threads, int n, Range range) throws Exception {
    if (threads == 1) {
      range.run(0, n);
      return;
    }
    int part = n / threads;
    Future<?>[] futures = new Future<?>[threads - 1];
    for (int t = 0; t < threads - 1; t++) {
      int from = t * part;
      futures[t] = pool.submit(() -> range.run(from, from + part));
    }
    range.run((threads - 1) * part, n);
    for (Future<?> future : futures) {
      future.get();
    }
  }
}
