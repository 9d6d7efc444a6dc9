package org.kge4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.LossOutput;
import org.kge4j.loss.SlcwaLossOutput;
import org.kge4j.prediction.Prediction;
import org.kge4j.prediction.Target;
import org.kge4j.prediction.TargetPredictions;
import org.kge4j.sampling.TripleSet;
import org.kge4j.tensor.FloatTensor;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A smoke run of the benchmarks at their smallest sizes: each benchmark computes what it claims to
 * (the loss and gradients of the tensor API, STREAM's scale), and JMH runs them in-process. The
 * measurements themselves are {@code bench/compare.sh}'s job, not the tests'.
 */
class BenchmarkSmokeTest {
  /** The portable kernel on one thread: what a test JVM without the Vector API has. */
  @BeforeAll
  static void selectKernels() {
    KernelSelection.configure("scalar", 1);
  }

  private static void assertWithinParity(double expected, double actual, String what) {
    assertTrue(
        Math.abs(actual - expected) <= 1e-6 + 1e-5 * Math.abs(expected),
        () -> what + ": expected " + expected + ", got " + actual);
  }

  /**
   * Sets {@code benchmark} up with {@code activation} on the portable kernel and one thread (as
   * {@link #selectKernels} does for the reference) and runs its measured pass once.
   *
   * @return the loss value of that pass
   */
  private static double forwardBackwardOnce(MarginLossBenchmark benchmark, String activation) {
    benchmark.activation = activation;
    benchmark.impl = "scalar";
    benchmark.threads = 1;
    benchmark.setUp();
    return benchmark.forwardBackward();
  }

  /** The loss of the tensor API that a benchmark with {@code activation} must agree with. */
  private static DoubleMarginLoss referenceLoss(String activation) {
    return DoubleMarginLoss.builder().marginActivation(activation).build();
  }

  @Test
  void lcwaBenchmarkComputesTheLossAndItsGradient() {
    for (String activation : List.of("relu", "softplus")) {
      LcwaBenchmark benchmark = new LcwaBenchmark();
      benchmark.n = 10_000;
      double value = forwardBackwardOnce(benchmark, activation);
      LossOutput expected =
          referenceLoss(activation)
              .processLcwaScores(
                  FloatTensor.of(benchmark.predictions, 1000, 10),
                  FloatTensor.of(benchmark.labels, 1000, 10),
                  null,
                  null);
      assertWithinParity(expected.value(), value, "LCWA " + activation);
      assertArrayEquals(
          expected.gradient().toArray(), benchmark.gradient, 1e-9f, "LCWA " + activation);
    }
  }

  @Test
  void slcwaBenchmarkComputesTheLossAndItsGradients() {
    for (String activation : List.of("relu", "softplus")) {
      SlcwaBenchmark benchmark = new SlcwaBenchmark();
      benchmark.b = 10_000;
      double value = forwardBackwardOnce(benchmark, activation);
      SlcwaLossOutput expected =
          referenceLoss(activation)
              .processSlcwaScores(
                  FloatTensor.of(benchmark.positives, 10_000, 1),
                  FloatTensor.of(benchmark.negatives, 10_000, SlcwaBenchmark.K),
                  null,
                  null,
                  null);
      assertWithinParity(expected.value(), value, "sLCWA " + activation);
      assertArrayEquals(expected.positiveGradient().toArray(), benchmark.positiveGradient, 1e-9f);
      assertArrayEquals(expected.negativeGradient().toArray(), benchmark.negativeGradient, 1e-9f);
    }
  }

  @Test
  void scaleBenchmarkScalesEveryElementWithOneAndTwoThreads() throws Exception {
    for (int threads : new int[] {1, 2}) {
      ScaleBenchmark benchmark = new ScaleBenchmark();
      benchmark.b = 10_000;
      benchmark.threads = threads;
      benchmark.setUp();
      try {
        benchmark.scale();
        assertEquals(10_000 * (SlcwaBenchmark.K + 1), benchmark.dst.length);
        for (int i = 0; i < benchmark.dst.length; i++) {
          assertEquals(
              3f * benchmark.src[i], benchmark.dst[i], "element " + i + ", threads " + threads);
        }
      } finally {
        benchmark.tearDown();
      }
    }
  }

  @Test
  void adamRateRunsPyTorchsDenseAdamStepOnItsArrays() throws Exception {
    float[][] reference = AdamRate.draw(3);
    for (int s = 0; s < 5; s++) {
      AdamRate.STEP.apply(
          reference[0], reference[1], reference[2], reference[3], 0, AdamRate.VALUES);
    }
    float[] x = AdamRate.run(5, 3);
    assertArrayEquals(reference[0], x, "five steps value by value");
    assertNotEquals(AdamRate.draw(3)[0][0], x[0], "the steps moved the parameters");
    double rate = AdamRate.measure(1, 1, 0.01);
    assertTrue(rate > 0 && Double.isFinite(rate), () -> "values per second " + rate);
  }

  @Test
  void predictBenchmarkAnswersTheTopTailsOfTrainingPairs() {
    Path datasets = Path.of(System.getProperty("kge4j.shared", "../../shared"), "datasets");
    Assumptions.assumeTrue(
        Files.isDirectory(datasets.resolve("nations")),
        "the shared datasets are missing at " + datasets.toAbsolutePath());
    System.setProperty(Datasets.DATASETS_PROPERTY, datasets.toAbsolutePath().toString());
    PredictBenchmark benchmark = new PredictBenchmark();
    benchmark.dataset = "nations";
    benchmark.model = "complex";
    benchmark.dim = 4;
    benchmark.top = 3;
    benchmark.setUp();
    Dataset nations = Datasets.load("nations");
    TripleSet known =
        TripleSet.of(List.of(nations.training(), nations.validation(), nations.testing()));
    for (int q = 0; q < 3; q++) {
      TargetPredictions answers = benchmark.topTails();
      int head = benchmark.heads[q];
      int relation = benchmark.relations[q];
      assertEquals(3, answers.answers().size());
      assertEquals(head, answers.fixed().get(Target.HEAD).id());
      assertEquals(relation, answers.fixed().get(Target.RELATION).id());
      float[] scores = new float[nations.numEntities()];
      benchmark.predictor.model().scoreTails(head, relation, scores);
      float previous = Float.POSITIVE_INFINITY;
      for (Prediction p : answers.answers()) {
        assertEquals(scores[p.id()], p.score());
        assertTrue(p.score() <= previous, "best first");
        assertTrue(!known.contains(head, relation, p.id()), "known tails are filtered");
        previous = p.score();
      }
    }
  }

  @Test
  void jmhRunsTheLossBenchmarksInProcess() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include("org\\.kge4j\\.bench\\.(Lcwa|Slcwa)Benchmark")
            .param("n", "10000")
            .param("b", "10000")
            .param("activation", "relu")
            .param("impl", "scalar")
            .param("threads", "1")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .build();
    Collection<RunResult> results = new Runner(options).run();
    assertEquals(2, results.size());
    for (RunResult result : results) {
      assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
    }
  }

  @Test
  void gemmBenchmarkScoresEveryQueryAgainstEveryEntity() {
    for (String impl : List.of("kge4j", "netlib-java", "netlib-native")) {
      GemmBenchmark benchmark = new GemmBenchmark();
      benchmark.impl = impl;
      benchmark.m = 7;
      benchmark.n = 130;
      benchmark.k = 20;
      try {
        benchmark.setUp();
      } catch (LinkageError | RuntimeException e) {
        // netlib reports a missing libblas.so.3 as a RuntimeException ("Unable to load native
        // implementation"), older set-ups as a linkage error; only the native BLAS may be absent
        Assumptions.assumeFalse(impl.equals("netlib-native"), "no native BLAS here: " + e);
        throw e;
      }
      benchmark.scoreUnit();
      // kge4j writes rows of a whole pass, as the evaluator does; the BLAS rows of the pass's n
      int stride = impl.equals("kge4j") ? GemmBenchmark.PASS : benchmark.n;
      // one pass holds every entity: scores[i·stride + e] = <query i, entity e>, within the
      // rounding
      // bound of a float sum of k products in any order, k·2^-24·Σ|q_r·e_r| (a BLAS sums in its
      // own order; a score near 0 from cancelling terms is only that exact)
      for (int i = 0; i < benchmark.m; i++) {
        for (int e = 0; e < benchmark.n; e++) {
          double dot = 0;
          double magnitude = 0;
          for (int r = 0; r < benchmark.k; r++) {
            double product =
                (double) benchmark.queries[i * benchmark.k + r]
                    * benchmark.entities[e * benchmark.k + r];
            dot += product;
            magnitude += Math.abs(product);
          }
          double actual = benchmark.scores[i * stride + e];
          double bound = benchmark.k * 0x1p-24 * magnitude + 1e-12;
          String what = impl + " (" + i + ", " + e + "): expected " + dot + " ± " + bound;
          assertTrue(Math.abs(actual - dot) <= bound, () -> what + ", got " + actual);
        }
      }
    }
  }
}
