package org.kge4j.training;

import java.util.Objects;
import org.kge4j.config.StopperConfig;
import org.kge4j.evaluation.MetricResults;

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

  /** The early-stopping metric, {@code both.realistic.inverse_harmonic_mean_rank}. */
  public double meanReciprocalRank() {
    return metrics.get(StopperConfig.METRIC);
  }
}
