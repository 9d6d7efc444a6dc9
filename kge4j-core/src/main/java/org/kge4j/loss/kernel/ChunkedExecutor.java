package org.kge4j.loss.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.kge4j.loss.MarginActivation;

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
 * Per-call state lives in per-caller-thread job objects, reused from call to call.
 */
final class ChunkedExecutor {
  /** Elements per chunk: 256 KiB of floats per array, so a chunk's working set stays in L2. */
  static final int CHUNK = 1 << 16;

  /** Smallest range handed to helper threads. */
  static final int PARALLEL_THRESHOLD = 1 << 18;

  private final Worker[] workers;
  private final ThreadLocal<Jobs> jobs = ThreadLocal.withInitial(Jobs::new);

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

  double labelled(
      MarginKernel kernel,
      MarginTerms terms,
      float[] x,
      float[] t,
      float[] weights,
      float smoothKeep,
      float smoothSpread,
      float[] grad,
      float gradScale,
      int from,
      int to) {
    if (to - from <= CHUNK) {
      return kernel.labelled(
          terms, x, t, weights, smoothKeep, smoothSpread, grad, gradScale, from, to);
    }
    Job job = jobs.get().labelled;
    job.bind(kernel, x, grad, gradScale);
    job.terms = terms;
    job.t = t;
    job.weights = weights;
    job.smoothKeep = smoothKeep;
    job.smoothSpread = smoothSpread;
    return run(job, from, to);
  }

  double positiveTerm(
      MarginKernel kernel,
      MarginActivation activation,
      float margin,
      float[] x,
      float[] multiplicity,
      float[] grad,
      float gradScale,
      int from,
      int to) {
    if (to - from <= CHUNK) {
      return kernel.positiveTerm(activation, margin, x, multiplicity, grad, gradScale, from, to);
    }
    Job job = jobs.get().positive;
    job.bind(kernel, activation, margin, x, grad, gradScale);
    job.multiplicity = multiplicity;
    return run(job, from, to);
  }

  double negativeTerm(
      MarginKernel kernel,
      MarginActivation activation,
      float margin,
      float[] x,
      boolean[] keep,
      float[] grad,
      float gradScale,
      int from,
      int to) {
    if (to - from <= CHUNK) {
      return kernel.negativeTerm(activation, margin, x, keep, grad, gradScale, from, to);
    }
    Job job = jobs.get().negative;
    job.bind(kernel, activation, margin, x, grad, gradScale);
    job.keep = keep;
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

  /** The kernel term a job computes. */
  private enum Term {
    LABELLED,
    POSITIVE,
    NEGATIVE
  }

  /**
   * One call's chunked work: the arguments of its kernel term, those every term has (kernel,
   * scores, gradients and their scale) and those of its own term.
   */
  private static final class Job {
    final Term term;
    final AtomicInteger nextChunk = new AtomicInteger();
    final AtomicInteger helpers = new AtomicInteger();
    double[] partials = new double[64];
    int from;
    int to;
    int chunks;
    Thread owner;
    volatile Throwable failure;
    MarginKernel kernel;
    float[] x;
    float[] grad;
    float gradScale;
    // LABELLED
    MarginTerms terms;
    float[] t;
    float[] weights;
    float smoothKeep;
    float smoothSpread;
    // POSITIVE and NEGATIVE
    MarginActivation activation;
    float margin;
    float[] multiplicity;
    boolean[] keep;

    Job(Term term) {
      this.term = term;
    }

    void bind(MarginKernel kernel, float[] x, float[] grad, float gradScale) {
      this.kernel = kernel;
      this.x = x;
      this.grad = grad;
      this.gradScale = gradScale;
    }

    void bind(
        MarginKernel kernel,
        MarginActivation activation,
        float margin,
        float[] x,
        float[] grad,
        float gradScale) {
      bind(kernel, x, grad, gradScale);
      this.activation = activation;
      this.margin = margin;
    }

    /** Drops the references to the call's objects, which the job outlives. */
    void release() {
      kernel = null;
      x = null;
      grad = null;
      terms = null;
      t = null;
      weights = null;
      activation = null;
      multiplicity = null;
      keep = null;
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
        partials[c] = compute(lo, hi);
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

    double compute(int lo, int hi) {
      return switch (term) {
        case LABELLED ->
            kernel.labelled(
                terms, x, t, weights, smoothKeep, smoothSpread, grad, gradScale, lo, hi);
        case POSITIVE ->
            kernel.positiveTerm(activation, margin, x, multiplicity, grad, gradScale, lo, hi);
        case NEGATIVE -> kernel.negativeTerm(activation, margin, x, keep, grad, gradScale, lo, hi);
      };
    }
  }

  /** The reusable jobs of one calling thread. */
  private static final class Jobs {
    final Job labelled = new Job(Term.LABELLED);
    final Job positive = new Job(Term.POSITIVE);
    final Job negative = new Job(Term.NEGATIVE);
  }

  /** A parked daemon thread that runs the chunks of whichever job it is offered. */
  private static final class Worker implements Runnable {
    private final AtomicReference<Job> assigned = new AtomicReference<>();
    private final Thread thread;

    Worker(String name) {
      thread = new Thread(this, name);
      thread.setDaemon(true);
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
