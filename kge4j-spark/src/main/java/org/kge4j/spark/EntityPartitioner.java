package org.kge4j.spark;

import java.io.Serializable;

/**
 * The seeded random assignment of entities to {@code P} partitions (PyTorch-BigGraph assigns
 * entities to partitions at random, so that every bucket holds a similar share of the triples).
 * Entity {@code e} goes to partition {@code mix(seed, e) mod P}, with {@code mix} a 64-bit
 * finalising hash (MurmurHash3's {@code fmix64}): a pure function of the id, so every executor
 * computes the same assignment without a lookup table; sizes follow a multinomial distribution
 * around {@code numEntities / P}.
 *
 * @param numPartitions {@code P >= 1}
 * @param seed the assignment's seed
 */
public record EntityPartitioner(int numPartitions, long seed) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Checks the partition count.
   *
   * @throws IllegalArgumentException if {@code numPartitions < 1}
   */
  public EntityPartitioner {
    if (numPartitions < 1) {
      throw new IllegalArgumentException("number of partitions must be >= 1, got " + numPartitions);
    }
  }

  /** The partition of entity {@code entity}, in {@code [0, numPartitions)}. */
  public int partitionOf(long entity) {
    return numPartitions == 1
        ? 0
        : (int) Long.remainderUnsigned(mix(seed ^ mix(entity)), numPartitions);
  }

  /** MurmurHash3's 64-bit finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
