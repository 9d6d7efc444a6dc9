package org.kge4j.hpo.study;

/**
 * The lower-bound check of the samplers', pruners' and trials' integer arguments, with one wording
 * for all of them under Optuna's argument names: {@code n_min_trials must be >= 1, got 0}.
 */
final class Preconditions {

  private Preconditions() {}

  /**
   * Returns {@code value}, checked to be at least {@code min}.
   *
   * @throws IllegalArgumentException {@code "<name> must be >= <min>, got <value>"} if it is less
   */
  static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
    return value;
  }
}
