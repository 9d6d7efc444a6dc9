package org.kge4j.spark;

import org.apache.spark.Partitioner;

/**
 * A Spark partitioner whose keys are their own partition numbers (an {@code Integer}, or a {@link
 * BucketTriple}'s bucket index): one Spark partition per entity partition or per bucket, where hash
 * partitioning would let two of them collide and leave others empty.
 */
final class ExactPartitioner extends Partitioner {

  private static final long serialVersionUID = 1L;

  private final int numPartitions;

  ExactPartitioner(int numPartitions) {
    this.numPartitions = numPartitions;
  }

  @Override
  public int numPartitions() {
    return numPartitions;
  }

  @Override
  public int getPartition(Object key) {
    int partition = key instanceof BucketTriple t ? t.bucket() : (Integer) key;
    if (partition < 0 || partition >= numPartitions) {
      throw new IllegalArgumentException(
          "partition key must be in [0, " + numPartitions + "), got " + partition);
    }
    return partition;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExactPartitioner p && p.numPartitions == numPartitions;
  }

  @Override
  public int hashCode() {
    return numPartitions;
  }
}
