package org.kge4j.bench;

import org.kge4j.loss.DoubleMarginLoss;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What the double-margin loss benchmarks ({@link LcwaBenchmark}, {@link SlcwaBenchmark}) share, so
 * that their numbers stay comparable: the fork (JMH reads it from the superclass), the kernel
 * parameters, the loss those select, and the shape of one benchmark: a trial set-up, then the
 * measured forward + backward pass.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public abstract class MarginLossBenchmark extends ThroughputBenchmark {

  /** The margin activation. */
  @Param({"relu", "softplus"})
  public String activation;

  /** The kernel: {@code simd} (Vector API) or {@code scalar} (portable fallback). */
  @Param({"simd", "scalar"})
  public String impl;

  /** Kernel threads. */
  @Param({"1", "2"})
  public int threads;

  /** The loss under measurement, built by {@link #setUp()}. */
  DoubleMarginLoss loss;

  /**
   * The trial set-up: selects the kernel and its threads for this fork, builds the loss with the
   * activation, then fills the inputs ({@link #fillInputs()}); page faults stay out of the
   * measurement.
   */
  @Setup(Level.Trial)
  public final void setUp() {
    KernelSelection.configure(impl, threads);
    loss = DoubleMarginLoss.builder().marginActivation(activation).build();
    fillInputs();
  }

  /** Allocates and fills this benchmark's inputs and gradient buffers, from a fixed seed. */
  abstract void fillInputs();

  /**
   * One forward + backward pass of the loss over the inputs.
   *
   * @return the loss value (consumed by JMH)
   */
  public abstract double forwardBackward();
}
