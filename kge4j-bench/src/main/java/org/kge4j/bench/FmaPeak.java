package org.kge4j.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float FMA peak as the JVM can reach it: twelve independent register-resident
 * accumulators per thread, each updated by {@code a = fma(x, y, a)} on vectors of the preferred
 * width, so the loop is bound only by the FMA units (no loads, no stores, chains long enough to
 * hide the latency). Run on 1 and 2 threads; the best of several repetitions is the peak that
 * kge4j's kernels are measured against.
 */
final class FmaPeak {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /** FMAs per vector lane per iteration: the twelve accumulators. */
  private static final int CHAINS = 12;

  private FmaPeak() {}

  /** Runs {@code iterations} of the twelve chains and returns a value that keeps them alive. */
  static float run(long iterations) {
    FloatVector x = FloatVector.broadcast(S, 0.999999f);
    FloatVector y = FloatVector.broadcast(S, 1e-7f);
    FloatVector a0 = FloatVector.broadcast(S, 1f);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    FloatVector a8 = a0;
    FloatVector a9 = a0;
    FloatVector a10 = a0;
    FloatVector a11 = a0;
    for (long i = 0; i < iterations; i++) {
      a0 = a0.fma(x, y);
      a1 = a1.fma(x, y);
      a2 = a2.fma(x, y);
      a3 = a3.fma(x, y);
      a4 = a4.fma(x, y);
      a5 = a5.fma(x, y);
      a6 = a6.fma(x, y);
      a7 = a7.fma(x, y);
      a8 = a8.fma(x, y);
      a9 = a9.fma(x, y);
      a10 = a10.fma(x, y);
      a11 = a11.fma(x, y);
    }
    return a0.add(a1)
        .add(a2)
        .add(a3)
        .add(a4)
        .add(a5)
        .add(a6)
        .add(a7)
        .add(a8)
        .add(a9)
        .add(a10)
        .add(a11)
        .reduceLanes(VectorOperators.ADD);
  }

  /**
   * The best FMA rate (float FMAs per second) of {@code repetitions} runs of about {@code seconds}
   * each on {@code threads} threads, after one warm-up run that lets C2 compile the loop.
   */
  static double measure(int threads, int repetitions, double seconds) throws InterruptedException {
    run(20_000_000L); // warm-up: C2 compiles the loop (until then the Vector API runs boxed)
    long iterations = (long) (seconds * 3e9 / CHAINS);
    float[] sink = new float[threads];
    double fastest =
        ThreadTiming.fastestSeconds(threads, repetitions, t -> sink[t] = run(iterations));
    if (Float.isNaN(sink[0])) {
      throw new IllegalStateException("the FMA chains overflowed");
    }
    return (double) threads * iterations * CHAINS * S.length() / fastest;
  }

  /** The vector width the peak was measured with, in bits. */
  static int vectorBits() {
    return S.vectorBitSize();
  }
}
