package org.kge4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kge4j.loss.DoubleMarginLoss;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward of the LCWA double-margin loss through the zero-allocation entry point {@link
 * DoubleMarginLoss#processLcwaScoresInto}: {@code n} scores as {@code B = 1000} rows of {@code n /
 * 1000}, labels with 1% ones (as LCWA's multi-hot targets), mean reduction, margins (1, 0), balance
 * 0.5. One operation is one call; elements/s = ops/s · n. Each call reads the scores and labels and
 * writes the gradient: 12 bytes per element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class LcwaBenchmark {
  /** Bytes moved per element: read score and label, write gradient (float32 each). */
  public static final int BYTES_PER_ELEMENT = 12;

  /** Scores in the batch (B = 1000 rows). */
  @Param({"10000", "100000", "1000000", "10000000"})
  public int n;

  /** The margin activation. */
  @Param({"relu", "softplus"})
  public String activation;

  /** The kernel: {@code simd} (Vector API) or {@code scalar} (portable fallback). */
  @Param({"simd", "scalar"})
  public String impl;

  /** Kernel threads. */
  @Param({"1", "2"})
  public int threads;

  private DoubleMarginLoss loss;
  float[] predictions;
  float[] labels;
  float[] gradient;

  /** Configures the kernels and fills the inputs (page faults stay out of the measurement). */
  @Setup(Level.Trial)
  public void setUp() {
    KernelSelection.configure(impl, threads);
    loss = DoubleMarginLoss.builder().marginActivation(activation).build();
    SplittableRandom random = new SplittableRandom(42);
    predictions = new float[n];
    labels = new float[n];
    gradient = new float[n];
    for (int i = 0; i < n; i++) {
      predictions[i] = (float) (random.nextDouble() * 6 - 3);
      labels[i] = random.nextInt(100) == 0 ? 1f : 0f;
    }
  }

  /**
   * One forward + backward pass.
   *
   * @return the loss value (consumed by JMH)
   */
  @Benchmark
  public double forwardBackward() {
    return loss.processLcwaScoresInto(predictions, labels, null, n, null, null, gradient);
  }
}
