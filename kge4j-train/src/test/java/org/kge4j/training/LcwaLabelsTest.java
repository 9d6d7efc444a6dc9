package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.model.DistMult;
import org.kge4j.model.LpRegularizer;
import org.kge4j.model.Model;
import org.kge4j.model.ModelSpec;
import org.kge4j.tensor.FloatTensor;

/** The LCWA loop builds the instances and multi-hot labels PyKEEN would, in both directions. */
class LcwaLabelsTest {

  @Test
  void firstBatchLossEqualsTheLossOfHandBuiltLabels() {
    // entities 0..3, relations 0..1; triple (0, 0, 2) appears twice and must count once
    int[] triples = {0, 0, 1, 0, 0, 2, 1, 1, 3, 3, 0, 1, 0, 0, 2};
    TriplesFactory training =
        TriplesFactory.fromMappedTriples(
            triples, new String[] {"a", "b", "c", "d"}, new String[] {"p", "q"});
    PipelineConfig config =
        PipelineConfig.builder()
            .trainingLoop("lcwa")
            .model("distmult")
            .embeddingDim(3)
            .regularizerWeight(0.0)
            .batchSize(64)
            .numEpochs(1)
            .optimizer("sgd")
            .learningRate(0.1)
            .marginActivation("softplus")
            .build();
    Model model = new DistMult(ModelSpec.of(4, 2, 3), LpRegularizer.NONE, new SplittableRandom(3));
    // (h, r) -> tails and (r, t) -> heads, written out by hand
    int[][] tailRows = {{0, 0, 1, 2}, {1, 1, 3}, {3, 0, 1}};
    int[][] headRows = {{0, 1, 0, 3}, {0, 2, 0}, {1, 3, 1}};
    float[] predictions = new float[6 * 4];
    float[] labels = new float[6 * 4];
    int row = 0;
    for (int[] t : tailRows) {
      for (int e = 0; e < 4; e++) {
        predictions[row * 4 + e] = model.score(t[0], t[1], e);
      }
      for (int j = 2; j < t.length; j++) {
        labels[row * 4 + t[j]] = 1f;
      }
      row++;
    }
    for (int[] h : headRows) {
      for (int e = 0; e < 4; e++) {
        predictions[row * 4 + e] = model.score(e, h[0], h[1]);
      }
      for (int j = 2; j < h.length; j++) {
        labels[row * 4 + h[j]] = 1f;
      }
      row++;
    }
    DoubleMarginLoss loss = config.loss().build();
    double expected =
        loss.processLcwaScores(
                FloatTensor.of(predictions, 6, 4), FloatTensor.of(labels, 6, 4), null, null)
            .value();

    TrainingResult result =
        TrainingLoop.create(config, model, training, null, 1).train(TrainingListener.NONE);
    assertEquals(expected, result.losses().get(0), 1e-6);
  }
}
