package org.kge4j.spark;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A training triple in its bucket, with partition-local entity ids; ordered by bucket, then {@code
 * (head, relation, tail)}. Local ids keep the order of global ids within a partition, so a bucket
 * sorted this way lists its triples in the order of single-machine kge4j's sorted triples.
 *
 * @param bucket the bucket's row-major index
 * @param head the head's index in its partition
 * @param relation the relation id
 * @param tail the tail's index in its partition
 */
record BucketTriple(int bucket, int head, int relation, int tail)
    implements Serializable, Comparable<BucketTriple> {

  private static final long serialVersionUID = 1L;

  private static final Comparator<BucketTriple> ORDER =
      Comparator.comparingInt(BucketTriple::bucket)
          .thenComparingInt(BucketTriple::head)
          .thenComparingInt(BucketTriple::relation)
          .thenComparingInt(BucketTriple::tail);

  @Override
  public int compareTo(BucketTriple other) {
    return ORDER.compare(this, other);
  }
}
