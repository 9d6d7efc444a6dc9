package org.kge4j.spark;

import java.io.Serializable;

/**
 * What the task of one bucket in one round needs besides the shared run context: which committed
 * slices to start from and the random state to train with.
 *
 * @param bucket the bucket
 * @param round the global number of the round being trained
 * @param seed the bucket's random-number state (shuffling and negative sampling)
 * @param steps the optimizer's step count at the start of the round
 * @param lhsSlice the committed slice of the heads' partition
 * @param rhsSlice the committed slice of the tails' partition (the same for a diagonal bucket)
 * @param application the Spark application id, part of the output names so that attempts of a
 *     resumed run never reuse a name
 */
record BucketTask(
    Bucket bucket,
    long round,
    long seed,
    long steps,
    String lhsSlice,
    String rhsSlice,
    String application)
    implements Serializable {

  private static final long serialVersionUID = 1L;
}
