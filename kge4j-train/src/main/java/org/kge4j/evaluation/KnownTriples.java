package org.kge4j.evaluation;

import java.util.Arrays;
import java.util.List;
import org.kge4j.data.TriplesFactory;

/**
 * The known triples as two sorted arrays of unique long keys, one grouped by {@code (h, r)} and one
 * by {@code (r, t)}: key {@code (h * R + r) * E + t} resp. {@code (t * R + r) * E + h}. All answers
 * of a query share the prefix {@code key / E} and lie next to each other, so the filter of a query
 * is one binary search away and is read without allocation; the answer stored at position {@code k}
 * is {@code keys[k] % E}.
 */
final class KnownTriples {

  final long numEntities;
  final long numRelations;

  /** Keys {@code (h * R + r) * E + t}, sorted, unique. */
  final long[] tailKeys;

  /** Keys {@code (t * R + r) * E + h}, sorted, unique. */
  final long[] headKeys;

  /**
   * The index of triples over {@code numEntities} entities and {@code numRelations} relations,
   * {@code tailKeys} and {@code headKeys} as {@link #sortedKeys} made them (by the tail side and
   * the head side).
   */
  KnownTriples(int numEntities, int numRelations, long[] tailKeys, long[] headKeys) {
    this.numEntities = numEntities;
    this.numRelations = numRelations;
    this.tailKeys = tailKeys;
    this.headKeys = headKeys;
  }

  /**
   * The sorted unique keys of one side of {@code factories}' triples: {@link #tailKeys} when {@code
   * tails}, else {@link #headKeys}. The two sides are independent, so an evaluator sorts them on
   * two threads (each sort of FB15k-237's 310k known triples takes tens of milliseconds, a few
   * percent of a whole filtered evaluation).
   */
  static long[] sortedKeys(List<TriplesFactory> factories, boolean tails) {
    long numEntities = factories.get(0).numEntities();
    long numRelations = factories.get(0).numRelations();
    int total = 0;
    for (TriplesFactory f : factories) {
      total += f.numTriples();
    }
    long[] keys = new long[total];
    int k = 0;
    for (TriplesFactory f : factories) {
      for (int i = 0; i < f.numTriples(); i++) {
        long anchor = tails ? f.head(i) : f.tail(i);
        long answer = tails ? f.tail(i) : f.head(i);
        keys[k++] = (anchor * numRelations + f.relation(i)) * numEntities + answer;
      }
    }
    return sortedUnique(keys);
  }

  /**
   * The positions {@code [from, to)} in {@link #tailKeys} of the known tails of (h, r, ?), packed.
   */
  long tailRange(int head, int relation) {
    return range(tailKeys, head * numRelations + relation);
  }

  /**
   * The positions {@code [from, to)} in {@link #headKeys} of the known heads of (?, r, t), packed.
   */
  long headRange(int relation, int tail) {
    return range(headKeys, tail * numRelations + relation);
  }

  /** {@code from} of a packed range. */
  static int from(long range) {
    return (int) (range >>> 32);
  }

  /** {@code to} of a packed range. */
  static int to(long range) {
    return (int) range;
  }

  private long range(long[] keys, long prefix) {
    long lowest = prefix * numEntities;
    int from = lowerBound(keys, lowest);
    int to = lowerBound(keys, lowest + numEntities);
    return ((long) from << 32) | to;
  }

  private static int lowerBound(long[] keys, long key) {
    int position = Arrays.binarySearch(keys, key);
    return position >= 0 ? position : -position - 1;
  }

  private static long[] sortedUnique(long[] keys) {
    Arrays.sort(keys);
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[n++] = keys[i];
      }
    }
    return Arrays.copyOf(keys, n);
  }
}
