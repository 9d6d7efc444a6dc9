package org.kge4j.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the memory-bandwidth benchmarks ({@link ScaleBenchmark}, {@link TriadBenchmark}) share: the
 * threads that split each pass, as the loss kernels split their input. The helper threads start in
 * the trial set-up ({@link #startPass()}) and stop after the trial, so only the passes are timed.
 */
public abstract class SplitPassBenchmark extends ThroughputBenchmark {

  /** Threads that share one pass. */
  @Param({"1", "2"})
  public int threads;

  /** The split of each pass over {@link #threads}. */
  SplitPass pass;

  /** Starts the helper threads; the trial set-up calls it once the arrays are filled. */
  void startPass() {
    pass = new SplitPass(threads);
  }

  /** Stops the helper threads of the two-thread variant. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pass.close();
  }
}
