package org.kge4j.hpo.study;

/** Never prunes: every trial runs to its end (Optuna's {@code NopPruner}). */
public final class NopPruner implements Pruner {
  @Override
  public boolean prune(StudyView study, FrozenTrial trial) {
    return false;
  }

  @Override
  public String toString() {
    return "NopPruner";
  }
}
