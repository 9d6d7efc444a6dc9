package org.kge4j.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rank-based metrics under PyKEEN's names {@code <side>.<rankType>.<metric>}, e.g. {@code
 * both.realistic.inverse_harmonic_mean_rank} (MRR) or {@code tail.optimistic.hits_at_10}. Sides are
 * {@code head}, {@code tail}, {@code both}; rank types {@code optimistic}, {@code pessimistic},
 * {@code realistic}; see {@link RankBasedEvaluator} for the metrics.
 *
 * @param metrics the values by key, in a fixed order; copied into an unmodifiable map
 */
public record MetricResults(Map<String, Double> metrics) {

  /** Key prefix of the headline metrics: both sides, realistic ranks. */
  public static final String BOTH_REALISTIC = "both.realistic.";

  /** Copies the metrics, keeping their order. */
  public MetricResults {
    Objects.requireNonNull(metrics, "metrics");
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /**
   * The value of one metric.
   *
   * @throws IllegalArgumentException for an unknown key; the message lists the known keys
   */
  public double get(String key) {
    Double value = metrics.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "unknown metric \"" + key + "\": expected one of " + metrics.keySet());
    }
    return value;
  }

  /** {@code get(side + "." + rankType + "." + metric)}. */
  public double get(String side, String rankType, String metric) {
    return get(side + "." + rankType + "." + metric);
  }

  /** Mean reciprocal rank: {@code both.realistic.inverse_harmonic_mean_rank}. */
  public double meanReciprocalRank() {
    return get(BOTH_REALISTIC + "inverse_harmonic_mean_rank");
  }

  /** Mean rank: {@code both.realistic.arithmetic_mean_rank}. */
  public double meanRank() {
    return get(BOTH_REALISTIC + "arithmetic_mean_rank");
  }

  /**
   * Hits@k on both sides with realistic ranks, {@code both.realistic.hits_at_<k>}.
   *
   * @throws IllegalArgumentException if {@code k} was not among the evaluator's ks
   */
  public double hitsAt(int k) {
    return get(BOTH_REALISTIC + "hits_at_" + k);
  }
}
