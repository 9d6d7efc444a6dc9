package org.kge4j.hpo.study;

/**
 * The two sets of string attributes a trial carries (Optuna's {@code user_attrs} and {@code
 * system_attrs}): {@link FrozenTrial#userAttributes()} and {@link FrozenTrial#systemAttributes()}.
 */
public enum AttributeScope {
  /** Written by the objective ({@link Trial#setUserAttribute}), e.g. the epoch it stopped at. */
  USER,
  /**
   * Written by the study, its sampler and its pruner, e.g. an enqueued trial's fixed parameters.
   */
  SYSTEM
}
