package org.kge4j.cli;

import java.io.PrintWriter;
import java.util.OptionalDouble;
import org.kge4j.training.EpochStats;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.ValidationRecord;

/**
 * Feeds the training loop's callbacks into a {@link ProgressBar}: the bar is created when training
 * starts (so a resumed run counts from its first epoch), advanced after every batch and updated
 * with each epoch's loss and, when the epoch was validated, its validation MRR.
 */
final class ProgressListener implements TrainingListener {

  private final PrintWriter err;
  private final long triplesPerEpoch;
  private final boolean quiet;
  private ProgressBar bar;
  private EpochStats pendingEpoch;

  /**
   * @param err where the bar is drawn
   * @param triplesPerEpoch positive training triples per epoch
   * @param quiet draw nothing
   */
  ProgressListener(PrintWriter err, long triplesPerEpoch, boolean quiet) {
    this.err = err;
    this.triplesPerEpoch = triplesPerEpoch;
    this.quiet = quiet;
  }

  @Override
  public void onTrainingStart(int firstEpoch, int numEpochs, int batchesPerEpoch) {
    if (!quiet) {
      bar =
          new ProgressBar(
              err,
              new ProgressBar.Plan(firstEpoch, numEpochs, triplesPerEpoch),
              System.console() != null,
              System::nanoTime);
    }
  }

  @Override
  public void onBatchEnd(
      int epoch, int batch, int numBatches, double loss, double triplesPerSecond) {
    if (bar != null) {
      bar.batch(epoch, triplesPerEpoch * batch / numBatches, triplesPerSecond);
    }
  }

  @Override
  public void onEpochEnd(EpochStats stats) {
    flushPending();
    // The loop validates right after this callback; hold the epoch back so that its line can
    // show the new validation MRR. The next epoch or finish() releases it.
    pendingEpoch = stats;
  }

  @Override
  public void onValidation(ValidationRecord record, boolean improved) {
    if (bar != null && pendingEpoch != null && pendingEpoch.epoch() == record.epoch()) {
      bar.epoch(
          pendingEpoch.epoch(),
          pendingEpoch.loss(),
          pendingEpoch.triplesPerSecond(),
          OptionalDouble.of(record.meanReciprocalRank()));
      pendingEpoch = null;
    }
  }

  @Override
  public void onEpochStart(int epoch) {
    flushPending();
  }

  /** Shows the last epoch and ends the bar's line; call once training has returned or failed. */
  void finish() {
    flushPending();
    if (bar != null) {
      bar.finish();
    }
  }

  private void flushPending() {
    if (bar != null && pendingEpoch != null) {
      bar.epoch(
          pendingEpoch.epoch(),
          pendingEpoch.loss(),
          pendingEpoch.triplesPerSecond(),
          OptionalDouble.empty());
    }
    pendingEpoch = null;
  }
}
