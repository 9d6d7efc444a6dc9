package org.kge4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * STREAM-like triad {@code a[i] = b[i] + s * c[i]} over float arrays far larger than the last-level
 * cache, so that the loss benchmarks' elements/s can be set against this machine's memory bandwidth
 * measured in the same run.
 *
 * <p>Each operation is one array element; the bandwidth in bytes/s is the reported ops/s times
 * {@link #BYTES_PER_ELEMENT} (two 4-byte reads and one 4-byte write, STREAM's counting, which
 * ignores the write-allocate read). With {@code threads = 2} the arrays are split in two halves
 * processed concurrently, as the loss facade splits its input.
 */
@OperationsPerInvocation(TriadBenchmark.LENGTH)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TriadBenchmark extends SplitPassBenchmark {

  /** Bytes moved per element by the triad: read b and c, write a (float32 each). */
  public static final int BYTES_PER_ELEMENT = 12;

  /** 2^24 floats per array: 64 MiB each, 192 MiB in all, well beyond a 32 MiB L3 cache. */
  static final int LENGTH = 1 << 24;

  private static final float SCALAR = 3.0f;

  private float[] a;
  private float[] b;
  private float[] c;

  /** Allocates and touches the arrays so that page faults stay out of the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    a = new float[LENGTH];
    b = new float[LENGTH];
    c = new float[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      a[i] = 0f;
      b[i] = 1f + (i & 7);
      c[i] = 2f - (i & 3);
    }
    startPass();
  }

  /**
   * One triad over all elements.
   *
   * @return an element of the result, so that the work cannot be eliminated
   * @throws Exception if a helper thread failed
   */
  @Benchmark
  public float triad() throws Exception {
    pass.run(LENGTH, (from, to) -> triad(a, b, c, from, to));
    return a[LENGTH / 3];
  }

  private static void triad(float[] a, float[] b, float[] c, int from, int to) {
    // A plain counted loop: C2 vectorises it (superword), which is what STREAM measures.
    for (int i = from; i < to; i++) {
      a[i] = b[i] + SCALAR * c[i];
    }
  }
}
