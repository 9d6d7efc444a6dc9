package org.kge4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kge4j.djl.Tolerance.assertAllClose;
import static org.kge4j.djl.Tolerance.assertClose;
import static org.kge4j.testing.Masks.count;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.SlcwaLossOutput;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * Inside a DJL {@link Trainer}, the loss's autograd reaches the model's parameters exactly as the
 * chain rule through core's analytic score gradients does: backpropagating the DJL loss gives the
 * same embedding gradients as backpropagating {@code Σ scores · ∂L/∂scores} with core's {@code
 * ∂L/∂scores} held constant.
 */
class TrainerIntegrationTest {

  private static final int BATCH_SIZE = 3;
  private static final int NEGATIVES_PER_POSITIVE = 4;

  @Test
  void parameterGradientsFollowCoresScoreGradients() {
    DoubleMarginLoss core =
        DoubleMarginLoss.builder()
            .positiveMargin(0.5)
            .negativeMargin(-0.25)
            .positiveNegativeBalance(0.3)
            .marginActivation("softplus")
            .reduction("mean")
            .build();
    DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(core);
    Engine.getInstance().setRandomSeed(7);
    DistMultBlock block =
        new DistMultBlock(List.of("e0", "e1", "e2", "e3", "e4"), List.of("r0", "r1"), 4);
    Random random = new Random(7);
    long[] positives = new long[BATCH_SIZE * 3];
    long[] negatives = new long[BATCH_SIZE * NEGATIVES_PER_POSITIVE * 3];
    for (int i = 0; i < positives.length; i++) {
      positives[i] = i % 3 == 1 ? random.nextInt(2) : random.nextInt(5);
    }
    for (int i = 0; i < negatives.length; i++) {
      negatives[i] = i % 3 == 1 ? random.nextInt(2) : random.nextInt(5);
    }
    boolean[] keep = {true, false, true, true, false, false, false, true, true, true, true, false};

    try (Model model = Model.newInstance("distmult")) {
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(loss)
              .optInitializer(new NormalInitializer(0.8f), Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(config);
          NDManager manager = trainer.getManager().newSubManager()) {
        trainer.initialize(
            new Shape(BATCH_SIZE, 3), new Shape(BATCH_SIZE, NEGATIVES_PER_POSITIVE, 3));
        NDList inputs =
            new NDList(
                manager.create(positives, new Shape(BATCH_SIZE, 3)),
                manager.create(negatives, new Shape(BATCH_SIZE, NEGATIVES_PER_POSITIVE, 3)));
        NDArray batchFilter = manager.create(keep, new Shape(BATCH_SIZE, NEGATIVES_PER_POSITIVE));

        float[][] scores = new float[2][];
        double[] value = new double[1];
        List<float[]> viaLoss =
            gradients(
                trainer,
                block,
                inputs,
                out -> {
                  scores[0] = out.get(0).toFloatArray();
                  scores[1] = out.get(1).toFloatArray();
                  NDArray l = trainer.getLoss().evaluate(new NDList(batchFilter), out);
                  value[0] = l.getFloat();
                  return l;
                });

        SlcwaLossOutput expected =
            core.processSlcwaScores(
                FloatTensor.of(scores[0], BATCH_SIZE),
                FloatTensor.of(kept(scores[1], keep), count(keep)),
                null,
                BoolTensor.of(keep, BATCH_SIZE, NEGATIVES_PER_POSITIVE),
                null);
        assertClose(expected.value(), value[0], "loss vs core");
        NDArray positiveGradient = manager.create(expected.positiveGradient().toArray());
        NDArray negativeGradient =
            manager.create(
                scatter(expected.negativeGradient().toArray(), keep),
                new Shape(BATCH_SIZE, NEGATIVES_PER_POSITIVE));
        List<float[]> viaCore =
            gradients(
                trainer,
                block,
                inputs,
                out ->
                    out.get(0)
                        .mul(positiveGradient)
                        .sum()
                        .add(out.get(1).mul(negativeGradient).sum()));

        assertEquals(viaCore.size(), viaLoss.size());
        for (int i = 0; i < viaCore.size(); i++) {
          assertAllClose(viaCore.get(i), viaLoss.get(i), "gradient of parameter " + i);
        }
      }
    }
  }

  /**
   * Backpropagates {@code objective(scores)} from zeroed gradients; copies every parameter's
   * gradient.
   */
  private static List<float[]> gradients(
      Trainer trainer, DistMultBlock block, NDList inputs, Function<NDList, NDArray> objective) {
    try (GradientCollector collector = trainer.newGradientCollector()) {
      collector.zeroGradients();
      collector.backward(objective.apply(trainer.forward(inputs)));
    }
    List<float[]> gradients = new ArrayList<>();
    for (Parameter parameter : block.getParameters().values()) {
      gradients.add(parameter.getArray().getGradient().toFloatArray());
    }
    return gradients;
  }

  private static float[] kept(float[] dense, boolean[] keep) {
    float[] kept = new float[count(keep)];
    for (int i = 0, j = 0; i < keep.length; i++) {
      if (keep[i]) {
        kept[j++] = dense[i];
      }
    }
    return kept;
  }

  private static float[] scatter(float[] kept, boolean[] keep) {
    float[] dense = new float[keep.length];
    for (int i = 0, j = 0; i < keep.length; i++) {
      if (keep[i]) {
        dense[i] = kept[j++];
      }
    }
    return dense;
  }
}
