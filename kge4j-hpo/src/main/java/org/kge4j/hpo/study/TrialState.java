package org.kge4j.hpo.study;

/**
 * The life of a trial, as Optuna's {@code TrialState}: {@code WAITING} (enqueued, not started) →
 * {@code RUNNING} → one of the finished states {@code COMPLETE} (the objective returned a finite
 * value), {@code PRUNED} (it threw {@link TrialPrunedException}) or {@code FAIL} (it threw,
 * returned a non-finite value, or its worker stopped sending heartbeats).
 */
public enum TrialState {
  /** Enqueued with fixed parameters, waiting for a worker. */
  WAITING,
  /** Being evaluated by a worker. */
  RUNNING,
  /** Finished with a finite objective value. */
  COMPLETE,
  /** Stopped early by the pruner. */
  PRUNED,
  /** Failed; the trial's fail message says why. */
  FAIL;

  /** Whether the trial is over: {@code COMPLETE}, {@code PRUNED} or {@code FAIL}. */
  public boolean isFinished() {
    return this == COMPLETE || this == PRUNED || this == FAIL;
  }

  /**
   * This state, checked to be one a trial can finish with, as a {@link TrialOutcome} requires.
   *
   * @throws IllegalArgumentException unless it is {@code COMPLETE}, {@code PRUNED} or {@code FAIL}
   */
  public TrialState requireFinished() {
    if (!isFinished()) {
      throw new IllegalArgumentException(
          "a trial finishes as COMPLETE, PRUNED or FAIL, got " + this);
    }
    return this;
  }
}
