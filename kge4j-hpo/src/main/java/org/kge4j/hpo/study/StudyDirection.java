package org.kge4j.hpo.study;

/** Whether a study seeks the smallest or the largest objective value. */
public enum StudyDirection {
  /** Smaller values are better (a loss). */
  MINIMIZE,
  /** Larger values are better (a metric such as MRR). */
  MAXIMIZE;

  /** Whether {@code a} is strictly better than {@code b} in this direction. */
  public boolean isBetter(double a, double b) {
    return this == MINIMIZE ? a < b : a > b;
  }
}
