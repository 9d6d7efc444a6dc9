package org.kge4j.training;

/**
 * Training produced a NaN or infinite score or loss; training stops at once, because one such value
 * poisons every parameter it reaches. The message names the epoch and the batch.
 */
public final class NonFiniteLossException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int batch;

  /**
   * Creates the exception.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based batch within the epoch
   * @param numBatches batches per epoch
   * @param detail what was non-finite
   */
  public NonFiniteLossException(int epoch, int batch, int numBatches, String detail) {
    super(
        "non-finite loss in epoch "
            + epoch
            + ", batch "
            + batch
            + " of "
            + numBatches
            + ": "
            + detail
            + "; lower the learning rate or check the margins");
    this.epoch = epoch;
    this.batch = batch;
  }

  /** The 1-based epoch. */
  public int epoch() {
    return epoch;
  }

  /** The 1-based batch within the epoch. */
  public int batch() {
    return batch;
  }
}
