package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The target: on Branin and Hartmann-6, over 20 seeds, TPE's median best value after 50
 * evaluations beats random search's. For reference, Optuna 5.0 (TPESampler multivariate, seeds
 * 0..19) reaches medians 0.507 (Branin, optimum 0.397887) and −2.992 (Hartmann-6, optimum
 * −3.32237), its RandomSampler 1.144 and −1.768.
 */
class BenchmarkFunctionsTest {
  private static final int SEEDS = 20;
  private static final int EVALUATIONS = 50;

  /** Branin-Hoo on x1 ∈ [−5, 10], x2 ∈ [0, 15]. */
  private static double branin(Trial t) {
    double x1 = t.suggestFloat("x1", -5, 10);
    double x2 = t.suggestFloat("x2", 0, 15);
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double u = x2 - b * x1 * x1 + c * x1 - 6;
    return u * u + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
  }

  private static final double[][] A = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14}
  };
  private static final double[][] P = {
    {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
    {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
    {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
    {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}
  };
  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};

  /** Hartmann-6 on [0, 1]^6. */
  private static double hartmann6(Trial t) {
    double[] x = new double[6];
    for (int i = 0; i < 6; i++) {
      x[i] = t.suggestFloat("x" + i, 0, 1);
    }
    double sum = 0;
    for (int k = 0; k < 4; k++) {
      double inner = 0;
      for (int i = 0; i < 6; i++) {
        inner += A[k][i] * (x[i] - P[k][i]) * (x[i] - P[k][i]);
      }
      sum += ALPHA[k] * Math.exp(-inner);
    }
    return -sum;
  }

  private static double medianBest(Objective f, LongFunction<Sampler> sampler) {
    double[] bests = new double[SEEDS];
    for (int seed = 0; seed < SEEDS; seed++) {
      Study study =
          Study.builder("benchmark", StudyDirection.MINIMIZE)
              .sampler(sampler.apply(seed))
              .pruner(new NopPruner())
              .build();
      study.optimize(f, EVALUATIONS);
      bests[seed] = study.bestTrial().orElseThrow().value().getAsDouble();
    }
    Arrays.sort(bests);
    return 0.5 * (bests[SEEDS / 2 - 1] + bests[SEEDS / 2]);
  }

  private static void assertTpeBeatsRandom(String name, Objective f) {
    double tpe = medianBest(f, TpeSampler::new);
    double random = medianBest(f, RandomSampler::new);
    System.out.printf(
        "%s: median best after %d evaluations over %d seeds: TPE %.4f, random %.4f%n",
        name, EVALUATIONS, SEEDS, tpe, random);
    assertTrue(tpe < random, name + ": TPE median " + tpe + " vs random " + random);
  }

  @Test
  void tpeBeatsRandomOnBranin() {
    assertTpeBeatsRandom("Branin", BenchmarkFunctionsTest::branin);
  }

  @Test
  void tpeBeatsRandomOnHartmann6() {
    assertTpeBeatsRandom("Hartmann-6", BenchmarkFunctionsTest::hartmann6);
  }
}
