package org.kge4j.loss;

import org.kge4j.hpo.HpoSpace;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * A KGE training loss, as PyKEEN's {@code Loss}: it knows nothing of models and receives the scores
 * that a training loop produced. Higher scores mean more plausible triples.
 *
 * <p>Every call returns the loss value together with its gradients with respect to the score inputs
 * (Tribuo's "loss and gradient" idea), so no autograd is needed. Implementations are immutable and
 * thread-safe.
 */
public abstract class Loss {
  private final Reduction reduction;

  /**
   * @param reduction how element-wise values are aggregated; not null
   */
  protected Loss(Reduction reduction) {
    if (reduction == null) {
      throw new IllegalArgumentException("reduction must be MEAN or SUM, got null");
    }
    this.reduction = reduction;
  }

  /** The aggregation of element-wise loss values. */
  public Reduction reduction() {
    return reduction;
  }

  /** The default hyper-parameter search space of this loss (PyKEEN's {@code hpo_default}). */
  public abstract HpoSpace hpoDefault();

  /**
   * The loss of LCWA training: scores of all entities for each (h, r) or (r, t) with multi-hot
   * labels, optionally label-smoothed as {@code (1 − ε)·t + ε/(C − 1)·(1 − t)}.
   *
   * @param predictions the scores
   * @param labels the labels in [0, 1], broadcastable with the predictions
   * @param labelSmoothing {@code ε}, or null / 0 for none
   * @param numEntities {@code C}, needed when smoothing
   */
  public abstract LossOutput processLcwaScores(
      FloatTensor predictions, FloatTensor labels, Double labelSmoothing, Integer numEntities);

  /**
   * The loss of sLCWA training: scores of positive triples and of their sampled negatives.
   *
   * @param positiveScores shape {@code (B, 1)} or {@code (B,)}
   * @param negativeScores {@code (B, K)} dense, or the kept {@code (nnz,)} scores when a filter is
   *     given
   * @param labelSmoothing must be null or 0
   * @param batchFilter {@code (B, K)} mask of the kept negatives, or null
   * @param numEntities unused without smoothing; accepted for PyKEEN's signature
   */
  public abstract SlcwaLossOutput processSlcwaScores(
      FloatTensor positiveScores,
      FloatTensor negativeScores,
      Double labelSmoothing,
      BoolTensor batchFilter,
      Integer numEntities);
}
