package org.kge4j.spark;

import java.io.Serializable;

/**
 * One of the {@code P × P} buckets of PyTorch-BigGraph's partitioning: the training triples whose
 * head lies in entity partition {@code lhs} and whose tail lies in partition {@code rhs}. A bucket
 * touches the embeddings of one partition ({@code lhs == rhs}) or two.
 *
 * @param lhs the heads' partition, {@code >= 0}
 * @param rhs the tails' partition, {@code >= 0}
 */
public record Bucket(int lhs, int rhs) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Checks the partitions.
   *
   * @throws IllegalArgumentException if a partition is negative
   */
  public Bucket {
    if (lhs < 0 || rhs < 0) {
      throw new IllegalArgumentException(
          "bucket partitions must be >= 0, got (" + lhs + ", " + rhs + ")");
    }
  }

  /** The bucket's position {@code lhs * numPartitions + rhs} in row-major order. */
  public int index(int numPartitions) {
    return lhs * numPartitions + rhs;
  }

  /** The bucket at row-major position {@code index}. */
  public static Bucket ofIndex(int index, int numPartitions) {
    return new Bucket(index / numPartitions, index % numPartitions);
  }

  /** Whether this bucket and {@code other} share an entity partition. */
  public boolean overlaps(Bucket other) {
    return lhs == other.lhs || lhs == other.rhs || rhs == other.lhs || rhs == other.rhs;
  }

  @Override
  public String toString() {
    return "(" + lhs + ", " + rhs + ")";
  }
}
