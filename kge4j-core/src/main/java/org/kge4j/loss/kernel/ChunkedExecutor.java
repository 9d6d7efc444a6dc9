package org.kge4j.loss.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.kge4j.concurrent.DaemonThreads;

/**
 * Runs a kernel call over a large range as fixed chunks, on the calling thread and up to {@code
 * parallelism − 1} helper threads, without allocating.
 *
 * <p>Determinism: the range {@code [from, to)} is cut at {@code from + c·}{@value #CHUNK} whatever
 * the number of threads; each chunk's sum is stored in its own slot and the slots are added in
 * chunk order after all chunks are done. The value and the gradients are therefore bit-identical
 * for any thread count, including 1 (which uses the same chunks). Which thread computes a chunk is
 * decided at run time (threads claim the next chunk from a counter), which balances load on a busy
 * machine without affecting the result.
 *
 * <p>Helpers are daemon threads that park when idle. A caller borrows only helpers that are idle at
 * that moment (one atomic compare-and-set each), so concurrent callers never wait for each other;
 * they just get fewer helpers. Ranges below {@value #PARALLEL_THRESHOLD} elements are not worth
 * waking a thread for (a wake-up costs microseconds) and run on the caller alone, still chunked.
 * Per-call state lives in a per-caller-thread job object, reused from call to call.
 */
final class ChunkedExecutor {
  /** Elements per chunk: 256 KiB of floats per array, so a chunk's working set stays in L2. */
  static final int CHUNK = 1 << 16;

  /** Smallest range handed to helper threads. */
  static final int PARALLEL_THRESHOLD = 1 << 18;

  private final Worker[] workers;
  private final ThreadLocal<Job> jobs = ThreadLocal.withInitial(Job::new);

  /**
   * @param parallelism the most threads that work on one call, the caller included
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  ChunkedExecutor(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("kernel parallelism must be >= 1, got " + parallelism);
    }
    workers = new Worker[parallelism - 1];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker("kge4j-kernel-helper-" + (w + 1));
    }
  }

  /** The most threads that work on one call, the caller included. */
  int parallelism() {
    return workers.length + 1;
  }

  /**
   * {@code term.sum(kernel, gradScale, from, to)}, computed chunk by chunk (see the class comment).
   */
  double sum(MarginKernel kernel, LossTerm term, float gradScale, int from, int to) {
    if (to - from <= CHUNK) {
      return term.sum(kernel, gradScale, from, to);
    }
    Job job = jobs.get();
    job.kernel = kernel;
    job.term = term;
    job.gradScale = gradScale;
    return run(job, from, to);
  }

  /** Runs {@code job}, bound to the call's arguments, over {@code [from, to)}, then unbinds it. */
  private double run(Job job, int from, int to) {
    try {
      return runChunks(job, from, to);
    } finally {
      // The job outlives the call: drop its references to the caller's arrays.
      job.release();
    }
  }

  private double runChunks(Job job, int from, int to) {
    job.start(from, to);
    if (to - from >= PARALLEL_THRESHOLD) {
      int wanted = Math.min(workers.length, job.chunks - 1);
      for (int w = 0; w < workers.length && wanted > 0; w++) {
        // Count the helper before it can possibly finish, so the count never dips below 0.
        job.helpers.incrementAndGet();
        if (workers[w].offer(job)) {
          wanted--;
        } else {
          job.helpers.decrementAndGet();
        }
      }
    }
    try {
      job.work();
    } finally {
      // Helpers still use the job (and the caller's arrays): never return before they finish.
      job.awaitHelpers();
    }
    Throwable failure = job.failure;
    if (failure != null) {
      job.failure = null;
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException("kernel helper thread failed", failure);
    }
    double sum = 0;
    for (int c = 0; c < job.chunks; c++) {
      sum += job.partials[c];
    }
    return sum;
  }

  /** One call's chunked work: the kernel, the term it evaluates and the gradient scale. */
  private static final class Job {
    final AtomicInteger nextChunk = new AtomicInteger();
    final AtomicInteger helpers = new AtomicInteger();
    double[] partials = new double[64];
    int from;
    int to;
    int chunks;
    Thread owner;
    volatile Throwable failure;
    MarginKernel kernel;
    LossTerm term;
    float gradScale;

    /** Drops the references to the call's objects, which the job outlives. */
    void release() {
      kernel = null;
      term = null;
    }

    void start(int from, int to) {
      this.from = from;
      this.to = to;
      this.chunks = (int) (((long) to - from + CHUNK - 1) / CHUNK);
      if (partials.length < chunks) {
        partials = new double[chunks];
      }
      owner = Thread.currentThread();
      nextChunk.set(0);
    }

    /** Claims and computes chunks until none is left. */
    void work() {
      for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
        int lo = from + c * CHUNK;
        int hi = (int) Math.min(to, (long) lo + CHUNK);
        partials[c] = term.sum(kernel, gradScale, lo, hi);
      }
    }

    void helperDone() {
      if (helpers.decrementAndGet() == 0) {
        LockSupport.unpark(owner);
      }
    }

    void awaitHelpers() {
      while (helpers.get() != 0) {
        LockSupport.park(this);
      }
    }
  }

  /** A parked daemon thread that runs the chunks of whichever job it is offered. */
  private static final class Worker implements Runnable {
    private final AtomicReference<Job> assigned = new AtomicReference<>();
    private final Thread thread;

    Worker(String name) {
      thread = DaemonThreads.named(name).newThread(this);
      thread.start();
    }

    /** Hands {@code job} to this worker if it is idle. */
    boolean offer(Job job) {
      if (!assigned.compareAndSet(null, job)) {
        return false;
      }
      LockSupport.unpark(thread);
      return true;
    }

    @Override
    public void run() {
      while (true) {
        Job job = assigned.get();
        if (job == null) {
          LockSupport.park(this);
          continue;
        }
        try {
          job.work();
        } catch (Throwable e) {
          job.failure = e;
        } finally {
          assigned.set(null);
          job.helperDone();
        }
      }
    }
  }
}
