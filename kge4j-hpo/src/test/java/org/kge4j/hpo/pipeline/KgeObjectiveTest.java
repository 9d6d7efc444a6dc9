package org.kge4j.hpo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.GridSampler;
import org.kge4j.hpo.study.MedianPruner;
import org.kge4j.hpo.study.NopPruner;
import org.kge4j.hpo.study.RandomSampler;
import org.kge4j.hpo.study.Study;
import org.kge4j.hpo.study.TrialState;
import org.kge4j.training.NonFiniteLossException;
import org.kge4j.training.Pipeline;
import org.kge4j.training.TrainingResult;

class KgeObjectiveTest {

  private static final Dataset DATA = Datasets.embedded();
  private static final String MRR = "both.realistic.inverse_harmonic_mean_rank";

  /** ComplEx on the embedded graph with everything explicit but the learning rate. */
  static Map<String, Object> pipeline(
      int epochs, String stopper, Map<String, Object> stopperKwargs) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("dataset", "embedded");
    p.put("model", "ComplEx");
    p.put("model_kwargs", Map.of("embedding_dim", 8));
    p.put(
        "loss_kwargs",
        Map.of(
            "positive_margin", 1.0,
            "negative_margin", 0.0,
            "positive_negative_balance", 0.5,
            "margin_activation", "softplus"));
    p.put("regularizer_kwargs", Map.of("weight", 0.01));
    p.put("negative_sampler_kwargs", Map.of("num_negs_per_pos", 4));
    p.put("training_kwargs", Map.of("num_epochs", epochs, "batch_size", 512));
    p.put("stopper", stopper);
    p.put("stopper_kwargs", stopperKwargs);
    p.put(
        "optimizer_kwargs_ranges",
        Map.of("lr", Map.of("type", "float", "low", 0.001, "high", 0.1, "log", true)));
    return p;
  }

  /**
   * {@link #pipeline} for 2 epochs with both margins searched, positive in [-1, 1] and negative in
   * [0, 1], so that a point drawn without order may have positive < negative.
   */
  private static Map<String, Object> searchedMargins() {
    Map<String, Object> p = pipeline(2, "nop", Map.of("frequency", 2));
    p.put("loss_kwargs", Map.of("margin_activation", "softplus"));
    p.put(
        "loss_kwargs_ranges",
        Map.of(
            "positive_margin", Map.of("type", "float", "low", -1.0, "high", 1.0),
            "negative_margin", Map.of("type", "float", "low", 0.0, "high", 1.0)));
    return p;
  }

  private static Study study(
      org.kge4j.hpo.study.Sampler sampler, org.kge4j.hpo.study.Pruner pruner) {
    return Study.builder("test", org.kge4j.hpo.study.StudyDirection.MAXIMIZE)
        .sampler(sampler)
        .pruner(pruner)
        .build();
  }

  private static double lr(PipelineConfig config) {
    return config.optimizer().lr();
  }

  @Test
  void everyValidationIsReportedAtItsEpochAndTheLastOneIsTheValue() {
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline(4, "nop", Map.of("frequency", 2)));
    FakeTrainer trainer = new FakeTrainer((c, epoch) -> lr(c) * epoch);
    Study study = study(new RandomSampler(1), new NopPruner());
    study.optimize(KgeObjective.builder(space, DATA).trainer(trainer).build(), 3);
    List<FrozenTrial> trials = study.trials();
    assertEquals(3, trials.size());
    for (FrozenTrial t : trials) {
      double lr = (Double) t.params().get("optimizer.lr");
      assertEquals(TrialState.COMPLETE, t.state());
      assertEquals(Map.of(2, lr * 2, 4, lr * 4), t.intermediateValues());
      assertEquals(lr * 4, t.value().getAsDouble());
      assertEquals("42", t.userAttributes().get(KgeObjective.RANDOM_SEED));
      assertEquals(Double.toString(lr * 4), t.userAttributes().get("validation." + MRR));
    }
    assertEquals(List.of(4, 4, 4), trainer.epochsTrained);
  }

  @Test
  void aTrialBelowTheMedianIsPrunedAtItsFirstValidationAndTrainsNoFurther() {
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline(6, "nop", Map.of("frequency", 2)));
    FakeTrainer trainer = new FakeTrainer((c, epoch) -> lr(c));
    Study study = study(new RandomSampler(1), new MedianPruner(1, 0, 1, 1));
    study.enqueueTrial(Map.of("optimizer.lr", 0.05));
    study.enqueueTrial(Map.of("optimizer.lr", 0.002));
    study.enqueueTrial(Map.of("optimizer.lr", 0.08));
    study.optimize(KgeObjective.builder(space, DATA).trainer(trainer).build(), 3);
    List<FrozenTrial> trials = study.trials();
    assertEquals(TrialState.COMPLETE, trials.get(0).state());
    assertEquals(TrialState.PRUNED, trials.get(1).state());
    assertEquals(Map.of(2, 0.002), trials.get(1).intermediateValues());
    assertEquals(0.002, trials.get(1).value().getAsDouble(), "a pruned trial keeps its last value");
    assertEquals(TrialState.COMPLETE, trials.get(2).state());
    assertEquals(List.of(6, 2, 6), trainer.epochsTrained, "epochs are the pruned resource");
  }

  @Test
  void earlyStoppingRecordsTheStoppedAndBestEpochsAndTheBestEpochReplacesNumEpochs() {
    Map<String, Object> stopper = Map.of("frequency", 2, "patience", 2, "relative_delta", 0.0);
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline(20, "early", stopper));
    double[] curve = {0.3, 0.5, 0.4, 0.45, 0.2};
    FakeTrainer trainer = new FakeTrainer((c, epoch) -> curve[epoch / 2 - 1]);
    Study study = study(new RandomSampler(2), new NopPruner());
    study.optimize(KgeObjective.builder(space, DATA).trainer(trainer).build(), 1);
    FrozenTrial t = study.trials().get(0);
    assertEquals(0.5, t.value().getAsDouble(), "the value of the restored best epoch");
    assertEquals("8", t.userAttributes().get(KgeObjective.STOPPED_EPOCH));
    assertEquals("4", t.userAttributes().get(KgeObjective.BEST_EPOCH));
    assertEquals(List.of(8), trainer.epochsTrained);

    BestPipeline best = BestPipeline.of(study, space, ObjectiveMetric.MRR).orElseThrow();
    assertEquals(4, best.config().training().numEpochs());
    assertEquals("nop", best.config().stopper().name());
    assertEquals(2, best.config().stopper().frequency());
    assertEquals(t.params().get("optimizer.lr"), best.config().optimizer().lr());
    assertEquals(0, best.metadata().get("best_trial_number"));
    assertEquals(0.5, best.metadata().get("best_trial_evaluation"));
    assertEquals(
        "While the original config had 20 epochs, early stopping ended training after epoch 8 and"
            + " restored epoch 4, whose model the trial's value belongs to; num_epochs is now 4,"
            + " which retrains that model",
        best.metadata().get("_stopper_comment"));
  }

  @Test
  void anUnorderedGridPointIsAFailedTrialThatIsNeverTrained() {
    Map<String, Object> p = searchedMargins();
    p.remove("optimizer_kwargs_ranges");
    p.put("optimizer_kwargs", Map.of("lr", 0.01));
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(p);
    assertEquals(
        List.of("loss.positive_negative_balance", "loss.negative_margin", "loss.positive_margin"),
        space.dimensions().stream().map(SearchDimension::name).toList());
    Map<String, List<?>> grid = new LinkedHashMap<>();
    grid.put("loss.positive_negative_balance", List.of(0.5));
    grid.put("loss.positive_margin", List.of(-1.0, 1.0));
    grid.put("loss.negative_margin", List.of(0.0, 1.0));
    FakeTrainer trainer = new FakeTrainer((c, epoch) -> c.loss().build().positiveMargin());
    Study study = study(new GridSampler(grid), new NopPruner());
    study.optimize(
        KgeObjective.builder(space, DATA).trainer(trainer).orderedSampling(false).build(), 4);
    List<FrozenTrial> trials = study.trials();
    assertEquals(4, trials.size(), "the grid's four points");
    for (int i = 0; i < 2; i++) {
      assertEquals(TrialState.FAIL, trials.get(i).state());
      assertEquals(
          "org.kge4j.hpo.pipeline.InvalidSampleException: invalid sample, not trained:"
              + " loss_kwargs: positive_margin (-1.0) must not be smaller than negative_margin ("
              + (i == 0 ? "0.0" : "1.0")
              + ")",
          trials.get(i).failMessage().orElseThrow());
      assertEquals(Map.of(), trials.get(i).intermediateValues());
    }
    assertEquals(TrialState.COMPLETE, trials.get(2).state());
    assertEquals(TrialState.COMPLETE, trials.get(3).state());
    assertEquals(2, trainer.epochsTrained.size(), "only the two valid points were trained");
  }

  @Test
  void searchedMarginPairsNeverProduceAnInvalidTrial() {
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(searchedMargins());
    FakeTrainer trainer = new FakeTrainer((c, epoch) -> c.loss().build().positiveMargin());
    Study study = study(new org.kge4j.hpo.study.TpeSampler(3), new NopPruner());
    study.optimize(KgeObjective.builder(space, DATA).trainer(trainer).build(), 25);
    assertEquals(25, study.trials().size());
    for (FrozenTrial t : study.trials()) {
      assertEquals(TrialState.COMPLETE, t.state(), t.failMessage().orElse(""));
      assertTrue(
          (Double) t.params().get("loss.negative_margin")
              <= (Double) t.params().get("loss.positive_margin"));
    }
  }

  @Test
  void aDivergingOrOutOfMemoryTrialFailsWithItsMessageAndTheStudyGoesOn() {
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline(2, "nop", Map.of("frequency", 1)));
    int[] calls = {0};
    TrialTrainer failing =
        (config, dataset, listener) -> {
          calls[0]++;
          if (calls[0] == 1) {
            throw new NonFiniteLossException(2, 3, 9, "the loss is NaN");
          }
          if (calls[0] == 2) {
            throw new OutOfMemoryError("Java heap space");
          }
          return new FakeTrainer((c, e) -> 0.25).train(config, dataset, listener);
        };
    Study study = study(new RandomSampler(4), new NopPruner());
    study.optimize(KgeObjective.builder(space, DATA).trainer(failing).build(), 1);
    List<FrozenTrial> trials = study.trials();
    assertEquals(3, trials.size());
    assertEquals(TrialState.FAIL, trials.get(0).state());
    assertTrue(
        trials
            .get(0)
            .failMessage()
            .orElseThrow()
            .contains("non-finite loss in epoch 2, batch 3 of 9"),
        trials.get(0).failMessage().orElseThrow());
    assertEquals(
        "java.lang.OutOfMemoryError: Java heap space", trials.get(1).failMessage().orElseThrow());
    assertEquals(TrialState.COMPLETE, trials.get(2).state());
  }

  @Test
  void theObjectiveNeedsValidationsAndAKnownMetric() {
    KgeSearchSpace noValidation =
        KgeSearchSpace.fromPipeline(pipeline(2, "nop", Map.of("frequency", 0)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> KgeObjective.builder(noValidation, DATA));
    assertEquals(
        "the objective reports the validation metric at every evaluation, so"
            + " stopper_kwargs.frequency must be >= 1, got 0",
        e.getMessage());
  }

  /** The test triples of the embedded graph swapped for its validation triples. */
  private static Dataset otherTesting() {
    return new Dataset(DATA.name(), DATA.training(), DATA.validation(), DATA.validation());
  }

  @Test
  void theSearchNeverSeesTheTestSplit() {
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline(2, "nop", Map.of("frequency", 1)));
    KgeObjective objective =
        KgeObjective.builder(space, DATA).trainer(TrialTrainer.pipeline(1)).numThreads(1).build();
    assertEquals(0, objective.searchData().testing().numTriples());
    assertSame(DATA.training(), objective.searchData().training());
    assertSame(DATA.validation(), objective.searchData().validation());
    Study a = study(new RandomSampler(9), new NopPruner());
    a.optimize(objective, 2);
    Study b = study(new RandomSampler(9), new NopPruner());
    b.optimize(
        KgeObjective.builder(space, otherTesting()).trainer(TrialTrainer.pipeline(1)).build(), 2);
    for (int i = 0; i < 2; i++) {
      assertEquals(a.trials().get(i).intermediateValues(), b.trials().get(i).intermediateValues());
    }
  }

  @Test
  void theBestConfigurationRetrainsTheModelOfItsTrial() {
    // 3 epochs validated every 2: the last epoch is validated once more by the objective
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline(3, "nop", Map.of("frequency", 2)));
    Study study = study(new RandomSampler(5), new NopPruner());
    study.optimize(
        KgeObjective.builder(space, DATA).trainer(TrialTrainer.pipeline(2)).numThreads(2).build(),
        3);
    FrozenTrial best = study.bestTrial().orElseThrow();
    assertEquals(Set.of(2, 3), best.intermediateValues().keySet());
    assertEquals(best.intermediateValues().get(3), best.value().getAsDouble());
    PipelineConfig config =
        BestPipeline.of(study, space, ObjectiveMetric.MRR).orElseThrow().config();
    assertEquals(1, config.stopper().frequency(), "gcd(2, 3): the re-run validates epoch 3");
    TrainingResult again =
        Pipeline.builder(config, DATA).evaluateTest(false).numThreads(1).build().run().training();
    double mrr =
        RankBasedEvaluator.builder()
            .numThreads(1)
            .build()
            .evaluate(again.model(), DATA.validation(), List.of(DATA.training()))
            .meanReciprocalRank();
    assertEquals(best.value().getAsDouble(), mrr, 0.0, "bit-identical re-training");
  }
}
