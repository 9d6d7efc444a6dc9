package org.kge4j.hpo.study;

/**
 * A strategy that decides whether a running trial should stop early, from its intermediate values
 * and those of the other trials, as Optuna's {@code BasePruner}. Steps are the resource (epochs in
 * kge4j); {@link Trial#shouldPrune()} asks the study's pruner with the trial's latest state.
 */
public interface Pruner {
  /** Whether {@code trial} (RUNNING, with its reported intermediate values) should be pruned. */
  boolean prune(StudyView study, FrozenTrial trial);

  /**
   * The part of the study a sampler should learn from when it suggests for {@code trial}: the whole
   * study (the default), or, for {@link HyperbandPruner}, the trial's bracket, as Optuna does.
   */
  default StudyView samplingView(StudyView study, FrozenTrial trial) {
    return study;
  }
}
