package org.kge4j.training;

import java.util.Objects;
import org.kge4j.config.StopperConfig;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;

/**
 * The validation metrics after one evaluated epoch.
 *
 * @param epoch the 1-based epoch after which the model was evaluated
 * @param metrics the filtered rank-based metrics on the validation split (PyKEEN's names)
 */
public record ValidationRecord(int epoch, MetricResults metrics) {

  /** Checks the metrics are present. */
  public ValidationRecord {
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * The early-stopping metric: the filtered MRR {@code both.realistic.inverse_harmonic_mean_rank},
   * or its sampled form {@code sampled.both.realistic.inverse_harmonic_mean_rank} when the run
   * evaluates with sampled candidates.
   */
  public double meanReciprocalRank() {
    return metrics.metrics().containsKey(StopperConfig.METRIC)
        ? metrics.get(StopperConfig.METRIC)
        : metrics.get(RankBasedEvaluator.SAMPLED_PREFIX + StopperConfig.METRIC);
  }
}
