package org.kge4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The results of one round's bucket tasks, combined by {@code treeAggregate}: the buckets' outcomes
 * and the sum of their changes to the relation table. Every bucket starts from the same broadcast
 * relation table {@code R₀} and optimizer state {@code S₀}; the round's result is
 *
 * <pre>
 *   R = R₀ + Σ_b (R_b − R₀)          (the buckets' updates, all applied)
 *   S = S₀ + (1/B) Σ_b (S_b − S₀)    (the mean state: moments and squared-gradient sums stay
 *                                      non-negative and on the scale of one bucket's)
 * </pre>
 *
 * summed in double. A round of a single bucket keeps that bucket's tables as they are (no
 * arithmetic), which is what makes one partition equal single-machine training bit for bit.
 */
final class RoundAggregate implements Serializable {

  private static final long serialVersionUID = 1L;

  private final List<BucketOutcome> outcomes = new ArrayList<>();
  private double[] valueDelta;
  private double[][] stateDelta;
  private TableSlice sole;

  /** Adds one bucket's outcome and the relation table it trained from {@code before}. */
  RoundAggregate add(BucketOutcome outcome, TableSlice before, TableSlice after) {
    outcomes.add(outcome);
    if (outcomes.size() == 1) {
      sole = after;
    }
    ensureSums(before);
    addDifference(valueDelta, after.values(), before.values());
    for (int s = 0; s < stateDelta.length; s++) {
      addDifference(stateDelta[s], after.state()[s], before.state()[s]);
    }
    return this;
  }

  /** Combines two partial aggregates. */
  RoundAggregate merge(RoundAggregate other) {
    if (other.outcomes.isEmpty()) {
      return this;
    }
    if (outcomes.isEmpty()) {
      return other;
    }
    outcomes.addAll(other.outcomes);
    for (int k = 0; k < valueDelta.length; k++) {
      valueDelta[k] += other.valueDelta[k];
    }
    for (int s = 0; s < stateDelta.length; s++) {
      for (int k = 0; k < stateDelta[s].length; k++) {
        stateDelta[s][k] += other.stateDelta[s][k];
      }
    }
    return this;
  }

  /** The buckets' outcomes, in bucket order. */
  List<BucketOutcome> outcomes() {
    List<BucketOutcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(
        Comparator.comparingInt((BucketOutcome o) -> o.bucket().lhs())
            .thenComparingInt(o -> o.bucket().rhs()));
    return sorted;
  }

  /**
   * The relation table after the round (see the class comment).
   *
   * @throws IllegalStateException if no bucket was added
   */
  TableSlice relations(TableSlice before) {
    if (outcomes.isEmpty()) {
      throw new IllegalStateException("a round needs at least one bucket, got none");
    }
    if (outcomes.size() == 1) {
      return sole;
    }
    int buckets = outcomes.size();
    float[] values = new float[before.values().length];
    for (int k = 0; k < values.length; k++) {
      values[k] = (float) (before.values()[k] + valueDelta[k]);
    }
    float[][] state = new float[stateDelta.length][];
    for (int s = 0; s < state.length; s++) {
      state[s] = new float[values.length];
      for (int k = 0; k < values.length; k++) {
        state[s][k] = (float) (before.state()[s][k] + stateDelta[s][k] / buckets);
      }
    }
    return new TableSlice(before.numRows(), before.width(), values, state);
  }

  private void ensureSums(TableSlice before) {
    if (valueDelta == null) {
      valueDelta = new double[before.values().length];
      stateDelta = new double[before.numSlots()][before.values().length];
    }
  }

  private static void addDifference(double[] sum, float[] after, float[] before) {
    for (int k = 0; k < sum.length; k++) {
      sum[k] += (double) after[k] - before[k];
    }
  }
}
