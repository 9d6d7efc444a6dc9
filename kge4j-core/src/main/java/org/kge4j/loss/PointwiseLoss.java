package org.kge4j.loss;

import org.kge4j.tensor.FloatTensor;

/**
 * A loss defined element by element on (score, label) pairs, as PyKEEN's {@code PointwiseLoss}:
 * {@code L = R(ℓ(x, t))} over the broadcast shape of scores and labels.
 */
public abstract class PointwiseLoss extends Loss {
  /**
   * @param reduction how element-wise values are aggregated
   */
  protected PointwiseLoss(Reduction reduction) {
    super(reduction);
  }

  /**
   * The loss of scores against labels in [0, 1]; the shapes must broadcast against each other. The
   * gradient has the shape of {@code predictions} (broadcast dimensions summed away).
   */
  public abstract LossOutput forward(FloatTensor predictions, FloatTensor labels);
}
