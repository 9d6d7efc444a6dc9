package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Model;
import org.kge4j.testing.RandomTriples;

/**
 * The whole batch — scoring, DoubleMarginLoss (softplus, so the loss is smooth), the backward pass
 * through the block kernels and the chain rules, and the regularizer — against central finite
 * differences of the batch loss in every parameter, for every model and both training loops, and
 * for sLCWA with shared negatives (the block path for DistMult and ComplEx).
 */
class BatchGradientTest {

  private static final int ENTITIES = 9;
  private static final int RELATIONS = 3;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (LoopKind loop : LoopKind.values()) {
      for (boolean inverse : new boolean[] {false, true}) {
        if (inverse && loop == LoopKind.SLCWA) {
          continue; // inverse relations train with LCWA only
        }
        for (String sampler : loop == LoopKind.SLCWA ? List.of("basic", "shared") : List.of("")) {
          cases.add(Arguments.of(loop, "transe", 1, inverse, sampler));
          cases.add(Arguments.of(loop, "transe", 2, inverse, sampler));
          cases.add(Arguments.of(loop, "distmult", 1, inverse, sampler));
          cases.add(Arguments.of(loop, "complex", 1, inverse, sampler));
          cases.add(Arguments.of(loop, "rotate", 1, inverse, sampler));
        }
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} {1} p={2} inverse={3} {4}")
  @MethodSource("cases")
  void batchGradientMatchesCentralDifferencesOfTheBatchLoss(
      LoopKind loop, String name, int norm, boolean inverse, String sampler) {
    PipelineConfig.Builder builder =
        PipelineConfig.builder()
            .model(name)
            .embeddingDim(4)
            .trainingLoop(loop)
            .batchSize(64)
            .marginActivation("softplus")
            .positiveMargin(0.5)
            .negativeMargin(0.2)
            .createInverseTriples(inverse);
    if (name.equals("transe")) {
      builder.scoringFctNorm(norm);
    }
    if (loop == LoopKind.SLCWA) {
      builder.numNegsPerPos(5).negativeSampler(sampler);
    }
    if (name.equals("complex") || name.equals("distmult")) {
      builder.regularizerWeight(0.3);
    }
    PipelineConfig config = builder.build();
    SplittableRandom random = new SplittableRandom(11);
    int[] triples = RandomTriples.draw(random, 20, ENTITIES, RELATIONS);
    String[] entities = new String[ENTITIES];
    for (int i = 0; i < ENTITIES; i++) {
      entities[i] = "e" + i;
    }
    TriplesFactory training =
        TriplesFactory.fromMappedTriples(triples, entities, new String[] {"a", "b", "c"});
    Model model = config.createModel(ENTITIES, RELATIONS);
    assertEquals(inverse, model.inverseRelations());
    TrainingLoop trainingLoop = TrainingLoop.create(config, model, training, null, 2);
    int n = trainingLoop.numInstances();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    try (Workers workers = new Workers(2)) {
      trainingLoop.total.clear();
      trainingLoop.processBatch(new Batch(order, 0, n, 1, 1, 1), new SplittableRandom(5), workers);
      float[][] analytic = {
        trainingLoop.total.entities().values().toArray(),
        trainingLoop.total.relations().values().toArray()
      };
      EmbeddingTable[] tables = {model.entityEmbeddings(), model.relationEmbeddings()};
      int checked = 0;
      for (int p = 0; p < 2; p++) {
        EmbeddingTable table = tables[p];
        for (int row = 0; row < table.numRows(); row++) {
          for (int k = 0; k < table.width(); k++) {
            float[] values = table.row(row);
            float saved = values[k];
            double eps = 1e-3;
            values[k] = (float) (saved + eps);
            table.setRow(row, values);
            double plus = batchLoss(trainingLoop, order, workers);
            values[k] = (float) (saved - eps);
            table.setRow(row, values);
            double minus = batchLoss(trainingLoop, order, workers);
            values[k] = saved;
            table.setRow(row, values);
            double expected =
                (plus - minus) / ((double) (float) (saved + eps) - (float) (saved - eps));
            double actual = analytic[p][row * table.width() + k];
            assertEquals(
                expected,
                actual,
                3e-3 + 3e-3 * Math.abs(expected),
                loop + " " + name + " table " + p + " row " + row + " value " + k);
            checked += expected != 0 ? 1 : 0;
          }
        }
      }
      assertTrue(checked > 20, "the batch must move many parameters, moved " + checked);
    }
  }

  private static double batchLoss(TrainingLoop loop, int[] order, Workers workers) {
    loop.total.clear();
    return loop.processBatch(
        new Batch(order, 0, order.length, 1, 1, 1), new SplittableRandom(5), workers);
  }
}
