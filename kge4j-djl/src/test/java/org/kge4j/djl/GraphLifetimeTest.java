package org.kge4j.djl;

import static org.kge4j.djl.Tolerance.assertAllClose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.LossOutput;
import org.kge4j.loss.SlcwaLossOutput;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * The autograd graph must not depend on memory that Java may free before {@code backward}: DJL's
 * {@code NDArray.mul(Number)} wraps the number in a tensor over a direct buffer and closes it right
 * after the product, while PyTorch keeps that tensor for the product's backward. A garbage
 * collection between forward and backward then lets the buffer's memory be reused, and the
 * gradients come out as garbage (seen once as 5e-18 instead of 0.25 in the parity test). Here the
 * collection and the reuse are forced between forward and backward.
 */
class GraphLifetimeTest {

  /** Runs the garbage collector and fills freshly allocated direct memory with a pattern. */
  private static void collectAndScribble() {
    List<ByteBuffer> buffers = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 2000; i++) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        buffer.putFloat(0, 1e-17f);
        buffers.add(buffer);
      }
    }
  }

  @Test
  void lcwaGradientsSurviveACollectionBeforeBackward() {
    float[] x = {0.37f, -0.5f, 0.245f, 1.5f, -2f, 0.1f};
    float[] t = {0f, 0f, 1f, 0f, 1f, 0f};
    DoubleMarginLoss core =
        DoubleMarginLoss.builder()
            .positiveMargin(0.5)
            .negativeMargin(0.5)
            .positiveNegativeBalance(0.25)
            .build();
    LossOutput expected =
        core.processLcwaScores(FloatTensor.of(x, 2, 3), FloatTensor.of(t, 2, 3), null, null);
    DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(core);
    for (int repeat = 0; repeat < 5; repeat++) {
      try (NDManager manager = NDManager.newBaseManager()) {
        NDArray predictions = manager.create(x, new Shape(2, 3));
        predictions.setRequiresGradient(true);
        NDArray labels = manager.create(t, new Shape(2, 3));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray value = loss.evaluate(new NDList(labels), new NDList(predictions));
          collectAndScribble();
          collector.backward(value);
        }
        assertAllClose(
            expected.gradient().toArray(),
            predictions.getGradient().toFloatArray(),
            "LCWA gradient after a collection, repeat " + repeat);
      }
    }
  }

  /** sLCWA scores of two positives with three negatives each. */
  private static final float[] POSITIVES = {0.2f, 1.4f};

  private static final float[] NEGATIVES = {0.3f, -0.7f, 0.9f, 1.2f, -0.1f, 0.4f};

  @Test
  void filteredSlcwaGradientsSurviveACollectionBeforeBackward() {
    boolean[] keep = {true, false, true, true, true, false};
    float[] kept = {0.3f, 0.9f, 1.2f, -0.1f};
    DoubleMarginLoss core =
        DoubleMarginLoss.builder()
            .positiveMargin(1.0)
            .negativeMargin(0.0)
            .positiveNegativeBalance(0.3)
            .build();
    SlcwaLossOutput expected =
        core.processSlcwaScores(
            FloatTensor.of(POSITIVES, 2, 1),
            FloatTensor.of(kept, 4),
            null,
            BoolTensor.of(keep, 2, 3),
            null);
    float[] expectedNegative = {
      expected.negativeGradient().getFlat(0),
      0f,
      expected.negativeGradient().getFlat(1),
      expected.negativeGradient().getFlat(2),
      expected.negativeGradient().getFlat(3),
      0f
    };
    assertSlcwaGradientsSurvive(
        core, keep, expected.positiveGradient().toArray(), expectedNegative, "filtered");
  }

  @Test
  void slcwaGradientsSurviveACollectionBeforeBackward() {
    DoubleMarginLoss core =
        DoubleMarginLoss.builder()
            .positiveMargin(1.0)
            .negativeMargin(0.0)
            .positiveNegativeBalance(0.3)
            .reduction("sum")
            .build();
    SlcwaLossOutput expected =
        core.processSlcwaScores(
            FloatTensor.of(POSITIVES, 2, 1), FloatTensor.of(NEGATIVES, 2, 3), null, null, null);
    assertSlcwaGradientsSurvive(
        core,
        null,
        expected.positiveGradient().toArray(),
        expected.negativeGradient().toArray(),
        "dense");
  }

  /** Forward, a collection, backward, five times; {@code keep} null for the dense form. */
  private static void assertSlcwaGradientsSurvive(
      DoubleMarginLoss core,
      boolean[] keep,
      float[] expectedPositive,
      float[] expectedNegative,
      String form) {
    DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(core);
    for (int repeat = 0; repeat < 5; repeat++) {
      try (NDManager manager = NDManager.newBaseManager()) {
        NDArray k = manager.create(POSITIVES, new Shape(2, 1));
        NDArray kBar = manager.create(NEGATIVES, new Shape(2, 3));
        NDList labels =
            keep == null ? new NDList() : new NDList(manager.create(keep, new Shape(2, 3)));
        k.setRequiresGradient(true);
        kBar.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray value = loss.evaluate(labels, new NDList(k, kBar));
          collectAndScribble();
          collector.backward(value);
        }
        assertAllClose(
            expectedPositive,
            k.getGradient().toFloatArray(),
            form + " sLCWA positive gradient after a collection, repeat " + repeat);
        assertAllClose(
            expectedNegative,
            kBar.getGradient().toFloatArray(),
            form + " sLCWA negative gradient after a collection, repeat " + repeat);
      }
    }
  }
}
