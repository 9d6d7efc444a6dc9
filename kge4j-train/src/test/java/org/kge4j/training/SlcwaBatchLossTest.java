package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.SlcwaLossOutput;
import org.kge4j.model.Model;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * The fused sLCWA step applies DoubleMarginLoss one positive at a time and rescales; its batch loss
 * and score gradients must equal the loss's own whole-batch evaluation of the same scores, for the
 * dense and the filtered form, under mean and sum.
 */
class SlcwaBatchLossTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(false, "mean", "relu"),
        Arguments.of(false, "sum", "softplus"),
        Arguments.of(true, "mean", "softplus"),
        Arguments.of(true, "sum", "relu"));
  }

  @ParameterizedTest(name = "filtered={0} {1} {2}")
  @MethodSource("cases")
  void fusedBatchEqualsTheWholeBatchLoss(boolean filtered, String reduction, String activation) {
    Dataset data = Datasets.embedded();
    PipelineConfig config =
        PipelineConfig.builder()
            .model("complex")
            .embeddingDim(6)
            .numNegsPerPos(7)
            .batchSize(100)
            .filtered(filtered)
            .reduction(reduction)
            .marginActivation(activation)
            .regularizerWeight(0.0)
            .build();
    Model model = config.createModel(data.numEntities(), data.numRelations());
    SlcwaTrainingLoop loop =
        (SlcwaTrainingLoop) TrainingLoop.create(config, model, data.training(), null, 2);
    int[] order = new int[100];
    for (int i = 0; i < 100; i++) {
      order[i] = 37 * i;
    }
    double value;
    try (Workers workers = new Workers(2)) {
      loop.total.clear();
      value =
          loop.processBatch(new Batch(order, 0, 100, 1, 1, 1), new SplittableRandom(9), workers);
    }
    DoubleMarginLoss loss = config.loss().build();
    SlcwaLossOutput expected =
        loss.processSlcwaScores(
            FloatTensor.of(loop.positiveScores().clone(), 100, 1),
            filtered
                ? FloatTensor.of(keptScores(loop), keptCount(loop))
                : FloatTensor.of(loop.negativeScores().clone(), 100, 7),
            null,
            filtered ? BoolTensor.of(loop.keep().clone(), 100, 7) : null,
            null);
    assertEquals(expected.value(), value, 1e-6 * Math.max(1, Math.abs(value)));
    float[] positiveGradient = expected.positiveGradient().toArray();
    for (int i = 0; i < 100; i++) {
      assertEquals(positiveGradient[i], loop.positiveGradient()[i], 1e-7, "positive " + i);
    }
    float[] negativeGradient = expected.negativeGradient().toArray();
    int kept = 0;
    for (int j = 0; j < 700; j++) {
      if (filtered && !loop.keep()[j]) {
        assertEquals(0f, loop.negativeGradient()[j], "dropped negative " + j);
        continue;
      }
      assertEquals(negativeGradient[kept++], loop.negativeGradient()[j], 1e-7, "negative " + j);
    }
  }

  private static int keptCount(SlcwaTrainingLoop loop) {
    int n = 0;
    for (int j = 0; j < 700; j++) {
      n += loop.keep()[j] ? 1 : 0;
    }
    return n;
  }

  private static float[] keptScores(SlcwaTrainingLoop loop) {
    float[] out = new float[keptCount(loop)];
    int n = 0;
    for (int j = 0; j < 700; j++) {
      if (loop.keep()[j]) {
        out[n++] = loop.negativeScores()[j];
      }
    }
    return out;
  }
}
