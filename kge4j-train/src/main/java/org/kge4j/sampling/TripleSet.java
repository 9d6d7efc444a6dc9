package org.kge4j.sampling;

import java.util.Arrays;
import java.util.List;
import org.kge4j.data.TriplesFactory;

/**
 * An immutable set of mapped triples keyed by {@code (h * R + r) * E + t}. Small id spaces ({@code
 * E * R * E <= }{@value #MAX_BITSET_BITS} bits, e.g. UMLS: 105 kB) use a bitset, one bit per
 * possible triple; larger ones a primitive open-addressing hash set of the long keys with linear
 * probing. {@link #contains} allocates nothing and is safe from several threads.
 */
public final class TripleSet {

  /** Largest id space stored as a bitset: 2^26 bits = 8 MiB. */
  public static final long MAX_BITSET_BITS = 1L << 26;

  private static final long EMPTY = -1L;

  private final int numEntities;
  private final int numRelations;

  /** One bit per possible triple when the id space is small, else null. */
  private final long[] bits;

  /** The hash table when {@link #bits} is null. */
  private final long[] table;

  private final int mask;
  private final int size;

  /**
   * Collects the triples of all {@code factories}, which must share one id space.
   *
   * @throws IllegalArgumentException if {@code factories} is empty or the id spaces differ
   */
  public static TripleSet of(List<TriplesFactory> factories) {
    if (factories.isEmpty()) {
      throw new IllegalArgumentException("factories must hold at least one TriplesFactory, got 0");
    }
    TriplesFactory first = factories.get(0);
    int total = 0;
    for (TriplesFactory f : factories) {
      if (f.numEntities() != first.numEntities() || f.numRelations() != first.numRelations()) {
        throw new IllegalArgumentException(
            "all factories must share one id space ("
                + first.numEntities()
                + " entities, "
                + first.numRelations()
                + " relations), got "
                + f);
      }
      total += f.numTriples();
    }
    int[] triples = new int[3 * total];
    int offset = 0;
    for (TriplesFactory f : factories) {
      int[] own = f.mappedTriples();
      System.arraycopy(own, 0, triples, offset, own.length);
      offset += own.length;
    }
    return new TripleSet(first.numEntities(), first.numRelations(), triples);
  }

  /**
   * A set of the row-major {@code (n, 3)} triples in an id space of the given size.
   *
   * @throws IllegalArgumentException if an id is out of range or the length is no multiple of 3
   */
  public TripleSet(int numEntities, int numRelations, int[] triples) {
    if (numEntities < 1 || numRelations < 1) {
      throw new IllegalArgumentException(
          "numEntities and numRelations must be >= 1, got " + numEntities + " and " + numRelations);
    }
    if (triples.length % 3 != 0) {
      throw new IllegalArgumentException(
          "triples length must be a multiple of 3, got " + triples.length);
    }
    this.numEntities = numEntities;
    this.numRelations = numRelations;
    int n = triples.length / 3;
    long space = (long) numEntities * numRelations * numEntities;
    boolean dense = space <= MAX_BITSET_BITS;
    // Load factor <= 0.5 keeps linear-probing chains short.
    int capacity = dense ? 0 : Integer.highestOneBit(Math.max(4, 2 * n - 1)) << 1;
    this.bits = dense ? new long[(int) ((space + 63) >>> 6)] : null;
    this.table = dense ? null : new long[capacity];
    if (table != null) {
      Arrays.fill(table, EMPTY);
    }
    this.mask = capacity - 1;
    int count = 0;
    for (int i = 0; i < n; i++) {
      int h = triples[3 * i];
      int r = triples[3 * i + 1];
      int t = triples[3 * i + 2];
      if (h < 0 || h >= numEntities || t < 0 || t >= numEntities || r < 0 || r >= numRelations) {
        throw new IllegalArgumentException(
            "triple "
                + i
                + " ("
                + h
                + ", "
                + r
                + ", "
                + t
                + ") must have entities in [0, "
                + numEntities
                + ") and a relation in [0, "
                + numRelations
                + ")");
      }
      long key = key(h, r, t);
      if (bits != null) {
        long word = bits[(int) (key >>> 6)];
        long bit = 1L << key;
        count += (word & bit) == 0 ? 1 : 0;
        bits[(int) (key >>> 6)] = word | bit;
        continue;
      }
      int slot = slot(key);
      while (table[slot] != EMPTY && table[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (table[slot] == EMPTY) {
        table[slot] = key;
        count++;
      }
    }
    this.size = count;
  }

  /** Whether {@code (h, r, t)} is in the set; ids outside the id space are never contained. */
  public boolean contains(int head, int relation, int tail) {
    if (head < 0
        || head >= numEntities
        || tail < 0
        || tail >= numEntities
        || relation < 0
        || relation >= numRelations) {
      return false;
    }
    long key = key(head, relation, tail);
    if (bits != null) {
      return (bits[(int) (key >>> 6)] & (1L << key)) != 0;
    }
    for (int slot = slot(key); ; slot = (slot + 1) & mask) {
      long stored = table[slot];
      if (stored == key) {
        return true;
      }
      if (stored == EMPTY) {
        return false;
      }
    }
  }

  /** Number of distinct triples. */
  public int size() {
    return size;
  }

  /** Number of entities of the id space. */
  public int numEntities() {
    return numEntities;
  }

  /** Number of relations of the id space. */
  public int numRelations() {
    return numRelations;
  }

  private long key(int head, int relation, int tail) {
    return ((long) head * numRelations + relation) * numEntities + tail;
  }

  private int slot(long key) {
    // MurmurHash3's 64-bit finaliser spreads the structured keys over the table.
    long z = key;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    z ^= z >>> 33;
    return (int) z & mask;
  }
}
