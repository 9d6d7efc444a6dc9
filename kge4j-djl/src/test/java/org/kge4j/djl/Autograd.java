package org.kge4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.kge4j.djl.ParityCases.Tensor;

/**
 * Runs a {@link DjlDoubleMarginLoss} through the engine's autograd and copies the value and the
 * gradients back to Java arrays, checking that every gradient has its input's shape.
 */
final class Autograd {

  /** The loss value and the gradients with respect to the inputs, in input order. */
  record Outcome(double value, float[][] gradients) {
    float[] gradient(int input) {
      return gradients[input];
    }

    /**
     * The sLCWA negatives' gradient (input 1) at the {@code numKept} positions that {@code keep}
     * keeps, in order, after checking that every dropped negative's gradient is exactly 0 ({@code
     * what} ends the failure message).
     */
    float[] keptNegativeGradient(boolean[] keep, int numKept, String what) {
      float[] dense = gradients[1];
      float[] kept = new float[numKept];
      for (int i = 0, j = 0; i < keep.length; i++) {
        if (keep[i]) {
          kept[j++] = dense[i];
        } else {
          assertEquals(0f, dense[i], 0f, "gradient of dropped negative " + i + what);
        }
      }
      return kept;
    }
  }

  private Autograd() {}

  /** LCWA form: the gradient with respect to the predictions only (labels are constants). */
  static Outcome lcwa(DjlDoubleMarginLoss loss, Tensor predictions, Tensor labels) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = array(manager, predictions);
      NDArray t = array(manager, labels);
      return run(loss, new NDList(t), x);
    }
  }

  /**
   * sLCWA form: gradients with respect to the positive and the negative scores; {@code
   * batchFilter}, when not null, has the negatives' shape.
   */
  static Outcome slcwa(
      DjlDoubleMarginLoss loss, Tensor positives, Tensor negatives, boolean[] batchFilter) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray k = array(manager, positives);
      NDArray kBar = array(manager, negatives);
      NDList labels =
          batchFilter == null
              ? new NDList()
              : new NDList(manager.create(batchFilter, new Shape(negatives.longShape())));
      return run(loss, labels, k, kBar);
    }
  }

  private static NDArray array(NDManager manager, Tensor tensor) {
    return manager.create(tensor.data(), new Shape(tensor.longShape()));
  }

  private static Outcome run(DjlDoubleMarginLoss loss, NDList labels, NDArray... inputs) {
    for (NDArray input : inputs) {
      input.setRequiresGradient(true);
    }
    NDArray value;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      value = loss.evaluate(labels, new NDList(inputs));
      collector.backward(value);
    }
    assertEquals(new Shape(), value.getShape(), "the loss is a scalar");
    float[][] gradients = new float[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      NDArray gradient = inputs[i].getGradient();
      assertEquals(
          inputs[i].getShape(),
          gradient.getShape(),
          "the gradient of input " + i + " has the input's shape");
      gradients[i] = gradient.toFloatArray();
    }
    return new Outcome(value.getFloat(), gradients);
  }
}
