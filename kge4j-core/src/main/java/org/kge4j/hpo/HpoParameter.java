package org.kge4j.hpo;

import java.util.List;
import java.util.random.RandomGenerator;

/** One dimension of a hyper-parameter search space, as an entry of PyKEEN's {@code hpo_default}. */
public sealed interface HpoParameter permits NumericParameter, CategoricalParameter {
  /** The keyword name, e.g. {@code positive_margin}. */
  String name();

  /** One value drawn from the parameter's distribution. */
  Object sample(RandomGenerator random);

  /**
   * Evenly spaced values for grid search: every choice of a categorical parameter, and {@code
   * pointsPerRange} values from low to high (both included) of a range.
   */
  List<Object> grid(int pointsPerRange);

  /** The same distribution under another name, e.g. prefixed with its component ({@code loss.}). */
  HpoParameter withName(String name);
}
