package org.kge4j.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.kge4j.concurrent.DaemonThreads;

/**
 * Runs the shards of a batch on a fixed set of threads. Which thread runs a shard is left to
 * timing, but every shard writes only its own buffers, so the results never depend on it.
 */
final class Workers implements AutoCloseable {

  private final int numThreads;
  private final ExecutorService pool;

  Workers(int numThreads) {
    this.numThreads = numThreads;
    this.pool =
        numThreads == 1
            ? null
            : Executors.newFixedThreadPool(numThreads - 1, DaemonThreads.named("kge4j-training"));
  }

  /**
   * Runs {@code serial} as one more task beside {@code task.accept(s)} for every {@code s} in
   * {@code [0, numTasks)}: work that reads nothing the tasks write and that, run on its own between
   * two parallel passes, would leave every thread but one idle. It is taken first, so that the
   * other threads start on the tasks.
   */
  void runBeside(Runnable serial, int numTasks, IntConsumer task) {
    run(
        numTasks + 1,
        t -> {
          if (t == 0) {
            serial.run();
          } else {
            task.accept(t - 1);
          }
        });
  }

  /** Runs {@code task.accept(s)} for every shard {@code s} in {@code [0, numShards)}. */
  void run(int numShards, IntConsumer task) {
    if (pool == null || numShards == 1) {
      for (int s = 0; s < numShards; s++) {
        task.accept(s);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int s = next.getAndIncrement(); s < numShards; s = next.getAndIncrement()) {
            task.accept(s);
          }
        };
    int helpers = Math.min(numThreads - 1, numShards - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int i = 0; i < helpers; i++) {
      futures.add(pool.submit(worker));
    }
    RuntimeException failure = null;
    try {
      worker.run();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException re
                  ? re
                  : new IllegalStateException("training worker failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for training workers", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
