package org.kge4j.bench;

import java.util.function.IntConsumer;

/**
 * The harness of the machine's limits ({@link FmaPeak}, {@link MemoryBandwidth}, {@link AdamRate}):
 * work started on several threads at once, timed from the first start to the last finish, the
 * shortest of several repetitions kept. A rate is then {@code units / seconds}.
 */
final class ThreadTiming {

  private ThreadTiming() {}

  /**
   * Runs {@code work.accept(t)} for {@code t < threads}, each on its own thread and all at once,
   * {@code repetitions} times.
   *
   * @return the shortest repetition's wall time in seconds
   */
  static double fastestSeconds(int threads, int repetitions, IntConsumer work)
      throws InterruptedException {
    double fastest = Double.POSITIVE_INFINITY;
    for (int rep = 0; rep < repetitions; rep++) {
      Thread[] workers = new Thread[threads];
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int slot = t;
        workers[t] = new Thread(() -> work.accept(slot));
        workers[t].start();
      }
      for (Thread worker : workers) {
        worker.join();
      }
      fastest = Math.min(fastest, (System.nanoTime() - start) / 1e9);
    }
    return fastest;
  }
}
