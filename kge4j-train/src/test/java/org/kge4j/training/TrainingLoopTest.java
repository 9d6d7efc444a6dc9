package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.TrainingFixtures.crashAfterTwoEpochs;
import static org.kge4j.testing.TrainingFixtures.freshLoop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.config.StopperConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.data.SharedDatasets;
import org.kge4j.model.Model;
import org.kge4j.testing.LogCapture;

/** Short trainings on the embedded dataset: learning, determinism, resume, divergence. */
class TrainingLoopTest {

  private static Dataset embedded;

  /** Chance level of the realistic MRR on the embedded dataset: 271 entities. */
  private static double chanceMrr;

  @BeforeAll
  static void loadData() {
    embedded = Datasets.embedded();
    chanceMrr = chanceMrr(embedded.numEntities());
  }

  /** Expected MRR of uniformly random ranks among {@code n} entities. */
  private static double chanceMrr(int n) {
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1.0 / k;
    }
    return sum / n;
  }

  private static PipelineConfig.Builder small() {
    return PipelineConfig.builder()
        .model("distmult")
        .embeddingDim(32)
        .numEpochs(4)
        .batchSize(256)
        .numNegsPerPos(8)
        .learningRate(0.02)
        .randomSeed(7);
  }

  /** {@link #small()} with LCWA, which samples no negatives. */
  private static PipelineConfig.Builder small(LoopKind loop) {
    return loop == LoopKind.SLCWA
        ? small()
        : small().trainingLoop(loop).set("negative_sampler_kwargs", null);
  }

  /** The model {@code config} trains on the embedded graph, without the test evaluation. */
  private static Model trainedModel(PipelineConfig config, int numThreads) {
    return Pipeline.builder(config, embedded)
        .numThreads(numThreads)
        .evaluateTest(false)
        .build()
        .run()
        .training()
        .model();
  }

  /** The training of a pipeline run on the embedded dataset that skips the test evaluation. */
  private static TrainingResult trainWithoutTest(PipelineConfig config) {
    return Pipeline.builder(config, embedded).evaluateTest(false).build().run().training();
  }

  private static double mrr(PipelineResult result) {
    return result.testMetrics().get(StopperConfig.METRIC);
  }

  /** Runs {@code config} on {@code data} and asserts a test MRR above {@code factor} × chance. */
  private static PipelineResult assertBeatsChance(
      PipelineConfig config, Dataset data, double factor, double chance) {
    PipelineResult result = Pipeline.builder(config, data).build().run();
    assertTrue(mrr(result) > factor * chance, "MRR " + mrr(result) + " vs chance " + chance);
    return result;
  }

  @Test
  void slcwaDistMultBeatsChanceByAWideMargin() {
    PipelineConfig config = small().numEpochs(25).build();
    PipelineResult result = assertBeatsChance(config, embedded, 10, chanceMrr);
    assertEquals(25, result.training().losses().size());
    assertTrue(
        result.training().losses().get(24) < result.training().losses().get(0),
        "loss must fall: " + result.training().losses());
    assertTrue(result.training().triplesPerSecond() > 0);
  }

  @Test
  void filteredSlcwaComplExWithSoftplusLearns() {
    PipelineConfig config =
        small()
            .model("complex")
            .embeddingDim(16)
            .numEpochs(20)
            .filtered(true)
            .marginActivation("softplus")
            .build();
    assertBeatsChance(config, embedded, 10, chanceMrr);
  }

  @Test
  void lcwaComplExOnNationsBeatsChanceByAWideMargin() {
    // LCWA needs many epochs on the 271-entity embedded graph; nations (14 entities) is quick
    Dataset nations = Datasets.fromDirectory(SharedDatasets.directory().resolve("nations"));
    double chance = chanceMrr(nations.numEntities());
    PipelineConfig config =
        small(LoopKind.LCWA)
            .model("complex")
            .embeddingDim(16)
            .numEpochs(40)
            .batchSize(128)
            .learningRate(0.01)
            .marginActivation("softplus")
            .labelSmoothing(0.01)
            .build();
    assertBeatsChance(config, nations, 1.8, chance);
  }

  @Test
  void transeLearnsWithDistanceLimits() {
    PipelineConfig config =
        small()
            .model("transe")
            .embeddingDim(32)
            .numEpochs(20)
            .distanceLimits(0.5, 1.5)
            .learningRate(0.01)
            .build();
    assertBeatsChance(config, embedded, 10, chanceMrr);
  }

  @Test
  void warnsOnceWhenTheMarginsCannotSeparateTheModelsScores() {
    List<String> messages =
        LogCapture.recordsOf(
                TrainingLoop.class,
                () -> {
                  // PyKEEN's default margins (1, 0) with TransE, whose scores are <= 0
                  trainWithoutTest(small().model("transe").numEpochs(2).build());
                  trainWithoutTest(small().numEpochs(1).build());
                  // touching zones (0, 0) on an unbounded model: a warning, but no distance-model
                  // advice
                  trainWithoutTest(
                      small()
                          .model("distmult")
                          .positiveMargin(0.0)
                          .negativeMargin(0.0)
                          .numEpochs(1)
                          .build());
                })
            .stream()
            .map(LogRecord::getMessage)
            .toList();
    assertEquals(2, messages.size(), messages.toString());
    assertTrue(
        messages
            .get(0)
            .startsWith(
                "DoubleMarginLoss(positive margin 1.0, negative margin"
                    + " 0.0) cannot separate transe's scores: "),
        messages.get(0));
    assertTrue(messages.get(0).contains("no positive can reach its zone"), messages.get(0));
    assertTrue(messages.get(0).contains("--distance-limits"), messages.get(0));
    assertTrue(messages.get(1).contains("the zones overlap"), messages.get(1));
    assertTrue(messages.get(1).contains("positive_margin + negative_margin > 0"), messages.get(1));
    assertFalse(messages.get(1).contains("distance"), messages.get(1));
  }

  @Test
  void oneAndTwoThreadsGiveBitIdenticalModels() {
    for (LoopKind loop : LoopKind.values()) {
      PipelineConfig config = small(loop).build();
      Model a = trainedModel(config, 1);
      Model b = trainedModel(config, 2);
      assertArrayEquals(a.entityEmbeddings().block(0), b.entityEmbeddings().block(0), loop + "");
      assertArrayEquals(
          a.relationEmbeddings().block(0), b.relationEmbeddings().block(0), loop + "");
    }
  }

  @Test
  void resumingFromACheckpointGivesTheUninterruptedModel(@TempDir Path dir) {
    for (LoopKind loop : LoopKind.values()) {
      PipelineConfig config = small(loop).numEpochs(4).earlyStopping(1, 5).build();
      TrainingResult straight = trainWithoutTest(config);

      Path file = dir.resolve(loop.id() + ".ckpt");
      crashAfterTwoEpochs(Pipeline.builder(config, embedded).evaluateTest(false), file);

      TrainingResult resumed =
          Pipeline.resume(file, embedded)
              .numThreads(1)
              .checkpoint(file, 0)
              .evaluateTest(false)
              .build()
              .run()
              .training();
      assertArrayEquals(
          straight.model().entityEmbeddings().block(0),
          resumed.model().entityEmbeddings().block(0),
          loop + " entities");
      assertArrayEquals(
          straight.model().relationEmbeddings().block(0),
          resumed.model().relationEmbeddings().block(0),
          loop + " relations");
      assertEquals(straight.losses(), resumed.losses());
      assertEquals(straight.validations(), resumed.validations());
      assertEquals(4, Checkpoint.read(file).epochsCompleted());
    }
  }

  @Test
  void theRngChainLinksTheEpochs() {
    PipelineConfig config = small().numEpochs(2).build();
    TrainingLoop loop = freshLoop(config, embedded, 2);
    loop.train(TrainingListener.NONE);
    assertEquals(
        TrainingLoop.nextRngState(TrainingLoop.nextRngState(7)), loop.checkpoint().rngState());
  }

  /**
   * Partitioned training runs every epoch in a fresh loop over a fresh model, restoring rows,
   * optimizer state rows, the step count and the epoch's RNG state: that must give the model of one
   * uninterrupted loop, bit for bit.
   */
  @Test
  void epochsInFreshLoopsWithRowRestoredStateGiveTheUninterruptedModel() {
    for (String optimizer : List.of("adam", "adagrad")) {
      PipelineConfig config = small().optimizer(optimizer).numEpochs(3).build();
      Model straight = trainedModel(config, 2);

      Model carried = config.createModel(embedded.numEntities(), embedded.numRelations());
      long rngState = config.randomSeed();
      List<List<float[]>> state = null;
      long steps = 0;
      for (int epoch = 1; epoch <= 3; epoch++) {
        PipelineConfig piece = config.toBuilder().numEpochs(1).randomSeed(rngState).build();
        Model model = config.createModel(embedded.numEntities(), embedded.numRelations());
        copyRows(carried, model);
        TrainingLoop loop = TrainingLoop.create(piece, model, embedded.training(), null, 2);
        if (state != null) {
          restoreState(loop, model, state);
          loop.optimizer().setSteps(steps);
        }
        loop.train(TrainingListener.NONE);
        state = saveState(loop, model);
        steps = loop.optimizer().steps();
        carried = model;
        rngState = TrainingLoop.nextRngState(rngState);
      }
      assertArrayEquals(
          straight.entityEmbeddings().toArray(), carried.entityEmbeddings().toArray(), optimizer);
      assertArrayEquals(
          straight.relationEmbeddings().toArray(),
          carried.relationEmbeddings().toArray(),
          optimizer);
    }
  }

  private static void copyRows(Model from, Model to) {
    for (int r = 0; r < from.numEntities(); r++) {
      to.entityEmbeddings().setRow(r, from.entityEmbeddings().row(r));
    }
    for (int r = 0; r < from.numRelations(); r++) {
      to.relationEmbeddings().setRow(r, from.relationEmbeddings().row(r));
    }
  }

  /** Every state row of both tables: entity slots first, then relation slots. */
  private static List<List<float[]>> saveState(TrainingLoop loop, Model model) {
    List<List<float[]>> rows = new ArrayList<>();
    for (var table : List.of(model.entityEmbeddings(), model.relationEmbeddings())) {
      for (int slot = 0; slot < loop.optimizer().numSlots(); slot++) {
        List<float[]> slotRows = new ArrayList<>();
        for (int r = 0; r < table.numRows(); r++) {
          slotRows.add(loop.optimizer().stateRow(table, slot, r));
        }
        rows.add(slotRows);
      }
    }
    return rows;
  }

  private static void restoreState(TrainingLoop loop, Model model, List<List<float[]>> rows) {
    int i = 0;
    for (var table : List.of(model.entityEmbeddings(), model.relationEmbeddings())) {
      for (int slot = 0; slot < loop.optimizer().numSlots(); slot++) {
        List<float[]> slotRows = rows.get(i++);
        for (int r = 0; r < table.numRows(); r++) {
          loop.optimizer().setStateRow(table, slot, r, slotRows.get(r));
        }
      }
    }
  }

  @Test
  void divergingTrainingNamesEpochAndBatch() {
    // SGD with an absurd step: batch 1 makes the relations ~1e29, batch 2 overflows them
    PipelineConfig config = small().optimizer("sgd").learningRate(1e30).build();
    NonFiniteLossException e =
        assertThrows(
            NonFiniteLossException.class, () -> Pipeline.builder(config, embedded).build().run());
    assertEquals(1, e.epoch());
    assertEquals(3, e.batch());
    assertTrue(
        e.getMessage().startsWith("non-finite loss in epoch 1, batch 3 of 18: "), e.getMessage());
  }

  @Test
  void divergingLcwaTrainingNamesTheFirstNonFiniteScoreWhateverTheThreads() {
    // each shard checks its own rows; the message still names the batch's first non-finite score
    PipelineConfig config = small(LoopKind.LCWA).optimizer("sgd").learningRate(1e30).build();
    List<String> messages = new ArrayList<>();
    for (int threads : new int[] {1, 2}) {
      NonFiniteLossException e =
          assertThrows(
              NonFiniteLossException.class,
              () -> Pipeline.builder(config, embedded).numThreads(threads).build().run());
      assertTrue(
          e.getMessage()
              .matches("non-finite loss in epoch \\d+, batch \\d+ of \\d+: 1-N score \\d+ is .*"),
          e.getMessage());
      messages.add(e.getMessage());
    }
    assertEquals(messages.get(0), messages.get(1));
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch(@TempDir Path dir) {
    // a relative delta of 1000% can never be met again, so the second validation stops training
    PipelineConfig config =
        small()
            .numEpochs(10)
            .earlyStopping(1, 1)
            .kwarg("stopper_kwargs", "relative_delta", 10.0)
            .build();
    Path file = dir.resolve("stopped.ckpt");
    TrainingResult stopped =
        Pipeline.builder(config, embedded)
            .checkpoint(file, 0)
            .evaluateTest(false)
            .build()
            .run()
            .training();
    assertTrue(stopped.stoppedEarly());
    assertEquals(2, stopped.epochsCompleted());
    assertEquals(1, stopped.bestEpoch());
    assertEquals(2, stopped.validations().size());
    PipelineConfig oneEpoch = small().numEpochs(1).build();
    Model best = trainWithoutTest(oneEpoch).model();
    assertArrayEquals(
        best.entityEmbeddings().block(0), stopped.model().entityEmbeddings().block(0));
    // resuming an early-stopped run trains nothing more
    TrainingResult resumed =
        Pipeline.resume(file, embedded).evaluateTest(false).build().run().training();
    assertTrue(resumed.stoppedEarly());
    assertEquals(2, resumed.epochsCompleted());
    assertArrayEquals(
        best.entityEmbeddings().block(0), resumed.model().entityEmbeddings().block(0));
  }

  @Test
  void trainingWithoutValidationRecordsNoMetrics() {
    TrainingResult result =
        Pipeline.builder(small().numEpochs(1).build(), embedded)
            .evaluateTest(false)
            .build()
            .run()
            .training();
    assertTrue(result.validations().isEmpty());
    assertFalse(result.stoppedEarly());
    assertEquals(0, result.bestEpoch());
  }

  @Test
  void splitsWithoutKnownTriplesFailBeforeTraining(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("train.txt"), "a\tr\tb\nb\tr\tc\n");
    java.nio.file.Files.writeString(dir.resolve("valid.txt"), "x\tr\ta\n");
    java.nio.file.Files.writeString(dir.resolve("test.txt"), "a\tr\ty\nz\tr\tb\n");
    Dataset unknown = Datasets.load(dir.toString());
    List<Integer> started = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpochStart(int epoch) {
            started.add(epoch);
          }
        };
    PipelineConfig config = small().dataset(dir.toString()).numEpochs(1).build();
    IllegalArgumentException test =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pipeline.builder(config, unknown).listener(listener).build().run());
    assertEquals(
        "the testing split of dataset "
            + unknown.name()
            + " has no triples to evaluate: all 2 were dropped because an entity or relation does"
            + " not occur in training; it needs at least 1",
        test.getMessage());
    IllegalArgumentException validation =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Pipeline.builder(small().validationFrequency(1).build(), unknown)
                    .listener(listener)
                    .evaluateTest(false)
                    .build()
                    .run());
    assertEquals(
        "stopper_kwargs.frequency 1 needs validation triples, got 0 (1 dropped as unknown); set"
            + " frequency 0 to train without validation",
        validation.getMessage());
    assertEquals(List.of(), started, "no epoch started");
  }
}
