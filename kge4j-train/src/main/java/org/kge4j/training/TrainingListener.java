package org.kge4j.training;

/**
 * Callbacks from a training run, e.g. for a progress bar. All methods run on the training thread
 * between batches and default to doing nothing; a slow listener slows training.
 */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Training starts (or resumes).
   *
   * @param firstEpoch the 1-based epoch about to run
   * @param numEpochs the configured number of epochs
   * @param batchesPerEpoch batches in each epoch
   */
  default void onTrainingStart(int firstEpoch, int numEpochs, int batchesPerEpoch) {}

  /** Epoch {@code epoch} (1-based) starts. */
  default void onEpochStart(int epoch) {}

  /**
   * A batch finished.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based batch within the epoch
   * @param numBatches batches in the epoch
   * @param loss the batch's loss
   * @param triplesPerSecond training triples per second so far in this epoch
   */
  default void onBatchEnd(
      int epoch, int batch, int numBatches, double loss, double triplesPerSecond) {}

  /** An epoch finished. */
  default void onEpochEnd(EpochStats stats) {}

  /**
   * The model was evaluated on the validation split.
   *
   * @param record the metrics
   * @param improved whether the early-stopping metric improved on the best so far
   */
  default void onValidation(ValidationRecord record, boolean improved) {}
}
