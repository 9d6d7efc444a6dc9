package org.kge4j.training;

/**
 * One batch of an epoch, as {@link TrainingLoop#processBatch} receives it: the training instances
 * {@code order[from, to)} of the epoch's shuffled order, and where the batch stands in the run,
 * which every error about a non-finite score names.
 *
 * @param order the epoch's shuffled instance indices (the array is shared, not copied)
 * @param from the batch's first position in {@code order}
 * @param to one past its last position
 * @param epoch the 1-based epoch
 * @param number the 1-based batch within the epoch
 * @param numBatches batches per epoch
 */
record Batch(int[] order, int from, int to, int epoch, int number, int numBatches) {

  /** Number of instances in the batch, {@code to − from}. */
  int size() {
    return to - from;
  }

  /** The training instance at position {@code i} of the batch, {@code order[from + i]}. */
  int instance(int i) {
    return order[from + i];
  }

  /** The exception for a non-finite score or loss of this batch, {@code detail} saying which. */
  NonFiniteLossException nonFinite(String detail) {
    return new NonFiniteLossException(epoch, number, numBatches, detail);
  }
}
