package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.hpo.IntParameter;

/** The study loop: outcomes of objectives, the trial budget, enqueued and conditional trials. */
class StudyTest {
  private static Study study(String name, StudyDirection direction, Sampler sampler) {
    return Study.builder(name, direction).sampler(sampler).pruner(new NopPruner()).build();
  }

  private static List<TrialState> states(Study study) {
    return study.trials().stream().map(FrozenTrial::state).toList();
  }

  @Test
  void stopEndsOptimizeAfterTheCurrentTrialAndALaterCallRunsOn() {
    Study study = study("stopped", StudyDirection.MINIMIZE, new RandomSampler(1));
    study.optimize(
        t -> {
          if (t.number() == 1) {
            study.stop();
          }
          throw new IllegalStateException("always failing");
        },
        5);
    assertEquals(List.of(TrialState.FAIL, TrialState.FAIL), states(study));
    study.optimize(t -> t.suggestFloat("x", 0, 1), 1);
    assertEquals(List.of(TrialState.FAIL, TrialState.FAIL, TrialState.COMPLETE), states(study));
  }

  @Test
  void aFailingObjectiveFailsItsTrialAndTheStudyGoesOn() {
    Study study = study("failing", StudyDirection.MINIMIZE, new RandomSampler(1));
    study.optimize(
        t -> {
          double x = t.suggestFloat("x", 0, 1);
          if (t.number() == 1) {
            throw new IllegalArgumentException("lr too large");
          }
          if (t.number() == 2) {
            return Double.NaN;
          }
          if (t.number() == 3) {
            throw new OutOfMemoryError("Java heap space");
          }
          return x;
        },
        3);
    assertEquals(
        List.of(
            TrialState.COMPLETE,
            TrialState.FAIL,
            TrialState.FAIL,
            TrialState.FAIL,
            TrialState.COMPLETE,
            TrialState.COMPLETE),
        states(study));
    List<FrozenTrial> trials = study.trials();
    assertEquals(
        Optional.of("java.lang.IllegalArgumentException: lr too large"),
        trials.get(1).failMessage());
    assertEquals(
        Optional.of("the objective returned NaN; a trial's value must be finite"),
        trials.get(2).failMessage());
    assertEquals(
        Optional.of("java.lang.OutOfMemoryError: Java heap space"), trials.get(3).failMessage());
    assertEquals(OptionalDouble.empty(), trials.get(1).value());
    assertTrue(trials.get(1).params().containsKey("x"), "a failed trial keeps its parameters");
    assertTrue(trials.get(1).end().isPresent());
  }

  @Test
  void aPrunedTrialKeepsItsLastIntermediateValueAndCountsTowardsTheTotal() {
    Study study = study("pruned", StudyDirection.MAXIMIZE, new RandomSampler(1));
    study.optimize(
        t -> {
          for (int epoch = 0; epoch < 3; epoch++) {
            t.report(epoch, 0.1 * (epoch + 1));
          }
          if (t.number() % 2 == 0) {
            throw new TrialPrunedException("pruned at epoch 2");
          }
          return 0.9;
        },
        4);
    assertEquals(
        List.of(TrialState.PRUNED, TrialState.COMPLETE, TrialState.PRUNED, TrialState.COMPLETE),
        states(study));
    FrozenTrial pruned = study.trials().get(0);
    assertEquals(0.30000000000000004, pruned.value().getAsDouble(), "0.1 · 3");
    assertEquals(Map.of(0, 0.1, 1, 0.2, 2, 0.30000000000000004), pruned.intermediateValues());
    assertEquals(1, study.bestTrial().orElseThrow().number());
  }

  @Test
  void theMedianPrunerStopsATrialBelowTheCompleteOnes() {
    Study study =
        Study.builder("median", StudyDirection.MAXIMIZE).sampler(new RandomSampler(0)).build();
    List<Boolean> decisions = new ArrayList<>();
    study.optimize(
        t -> {
          double value = t.number() < 5 ? 1.0 : 0.0;
          t.report(0, value);
          decisions.add(t.shouldPrune());
          if (decisions.get(decisions.size() - 1)) {
            throw new TrialPrunedException("below the median");
          }
          return value;
        },
        6);
    assertEquals(List.of(false, false, false, false, false, true), decisions);
    assertEquals(TrialState.PRUNED, study.trials().get(5).state());
  }

  @Test
  void nTrialsIsTheStudysTotalAndOptimizeResumes() {
    Study study = study("resume", StudyDirection.MINIMIZE, new RandomSampler(0));
    study.optimize(t -> t.suggestFloat("x", 0, 1), 3);
    study.optimize(t -> t.suggestFloat("x", 0, 1), 5);
    assertEquals(5, study.trials().size(), "the second call adds 2 trials to the 3");
    study.optimize(t -> t.suggestFloat("x", 0, 1), 4);
    assertEquals(5, study.trials().size(), "the study already holds 4 finished trials");
  }

  @Test
  void threadsSharingAStudyFinishExactlyNTrialsTogether() throws InterruptedException {
    InMemoryStorage storage = new InMemoryStorage();
    Study study =
        Study.builder("threads", StudyDirection.MINIMIZE)
            .sampler(new TpeSampler(5))
            .storage(storage)
            .build();
    Set<Integer> evaluated = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Integer> repeats = java.util.Collections.synchronizedList(new ArrayList<>());
    Objective objective =
        t -> {
          if (!evaluated.add(t.number())) {
            repeats.add(t.number());
          }
          double x = t.suggestFloat("x", -1, 1);
          Thread.sleep(5);
          return x * x;
        };
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      threads.add(new Thread(() -> study.optimize(objective, 20)));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    List<FrozenTrial> trials = study.trials();
    assertEquals(20, trials.size());
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    assertEquals(20, evaluated.size());
    assertEquals(List.of(), repeats);
  }

  @Test
  void enqueuedTrialsRunFirstWithTheirFixedValues() {
    Study study = study("enqueue", StudyDirection.MINIMIZE, new RandomSampler(0));
    study.enqueueTrial(Map.of("x", 0.25, "n", 3), Map.of("memo", "hand-picked"));
    study.enqueueTrial(Map.of("x", 7.0));
    study.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestInt("n", 1, 5), 3);
    List<FrozenTrial> trials = study.trials();
    assertEquals(Map.of("x", 0.25, "n", 3), trials.get(0).params());
    assertEquals(Map.of("memo", "hand-picked"), trials.get(0).userAttributes());
    assertEquals(TrialState.FAIL, trials.get(1).state());
    assertEquals(
        Optional.of(
            "java.lang.IllegalArgumentException: parameter x must be a float in [0.0, 1.0], got"
                + " 7.0 (Double)"),
        trials.get(1).failMessage());
    assertEquals(TrialState.COMPLETE, trials.get(2).state());
    assertEquals(4, trials.size(), "3 finished plus the failed one");
  }

  @Test
  void aParameterAskedTwiceKeepsItsValueAndItsDefinition() {
    Study study = study("twice", StudyDirection.MINIMIZE, new RandomSampler(0));
    study.optimize(
        t -> {
          double a = t.suggestFloat("x", 0, 1);
          assertEquals(a, t.suggestFloat("x", 0, 1));
          IllegalArgumentException e =
              assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("x", 0, 2));
          assertEquals(
              "parameter x was suggested as FloatParameter[name=x, low=0.0, high=1.0, log=false]"
                  + " in trial 0, now as FloatParameter[name=x, low=0.0, high=2.0, log=false]",
              e.getMessage());
          IllegalArgumentException step =
              assertThrows(IllegalArgumentException.class, () -> t.report(-1, 0));
          assertEquals("step must be >= 0, got -1", step.getMessage());
          t.report(0, 1.0);
          IllegalArgumentException again =
              assertThrows(IllegalArgumentException.class, () -> t.report(0, 2.0));
          assertEquals("trial 0 already reported step 0 (value 1.0)", again.getMessage());
          assertEquals(3, t.suggestInt("single", 3, 3), "a single-valued parameter");
          return a;
        },
        1);
    assertEquals(TrialState.COMPLETE, study.trials().get(0).state());
  }

  @Test
  void conditionalParametersAppearOnlyInTheirBranch() {
    Study study = study("conditional", StudyDirection.MINIMIZE, new TpeSampler(2));
    study.optimize(
        t -> {
          if (t.suggestCategorical("kind", List.of("a", "b")).equals("a")) {
            double x = t.suggestFloat("x", -2, 2);
            return x * x;
          }
          return 1 + t.suggestInt("n", 1, 100, 1, true) / 100.0;
        },
        40);
    List<FrozenTrial> trials = study.trials();
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    for (FrozenTrial t : trials) {
      boolean a = t.params().get("kind").equals("a");
      assertEquals(Set.of("kind", a ? "x" : "n"), t.params().keySet());
    }
    long late =
        trials.subList(20, 40).stream().filter(t -> t.params().get("kind").equals("a")).count();
    assertTrue(
        late >= 14, "branch a (values < 1 near x = 0) chosen in " + late + " of trials 20..39");
  }

  private static List<Map<String, Object>> paramsOf(Supplier<Sampler> sampler, String name) {
    Study study = study(name, StudyDirection.MINIMIZE, sampler.get());
    study.optimize(
        t -> {
          t.suggestFloat("lr", 1e-4, 1, true);
          t.suggestInt("dim", 16, 256, 16, false);
          t.suggestCategorical("act", List.of("relu", "softplus"));
          return t.suggestFloat("x", -1, 1);
        },
        15);
    return study.trials().stream().map(FrozenTrial::params).toList();
  }

  @Test
  void theSameSeedGivesTheSameTrials() {
    for (Supplier<Sampler> s :
        List.<Supplier<Sampler>>of(
            () -> new RandomSampler(11), () -> new SobolSampler(11), () -> new TpeSampler(11))) {
      List<Map<String, Object>> first = paramsOf(s, "a");
      assertEquals(first, paramsOf(s, "b"), s.get().toString());
      assertEquals(15, new HashSet<>(first).size());
    }
    assertNotEquals(paramsOf(() -> new TpeSampler(1), "a"), paramsOf(() -> new TpeSampler(2), "a"));
    assertNotEquals(
        paramsOf(() -> new SobolSampler(1), "a"), paramsOf(() -> new SobolSampler(2), "a"));
  }

  @Test
  void unscrambledSobolStartsAtTheLowerCornerThenTheMiddle() {
    Study study = study("sobol", StudyDirection.MINIMIZE, new SobolSampler(0, false));
    study.optimize(
        t -> {
          t.suggestFloat("x", 0, 10);
          t.suggestInt("n", 1, 4);
          return t.suggestCategorical("c", List.of("a", "b", "c", "d")).length();
        },
        3);
    List<FrozenTrial> trials = study.trials();
    assertEquals(Map.of("x", 0.0, "n", 1, "c", "a"), trials.get(0).params());
    // point 1 is (.5, .5, .5): x = 5; n: scale [.5, 4.5] → 2.5 rounds up to 3; ⌊.5·4⌋ = choice 2
    assertEquals(Map.of("x", 5.0, "n", 3, "c", "c"), trials.get(1).params());
    // point 2 is (.75, .25, .25): x = 7.5; n: 1.5 → 2; ⌊.25·4⌋ = choice 1
    assertEquals(Map.of("x", 7.5, "n", 2, "c", "b"), trials.get(2).params());
  }

  @Test
  void gridWorkersVisitEveryPointOnceInOrder() throws InterruptedException {
    Map<String, List<?>> values = new LinkedHashMap<>();
    values.put("lr", List.of(0.01, 0.1, 1.0));
    values.put("act", List.of("relu", "softplus"));
    GridSampler grid = new GridSampler(values);
    Study study = study("grid", StudyDirection.MINIMIZE, grid);
    Objective objective =
        t -> {
          Thread.sleep(2);
          return t.suggestFloat("lr", 0.001, 1, true)
              + t.suggestCategorical("act", List.of("relu", "softplus")).length();
        };
    Thread other = new Thread(() -> study.optimize(objective, 100));
    other.start();
    study.optimize(objective, 100);
    other.join();
    List<FrozenTrial> trials = study.trials();
    assertEquals(6, trials.size(), "the grid stops the study after its 6 points");
    Set<Map<String, Object>> seen = new HashSet<>();
    for (FrozenTrial t : trials) {
      assertEquals(grid.point(t.number()), t.params());
      assertTrue(seen.add(t.params()));
    }
    assertEquals(
        Map.of("lr", 0.01, "act", "softplus"), grid.point(1), "the last name varies fastest");
    assertEquals(Map.of("lr", 1.0, "act", "relu"), grid.point(4));
  }

  @Test
  void aGridFromASearchSpaceAndItsErrors() {
    GridSampler grid =
        GridSampler.of(
            HpoSpace.of(
                new FloatParameter("offset", 0, 1, false),
                new IntParameter("dim", 16, 64, 16, false)),
            3);
    assertEquals(9, grid.size());
    assertEquals(Map.of("offset", 0.5, "dim", 64), grid.point(5));
    Study study = study("grid-errors", StudyDirection.MINIMIZE, grid);
    study.optimize(t -> t.suggestFloat("lr", 0, 1), 1);
    assertEquals(
        Optional.of(
            "java.lang.IllegalArgumentException: the grid has no values for parameter lr; it has"
                + " [offset, dim]"),
        study.trials().get(0).failMessage());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new GridSampler(Map.of("x", List.of())));
    assertEquals(
        "grid values of parameter x must be a non-empty list without nulls, got []",
        e.getMessage());
  }

  @Test
  void bestTrialFollowsTheDirection() {
    Study max = study("best-max", StudyDirection.MAXIMIZE, new RandomSampler(0));
    assertEquals(Optional.empty(), max.bestTrial());
    double[] values = {0.2, 0.9, 0.9, 0.1};
    max.optimize(t -> values[t.number()], 4);
    assertEquals(1, max.bestTrial().orElseThrow().number(), "the first of the equal best");
    Study min = study("best-min", StudyDirection.MINIMIZE, new RandomSampler(0));
    min.optimize(t -> values[t.number()], 4);
    assertEquals(3, min.bestTrial().orElseThrow().number());
  }

  @Test
  void aTimeoutEndsTheStudyBetweenTrials() {
    Study study = study("timeout", StudyDirection.MINIMIZE, new RandomSampler(0));
    study.optimize(
        t -> {
          Thread.sleep(20);
          return 0;
        },
        1_000_000,
        Duration.ofMillis(200));
    int n = study.trials().size();
    assertTrue(n >= 1 && n < 1_000_000, n + " trials");
    assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
  }

  @Test
  void invalidUseIsRejectedWithTheValue() {
    InMemoryStorage storage = new InMemoryStorage();
    Study study = Study.builder("s", StudyDirection.MAXIMIZE).storage(storage).build();
    IllegalArgumentException n =
        assertThrows(IllegalArgumentException.class, () -> study.optimize(t -> 0, 0));
    assertEquals("n_trials must be >= 1, got 0", n.getMessage());
    IllegalArgumentException timeout =
        assertThrows(
            IllegalArgumentException.class, () -> study.optimize(t -> 0, 1, Duration.ZERO));
    assertEquals("timeout must be positive, got PT0S", timeout.getMessage());
    IllegalArgumentException direction =
        assertThrows(
            IllegalArgumentException.class,
            () -> Study.builder("s", StudyDirection.MINIMIZE).storage(storage).build());
    assertEquals("study s exists with direction MAXIMIZE, got MINIMIZE", direction.getMessage());
    IllegalArgumentException value =
        assertThrows(IllegalArgumentException.class, () -> study.enqueueTrial(Map.of("x", true)));
    assertEquals(
        "parameter x must be a number or a string, got true (Boolean)", value.getMessage());
    assertFalse(study.bestTrial().isPresent());
  }

  @Test
  void studyAttributesAreStored() {
    Study study = study("attributes", StudyDirection.MINIMIZE, new RandomSampler(0));
    study.setAttribute("dataset_sha256", "ab12");
    study.setAttribute("kge4j_version", "0.1.0");
    assertEquals(Map.of("dataset_sha256", "ab12", "kge4j_version", "0.1.0"), study.attributes());
  }
}
