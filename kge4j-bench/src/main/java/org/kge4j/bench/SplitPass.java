package org.kge4j.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs passes over {@code [0, n)} split into equal parts, one per thread: {@code threads − 1}
 * helper threads take the first parts, the calling thread the last (the loss kernels split their
 * input the same way). The helpers live from construction to {@link #close()}, so that a benchmark
 * creates them in its set-up and times only the passes.
 */
final class SplitPass implements AutoCloseable {
  /** The work on one part. */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }

  private final int threads;

  /** The helpers; null when {@code threads == 1}. */
  private final ExecutorService pool;

  /**
   * @param threads parts of each pass, {@code >= 1}
   */
  SplitPass(int threads) {
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
  }

  /**
   * One pass.
   *
   * @param n elements
   * @param range the work on {@code [from, to)}
   * @throws Exception if a helper failed
   */
  void run(int n, Range range) throws Exception {
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

  /** Stops the helper threads. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
