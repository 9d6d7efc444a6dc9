package org.kge4j.training;

import java.util.List;
import java.util.Objects;
import org.kge4j.config.PipelineConfig;
import org.kge4j.model.Model;

/**
 * The outcome of a training run.
 *
 * @param model the trained model (the best validated one when early stopping stopped training)
 * @param config the configuration it was trained with
 * @param losses the loss of every completed epoch, index 0 = epoch 1 (including epochs run before a
 *     resume)
 * @param validations the validation metrics of every evaluated epoch
 * @param epochsCompleted the number of epochs trained
 * @param stoppedEarly whether early stopping ended training before the configured epochs
 * @param bestEpoch the epoch with the best validation metric, 0 if never validated
 * @param trainingSeconds wall-clock seconds spent training in this run (validation excluded)
 * @param triplesPerSecond training triples per second over this run's epochs
 */
public record TrainingResult(
    Model model,
    PipelineConfig config,
    List<Double> losses,
    List<ValidationRecord> validations,
    int epochsCompleted,
    boolean stoppedEarly,
    int bestEpoch,
    double trainingSeconds,
    double triplesPerSecond) {

  /** Copies the lists. */
  public TrainingResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(config, "config");
    losses = List.copyOf(losses);
    validations = List.copyOf(validations);
  }
}
