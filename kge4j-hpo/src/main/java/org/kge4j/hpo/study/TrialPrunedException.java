package org.kge4j.hpo.study;

/**
 * Thrown by an objective to end its trial as {@link TrialState#PRUNED}, typically right after
 * {@link Trial#shouldPrune()} returned true. The trial keeps its last intermediate value as its
 * value (when finite), as in Optuna.
 */
public final class TrialPrunedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A pruning signal with a message for the log, e.g. {@code "pruned at epoch 20"}. */
  public TrialPrunedException(String message) {
    super(message);
  }
}
