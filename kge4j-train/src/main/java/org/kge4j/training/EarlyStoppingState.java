package org.kge4j.training;

import org.kge4j.model.EmbeddingTable;

/**
 * The early stopper's state at an epoch boundary (PyKEEN's {@code EarlyStopper}: {@code
 * best_metric}, {@code best_epoch}, {@code remaining_patience}) with the parameters of the best
 * epoch, which training reloads when it stops early. Tables are held, not copied.
 *
 * @param bestMetric best early-stopping metric so far ({@code -inf} if none)
 * @param bestEpoch epoch of the best metric (0 if none)
 * @param remainingPatience evaluations left before early stopping
 * @param bestEntityEmbeddings the entity table at the best epoch, or null
 * @param bestRelationEmbeddings the relation table at the best epoch, or null
 */
public record EarlyStoppingState(
    double bestMetric,
    int bestEpoch,
    int remainingPatience,
    EmbeddingTable bestEntityEmbeddings,
    EmbeddingTable bestRelationEmbeddings) {

  /**
   * Checks that the best parameters are both tables or neither.
   *
   * @throws IllegalArgumentException if only one of the best tables is given
   */
  public EarlyStoppingState {
    if ((bestEntityEmbeddings == null) != (bestRelationEmbeddings == null)) {
      throw new IllegalArgumentException("best embeddings need both tables or neither");
    }
  }

  /** The state before the first validation: no best metric or epoch, all {@code patience} left. */
  public static EarlyStoppingState initial(int patience) {
    return new EarlyStoppingState(Double.NEGATIVE_INFINITY, 0, patience, null, null);
  }
}
