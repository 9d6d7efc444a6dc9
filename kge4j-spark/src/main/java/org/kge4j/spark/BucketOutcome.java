package org.kge4j.spark;

import java.io.Serializable;

/**
 * What a bucket task reports to the driver (its embeddings stay on storage): the files its attempt
 * wrote, which become the partitions' state when the round commits, and its loss.
 *
 * @param bucket the bucket
 * @param lhsSlice the file holding the heads' partition after training
 * @param rhsSlice the file holding the tails' partition after training (equal for a diagonal
 *     bucket)
 * @param loss the bucket's epoch loss as {@code TrainingLoop} reports it
 * @param numTriples positive triples trained
 * @param numBatches batches trained (optimizer steps taken)
 * @param seconds wall-clock seconds of the task
 */
record BucketOutcome(
    Bucket bucket,
    String lhsSlice,
    String rhsSlice,
    double loss,
    long numTriples,
    long numBatches,
    double seconds)
    implements Serializable {

  private static final long serialVersionUID = 1L;
}
