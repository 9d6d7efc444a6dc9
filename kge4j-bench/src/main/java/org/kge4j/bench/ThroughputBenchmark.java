package org.kge4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the loss benchmarks and the memory-bandwidth benchmarks they are set against are measured:
 * operations per second, after the same warm-up and over the same iterations, so that an elements/s
 * of the one and a bandwidth of the other come from equal runs. JMH reads these settings from the
 * superclass; each subclass names its own fork (heap, modules).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class ThroughputBenchmark {}
