package org.kge4j.training;

import java.util.Objects;
import java.util.Optional;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;

/**
 * What {@link Pipeline#run()} returns.
 *
 * @param dataset the dataset trained and evaluated on
 * @param training the training outcome (model, losses, validation metrics, timings)
 * @param testMetrics filtered rank-based metrics on the testing split (filtered with the training
 *     and validation triples, PyKEEN's default); null when test evaluation was switched off
 * @param evaluationSeconds wall-clock seconds of the test evaluation (0 when skipped)
 */
public record PipelineResult(
    Dataset dataset, TrainingResult training, MetricResults testMetrics, double evaluationSeconds) {

  /** Checks the required parts. */
  public PipelineResult {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(training, "training");
  }

  /** The test metrics, if the test split was evaluated. */
  public Optional<MetricResults> test() {
    return Optional.ofNullable(testMetrics);
  }
}
