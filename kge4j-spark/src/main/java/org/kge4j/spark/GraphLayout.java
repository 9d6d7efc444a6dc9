package org.kge4j.spark;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of an indexed, partitioned training graph, as {@code graph/layout.json} records it:
 * id-space sizes, the entity partitioning and how many triples each bucket holds.
 *
 * @param numEntities entities of the id space (labels that occur as head or tail in training)
 * @param numRelations relations of the id space
 * @param numTriples distinct training triples
 * @param numPartitions {@code P}
 * @param partitionSeed the seed of the {@link EntityPartitioner}
 * @param partitionSizes entities per partition, {@code P} entries
 * @param bucketSizes triples per bucket, {@code P²} entries in row-major {@link Bucket#index} order
 */
public record GraphLayout(
    int numEntities,
    int numRelations,
    long numTriples,
    int numPartitions,
    long partitionSeed,
    int[] partitionSizes,
    long[] bucketSizes)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Checks the sizes against each other.
   *
   * @throws IllegalArgumentException if the arrays do not fit {@code P} or do not add up
   */
  public GraphLayout {
    Objects.requireNonNull(partitionSizes, "partitionSizes");
    Objects.requireNonNull(bucketSizes, "bucketSizes");
    if (partitionSizes.length != numPartitions
        || bucketSizes.length != numPartitions * numPartitions) {
      throw new IllegalArgumentException(
          "a layout of "
              + numPartitions
              + " partitions needs "
              + numPartitions
              + " partition sizes and "
              + numPartitions * numPartitions
              + " bucket sizes, got "
              + partitionSizes.length
              + " and "
              + bucketSizes.length);
    }
    long entities = 0;
    for (int size : partitionSizes) {
      entities += size;
    }
    long triples = 0;
    for (long size : bucketSizes) {
      triples += size;
    }
    if (entities != numEntities || triples != numTriples) {
      throw new IllegalArgumentException(
          "partition sizes add up to "
              + entities
              + " entities (expected "
              + numEntities
              + ") and bucket sizes to "
              + triples
              + " triples (expected "
              + numTriples
              + ")");
    }
  }

  /** The entity partitioner of this layout. */
  public EntityPartitioner partitioner() {
    return new EntityPartitioner(numPartitions, partitionSeed);
  }

  /** The buckets that hold at least one triple. */
  public Set<Bucket> nonEmptyBuckets() {
    Set<Bucket> buckets = new HashSet<>();
    for (int i = 0; i < bucketSizes.length; i++) {
      if (bucketSizes[i] > 0) {
        buckets.add(Bucket.ofIndex(i, numPartitions));
      }
    }
    return buckets;
  }

  /** Triples of {@code bucket}. */
  public long bucketSize(Bucket bucket) {
    return bucketSizes[bucket.index(numPartitions)];
  }
}
