package org.kge4j.hpo.pipeline;

import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.training.Pipeline;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.TrainingResult;

/**
 * Trains one trial's configuration for a {@link KgeObjective}: {@link #pipeline(int)} runs {@link
 * Pipeline} without the test evaluation; tests substitute a fast fake that calls the listener as
 * training would.
 */
@FunctionalInterface
public interface TrialTrainer {

  /**
   * Trains {@code config} on {@code dataset}, calling {@code listener} after every epoch and
   * validation (the objective's listener reports to the trial and may throw {@link
   * org.kge4j.hpo.study.TrialPrunedException} from {@code onValidation}).
   */
  TrainingResult train(PipelineConfig config, Dataset dataset, TrainingListener listener);

  /** {@link Pipeline} on {@code numThreads} threads, never evaluating the testing split. */
  static TrialTrainer pipeline(int numThreads) {
    Pipeline.checkNumThreads(numThreads);
    return (config, dataset, listener) ->
        Pipeline.builder(config, dataset)
            .evaluateTest(false)
            .numThreads(numThreads)
            .listener(listener)
            .build()
            .run()
            .training();
  }
}
