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
 * Forward + backward of the dense sLCWA double-margin loss through the zero-allocation entry point
 * {@link DoubleMarginLoss#processSlcwaScoresInto}: {@code b} positives and {@code b × 64}
 * negatives, mean reduction, margins (1, 0), balance 0.5. One operation is one call; elements/s =
 * ops/s · b · (K + 1), counting every score. Each score is read and its gradient written: 8 bytes
 * per element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class SlcwaBenchmark {
  /** Negatives per positive. */
  public static final int K = 64;

  /** Bytes moved per element: read score, write gradient (float32 each). */
  public static final int BYTES_PER_ELEMENT = 8;

  /** Positives in the batch. */
  @Param({"10000", "100000", "1000000"})
  public int b;

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
  float[] positives;
  float[] negatives;
  float[] positiveGradient;
  float[] negativeGradient;

  /** Configures the kernels and fills the inputs. */
  @Setup(Level.Trial)
  public void setUp() {
    KernelSelection.configure(impl, threads);
    loss = DoubleMarginLoss.builder().marginActivation(activation).build();
    SplittableRandom random = new SplittableRandom(43);
    positives = new float[b];
    negatives = new float[b * K];
    positiveGradient = new float[b];
    negativeGradient = new float[b * K];
    for (int i = 0; i < b; i++) {
      positives[i] = (float) (random.nextDouble() * 4 - 1);
    }
    for (int i = 0; i < negatives.length; i++) {
      negatives[i] = (float) (random.nextDouble() * 4 - 3);
    }
  }

  /**
   * One forward + backward pass.
   *
   * @return the loss value (consumed by JMH)
   */
  @Benchmark
  public double forwardBackward() {
    return loss.processSlcwaScoresInto(
        positives, negatives, null, null, b, K, positiveGradient, negativeGradient);
  }
}
