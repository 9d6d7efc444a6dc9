package org.kge4j.bench;

import org.kge4j.loss.DoubleMarginLoss;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;

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

  /** The loss under measurement, built by {@link #configureLoss()}. */
  DoubleMarginLoss loss;

  /**
   * Selects the kernel and its threads for this fork, then builds the loss with the activation; the
   * trial set-up calls it before filling the inputs.
   */
  void configureLoss() {
    KernelSelection.configure(impl, threads);
    loss = DoubleMarginLoss.builder().marginActivation(activation).build();
  }

  /** Configures the loss ({@link #configureLoss()}) and fills the inputs of this trial. */
  public abstract void setUp();

  /**
   * One forward + backward pass of the loss over the inputs.
   *
   * @return the loss value (consumed by JMH)
   */
  public abstract double forwardBackward();
}
