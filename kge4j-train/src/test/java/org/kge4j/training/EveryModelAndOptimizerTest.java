package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;

/** Every model with every optimizer in both loops lowers its training loss within a few epochs. */
class EveryModelAndOptimizerTest {

  private static Dataset embedded;

  @BeforeAll
  static void load() {
    embedded = Datasets.embedded();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "transe, adam, slcwa", "transe, sgd, lcwa",
    "distmult, sparseadam, slcwa", "distmult, adagrad, lcwa",
    "complex, adagrad, slcwa", "complex, sparseadam, lcwa",
    "rotate, sgd, slcwa", "rotate, adam, lcwa"
  })
  void lossFalls(String model, String optimizer, String loop) {
    PipelineConfig.Builder builder =
        PipelineConfig.builder()
            .model(model)
            .optimizer(optimizer)
            .trainingLoop(loop)
            .embeddingDim(8)
            .numEpochs(4)
            .batchSize(256)
            .randomSeed(3)
            .learningRate(optimizer.equals("sgd") ? 0.5 : 0.02)
            .marginActivation("softplus");
    if (loop.equals("slcwa")) {
      builder.numNegsPerPos(4);
    }
    if (model.equals("transe") || model.equals("rotate")) {
      builder.marginActivation(null).distanceLimits(0.5, 2.0);
      if (optimizer.equals("sgd")) {
        // the distance-limit form sums over the batch (and LCWA over every entity)
        builder.learningRate(1e-3);
      }
    }
    TrainingResult result =
        Pipeline.builder(builder.build(), embedded).evaluateTest(false).build().run().training();
    List<Double> losses = result.losses();
    assertTrue(losses.get(3) < losses.get(0), model + " " + optimizer + " " + loop + ": " + losses);
  }
}
