package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.hpo.study.Trials.trial;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.IntParameter;

/** TPE's pieces against hand-computed values and Optuna's own Parzen estimator. */
class TpeSamplerTest {
  @Test
  void gammaIsTenPercentRoundedUpAtMostTwentyFive() {
    int[][] cases = {{0, 0}, {1, 1}, {10, 1}, {11, 2}, {100, 10}, {101, 11}, {250, 25}, {1000, 25}};
    for (int[] c : cases) {
      assertEquals(c[1], TpeSampler.defaultGamma(c[0]), "gamma(" + c[0] + ")");
    }
  }

  @Test
  void weightsRampOverTrialsOlderThanTheLastTwentyFive() {
    assertArrayEquals(new double[] {1, 1, 1}, TpeSampler.defaultWeights(3));
    assertEquals(0, TpeSampler.defaultWeights(0).length);
    double[] w = TpeSampler.defaultWeights(30);
    // linspace(1/30, 1, 5): steps of (1 − 1/30)/4 = 29/120
    assertArrayEquals(
        new double[] {1.0 / 30, 33.0 / 120, 62.0 / 120, 91.0 / 120, 1.0},
        java.util.Arrays.copyOf(w, 5),
        1e-15);
    for (int i = 5; i < 30; i++) {
      assertEquals(1.0, w[i]);
    }
    double[] w26 = TpeSampler.defaultWeights(26);
    assertEquals(1.0 / 26, w26[0], 1e-15, "a ramp of one is its start, as numpy's linspace");
  }

  @Test
  void splitTakesBestCompleteThenDeepestPrunedAndRunningAsWorst() {
    List<FrozenTrial> trials =
        List.of(
            trial(0, TrialState.COMPLETE, 3.0, Map.of()),
            trial(1, TrialState.COMPLETE, 1.0, Map.of()),
            trial(2, TrialState.PRUNED, 4.0, Map.of(0, 5.0, 1, 4.0)),
            trial(3, TrialState.PRUNED, 2.0, Map.of(0, 2.0)),
            trial(4, TrialState.RUNNING, null, Map.of()),
            trial(5, TrialState.COMPLETE, 2.0, Map.of()),
            trial(6, TrialState.PRUNED, null, Map.of()));
    // 4 below: the 3 complete trials, then the pruned trial that reached step 1
    assertSplit(List.of(0, 1, 2, 5), List.of(3, 4, 6), StudyDirection.MINIMIZE, trials, 4);
    // 5 below: then trial 3 (step 0, value 2) before trial 6 (no values)
    assertSplit(List.of(0, 1, 2, 3, 5), List.of(4, 6), StudyDirection.MINIMIZE, trials, 5);
    assertSplit(List.of(1, 5), List.of(0, 2, 3, 4, 6), StudyDirection.MINIMIZE, trials, 2);
    assertSplit(List.of(0), List.of(1, 2, 3, 4, 5, 6), StudyDirection.MAXIMIZE, trials, 1);
    assertSplit(List.of(), List.of(0, 1, 2, 3, 4, 5, 6), StudyDirection.MINIMIZE, trials, 0);
  }

  @Test
  void prunedTrialsAtTheSameStepAreOrderedByValueInTheStudyDirection() {
    List<FrozenTrial> trials =
        List.of(
            trial(0, TrialState.PRUNED, 0.2, Map.of(3, 0.2)),
            trial(1, TrialState.PRUNED, 0.7, Map.of(3, 0.7)),
            trial(2, TrialState.PRUNED, null, Map.of(3, Double.NaN)));
    assertSplit(List.of(1), List.of(0, 2), StudyDirection.MAXIMIZE, trials, 1);
    assertSplit(List.of(0), List.of(1, 2), StudyDirection.MINIMIZE, trials, 1);
  }

  private static void assertSplit(
      List<Integer> below,
      List<Integer> above,
      StudyDirection direction,
      List<FrozenTrial> trials,
      int nBelow) {
    TpeSampler.Split split = TpeSampler.split(direction, trials, nBelow);
    assertEquals(below, split.below().stream().map(FrozenTrial::number).toList());
    assertEquals(above, split.above().stream().map(FrozenTrial::number).toList());
  }

  @Test
  void kernelWidthsFollowTheNeighboursWithoutEndpoints() {
    Map<String, HpoParameter> space = Map.of("x", new FloatParameter("x", 0, 1, false));
    ParzenEstimator pe =
        new ParzenEstimator(
            space, new double[][] {{0.2}, {0.5}, {0.9}}, new double[] {1, 1, 1}, 1.0, true, false);
    // sorted with the ends: 0 | .2 .5 .9 | 1. σ(.5) = max(.3, .4); the outermost take the gap to
    // their inner neighbour (.3 and .4); clip [1/5, 1]; the prior sits at .5 with σ = 1
    assertArrayEquals(new double[] {0.2, 0.5, 0.9, 0.5}, pe.mus(0), 1e-15);
    assertArrayEquals(new double[] {0.3, 0.4, 0.4, 1.0}, pe.sigmas(0), 1e-15);
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, pe.weights(), 1e-15);
    // Optuna 5.0's _ParzenEstimator on the same observations
    assertEquals(-0.09146087532863856, pe.logPdf(new double[] {0.1}), 1e-12);
    assertEquals(0.1003890510798966, pe.logPdf(new double[] {0.5}), 1e-12);
    assertEquals(-0.16871026094972486, pe.logPdf(new double[] {0.95}), 1e-12);
  }

  @Test
  void logIntAndCategoricalKernelsMatchOptuna() {
    Map<String, HpoParameter> space = new LinkedHashMap<>();
    space.put("lr", new FloatParameter("lr", 1e-3, 1e-1, true));
    space.put("dim", new IntParameter("dim", 16, 256, 16, false));
    space.put("negs", new IntParameter("negs", 1, 100, 1, true));
    space.put("act", new CategoricalParameter("act", List.of("relu", "softplus", "tanh")));
    double[][] observations = {
      {0.002, 32, 1, 0}, {0.05, 256, 64, 2}, {0.01, 128, 7, 0}, {0.09, 16, 100, 1}
    };
    ParzenEstimator pe =
        new ParzenEstimator(space, observations, new double[] {1, 1, 1, 1}, 1.0, true, false);
    // lr on the log scale: gaps log 5 between .002, .01, .05; .09 is outermost at the top and its
    // gap log(.09/.05) is clipped up to the magic minimum log(100)/6
    double log5 = Math.log(5);
    assertArrayEquals(
        new double[] {log5, log5, log5, Math.log(100) / 6, Math.log(100)}, pe.sigmas(0), 1e-12);
    // dim: scale [8, 264]; 16 is outermost (gap 16, clipped up to 256/6), 32 → max(16, 96)
    assertArrayEquals(new double[] {32, 256, 128, 16, 136}, pe.mus(1), 1e-12);
    assertArrayEquals(new double[] {96, 128, 128, 256.0 / 6, 256}, pe.sigmas(1), 1e-12);
    // negs: scale [log .5, log 100.5], prior at its middle
    assertEquals(0.5 * (Math.log(0.5) + Math.log(100.5)), pe.mus(2)[4], 1e-12);
    // Optuna 5.0's _ParzenEstimator.log_pdf at the same points
    assertEquals(-6.6935011293416045, pe.logPdf(new double[] {0.003, 48, 2, 0}), 1e-10);
    assertEquals(-11.611527898406784, pe.logPdf(new double[] {0.08, 256, 50, 1}), 1e-10);
    assertEquals(-7.574973634454738, pe.logPdf(new double[] {0.001, 16, 1, 2}), 1e-10);
  }

  @Test
  void oldObservationsWeighLessAndThePriorKeepsItsWeight() {
    double[][] observations = new double[30][1];
    for (int i = 0; i < 30; i++) {
      observations[i][0] = 0.01 + i * 0.98 / 29;
    }
    ParzenEstimator pe =
        new ParzenEstimator(
            Map.of("x", new FloatParameter("x", 0, 1, false)),
            observations,
            TpeSampler.defaultWeights(30),
            1.0,
            true,
            false);
    // Σ = ramp (1/30 + 1)·5/2 + 25 ones + prior 1
    double total = (1.0 / 30 + 1) * 5 / 2 + 25 + 1;
    double[] w = pe.weights();
    assertEquals(1.0 / 30 / total, w[0], 1e-15);
    assertEquals(1.0 / total, w[30], 1e-15);
  }

  @Test
  void relativeSpaceIsTheSharedParametersOfFinishedTrialsByName() {
    HpoParameter x = new FloatParameter("x", 0, 1, false);
    HpoParameter a = new CategoricalParameter("a", List.of("p", "q"));
    HpoParameter narrowX = new FloatParameter("x", 0, 0.5, false);
    HpoParameter fixed = new IntParameter("k", 3, 3, 1, false);
    Study study = Study.builder("space", StudyDirection.MINIMIZE).build();
    study.enqueueTrial(Map.of("x", 0.1, "a", "p", "k", 3));
    study.enqueueTrial(Map.of("x", 0.2, "k", 3));
    study.optimize(
        t -> {
          t.suggest(x);
          if (t.number() == 0) {
            t.suggest(a);
          }
          t.suggest(fixed);
          return 0;
        },
        2);
    TpeSampler tpe = new TpeSampler(0);
    FrozenTrial any = study.trials().get(0);
    assertEquals(Map.of("x", x), tpe.inferRelativeSearchSpace(study, any));
    study.enqueueTrial(Map.of("x", 0.3));
    study.optimize(t -> t.suggest(narrowX) instanceof Double ? 0 : 1, 3);
    assertEquals(Map.of(), tpe.inferRelativeSearchSpace(study, any), "x was defined twice");
  }

  @Test
  void aClearOneDimensionalOptimumAttractsTheSuggestions() {
    // after 10 random trials TPE concentrates near x = 0.3: random search has a mean distance of
    // (0.3² + 0.7²)/2 = 0.29 to it; Optuna 5.0's TPESampler (multivariate) gives 0.126 over
    // trials 20..39 of 20 seeds
    double total = 0;
    int counted = 0;
    for (long seed = 0; seed < 10; seed++) {
      Study study =
          Study.builder("1d", StudyDirection.MINIMIZE).sampler(new TpeSampler(seed)).build();
      study.optimize(t -> Math.abs(t.suggestFloat("x", 0, 1) - 0.3), 40);
      for (FrozenTrial t : study.trials().subList(20, 40)) {
        total += Math.abs((Double) t.params().get("x") - 0.3);
        counted++;
      }
    }
    double mean = total / counted;
    assertTrue(mean < 0.18, "mean distance of TPE's trials 20..39 to the optimum: " + mean);
  }

  @Test
  void theBestChoiceWinsOnceTpeTakesOver() {
    int best = 0;
    for (long seed = 0; seed < 5; seed++) {
      Study study =
          Study.builder("categorical", StudyDirection.MAXIMIZE)
              .sampler(new TpeSampler(seed))
              .build();
      study.optimize(
          t -> t.suggestCategorical("c", List.of("a", "b", "c", "d")).equals("c") ? 1 : 0, 40);
      for (FrozenTrial t : study.trials().subList(10, 40)) {
        best += t.params().get("c").equals("c") ? 1 : 0;
      }
    }
    // uniform choice picks "c" in 7.5 of 30 trials; Optuna 5.0's TPE in 21 (mean of 5 seeds)
    assertTrue(best >= 5 * 15, "TPE chose the best category in " + best + " of 150 trials");
  }
}
