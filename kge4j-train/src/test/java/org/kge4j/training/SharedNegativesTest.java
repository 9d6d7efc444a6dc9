package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.model.Model;

/**
 * The block path of sLCWA with shared negatives (three block products per chunk, the loss over the
 * whole batch, owner-summed rows) against the per-positive path on the same negatives, which sums
 * in another order: equal loss and gradients up to float rounding; and bit-identical for 1 and 2
 * threads.
 */
class SharedNegativesTest {

  private static final int BATCH = 301; // 151 head positives (3 chunks) and 150 tail positives

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("complex", false, "mean", "softplus"),
        Arguments.of("complex", true, "sum", "relu"),
        Arguments.of("distmult", false, "sum", "softplus"),
        Arguments.of("distmult", true, "mean", "relu"));
  }

  @ParameterizedTest(name = "{0} filtered={1} {2} {3}")
  @MethodSource("cases")
  void blockPathEqualsThePerPositivePathAndIsBitIdenticalForOneAndTwoThreads(
      String name, boolean filtered, String reduction, String activation) {
    Dataset data = Datasets.embedded();
    PipelineConfig config = config(name, filtered, reduction, activation);
    BatchOutcome block = run(config, data, 2, true);
    BatchOutcome reference = run(config, data, 2, false);
    assertEquals(reference.value, block.value, 1e-5 * Math.max(1, Math.abs(reference.value)));
    assertClose(reference.positiveScores, block.positiveScores, "positive scores");
    assertClose(reference.negativeScores, block.negativeScores, "negative scores");
    assertClose(reference.entityGradient, block.entityGradient, "entity gradient");
    assertClose(reference.relationGradient, block.relationGradient, "relation gradient");
    int moved = 0;
    for (float g : block.entityGradient) {
      moved += g != 0f ? 1 : 0;
    }
    assertTrue(moved > block.entityGradient.length / 2, "entity values moved: " + moved);
    BatchOutcome oneThread = run(config, data, 1, true);
    assertEquals(oneThread.value, block.value);
    assertArrayEquals(oneThread.negativeScores, block.negativeScores);
    assertArrayEquals(oneThread.entityGradient, block.entityGradient);
    assertArrayEquals(oneThread.relationGradient, block.relationGradient);
  }

  private static PipelineConfig config(
      String name, boolean filtered, String reduction, String activation) {
    return PipelineConfig.builder()
        .model(name)
        .embeddingDim(8)
        .negativeSampler("shared")
        .numNegsPerPos(5)
        .batchSize(BATCH)
        .filtered(filtered)
        .reduction(reduction)
        .marginActivation(activation)
        .positiveMargin(0.5)
        .negativeMargin(-0.5)
        .regularizerWeight(0.2)
        .build();
  }

  /** One batch's loss, scores and gradients. */
  private record BatchOutcome(
      double value,
      float[] positiveScores,
      float[] negativeScores,
      float[] entityGradient,
      float[] relationGradient) {}

  private static BatchOutcome run(
      PipelineConfig config, Dataset data, int threads, boolean blockPath) {
    Model model = config.createModel(data.numEntities(), data.numRelations());
    SlcwaTrainingLoop loop =
        new SlcwaTrainingLoop(config, model, data.training(), null, threads, blockPath);
    int[] order = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      order[i] = (7 * i) % loop.numInstances();
    }
    try (Workers workers = new Workers(threads)) {
      loop.total.clear();
      double value =
          loop.processBatch(new Batch(order, 0, BATCH, 1, 1, 1), new SplittableRandom(3), workers);
      return new BatchOutcome(
          value,
          loop.positiveScores().clone(),
          loop.negativeScores().clone(),
          loop.total.entities().values().toArray(),
          loop.total.relations().values().toArray());
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 2e-5 + 2e-5 * Math.abs(expected[i]), what + " " + i);
    }
  }
}
