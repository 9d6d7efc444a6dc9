package org.kge4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The order in which one epoch trains the non-empty buckets: a list of rounds, each a set of
 * buckets that share no entity partition (so their tasks can run at the same time without touching
 * the same embeddings), every non-empty bucket exactly once per epoch.
 *
 * <p><b>Later epochs</b> use a round-robin tournament over a seeded permutation of the partitions
 * (the circle method): each of its rounds pairs the partitions; a pair {@code {a, b}} yields bucket
 * {@code (a, b)} in one round and {@code (b, a)} in another, and one round trains every diagonal
 * bucket {@code (k, k)}. That is {@code 2P − 1} rounds for even {@code P} (the minimum: the {@code
 * 2P² − P} partition uses of an epoch, at most {@code P} per round) and {@code 2P} for odd {@code
 * P}, where the partition left out of a pairing trains its diagonal bucket instead. The rounds are
 * shuffled with the same seed.
 *
 * <p><b>The first epoch</b> follows PyTorch-BigGraph's ordering rule: apart from the very first
 * bucket, a bucket may only be trained once one of its partitions has been trained, so that every
 * partition's embeddings start from a space its neighbours already shaped. Rounds are filled
 * greedily in a seeded order from the buckets the rule admits; parallelism doubles round by round
 * until every partition has been trained. (Should the rule admit nothing while buckets remain —
 * buckets that connect to no trained partition — the next bucket starts a new region.)
 */
public final class BucketSchedule {

  private BucketSchedule() {}

  /**
   * The rounds of one epoch.
   *
   * @param numPartitions {@code P >= 1}
   * @param nonEmpty the buckets that hold triples; others are left out
   * @param firstEpoch whether PyTorch-BigGraph's first-epoch rule applies
   * @param seed the epoch's seed: the partition permutation and the round order
   * @throws IllegalArgumentException if {@code P < 1} or a bucket lies outside {@code P × P}
   */
  public static List<List<Bucket>> epoch(
      int numPartitions, Set<Bucket> nonEmpty, boolean firstEpoch, long seed) {
    Objects.requireNonNull(nonEmpty, "nonEmpty");
    if (numPartitions < 1) {
      throw new IllegalArgumentException("number of partitions must be >= 1, got " + numPartitions);
    }
    for (Bucket b : nonEmpty) {
      if (b.lhs() >= numPartitions || b.rhs() >= numPartitions) {
        throw new IllegalArgumentException(
            "bucket " + b + " lies outside " + numPartitions + " x " + numPartitions);
      }
    }
    Random random = new Random(seed);
    return firstEpoch
        ? firstEpoch(numPartitions, nonEmpty, random)
        : tournament(numPartitions, nonEmpty, random);
  }

  private static List<List<Bucket>> tournament(
      int numPartitions, Set<Bucket> nonEmpty, Random random) {
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < numPartitions; k++) {
      order.add(k);
    }
    Collections.shuffle(order, random);
    // the circle method over an even number of slots; a slot >= P is the "bye"
    int slots = numPartitions % 2 == 0 ? numPartitions : numPartitions + 1;
    List<List<Bucket>> rounds = new ArrayList<>();
    List<Bucket> diagonal = new ArrayList<>();
    for (int r = 0; r < slots - 1; r++) {
      List<Bucket> forward = new ArrayList<>();
      List<Bucket> backward = new ArrayList<>();
      for (int i = 0; i < slots / 2; i++) {
        int a = circleSlot(r, i, slots);
        int b = circleSlot(r, slots - 1 - i, slots);
        if (a >= numPartitions || b >= numPartitions) {
          int alone = Math.min(a, b);
          forward.add(new Bucket(order.get(alone), order.get(alone)));
          continue;
        }
        forward.add(new Bucket(order.get(a), order.get(b)));
        backward.add(new Bucket(order.get(b), order.get(a)));
      }
      rounds.add(forward);
      rounds.add(backward);
    }
    if (slots == numPartitions) {
      for (int k = 0; k < numPartitions; k++) {
        diagonal.add(new Bucket(k, k));
      }
      rounds.add(diagonal);
    }
    List<List<Bucket>> kept = new ArrayList<>();
    for (List<Bucket> round : rounds) {
      List<Bucket> present = new ArrayList<>();
      for (Bucket b : round) {
        if (nonEmpty.contains(b)) {
          present.add(b);
        }
      }
      if (!present.isEmpty()) {
        kept.add(present);
      }
    }
    Collections.shuffle(kept, random);
    return kept;
  }

  /** The slot at position {@code i} of round {@code r}: slot 0 stays, the others rotate. */
  private static int circleSlot(int r, int i, int slots) {
    return i == 0 ? 0 : 1 + (i - 1 + r) % (slots - 1);
  }

  private static List<List<Bucket>> firstEpoch(
      int numPartitions, Set<Bucket> nonEmpty, Random random) {
    List<Bucket> pending = new ArrayList<>();
    for (int i = 0; i < numPartitions; i++) {
      for (int j = 0; j < numPartitions; j++) {
        Bucket b = new Bucket(i, j);
        if (nonEmpty.contains(b)) {
          pending.add(b);
        }
      }
    }
    Collections.shuffle(pending, random);
    Set<Integer> trained = new HashSet<>();
    List<List<Bucket>> rounds = new ArrayList<>();
    while (!pending.isEmpty()) {
      List<Bucket> round = new ArrayList<>();
      Set<Integer> busy = new HashSet<>();
      for (Bucket b : pending) {
        boolean free = !busy.contains(b.lhs()) && !busy.contains(b.rhs());
        boolean admitted = trained.contains(b.lhs()) || trained.contains(b.rhs());
        if (free && admitted) {
          round.add(b);
          busy.add(b.lhs());
          busy.add(b.rhs());
        }
      }
      if (round.isEmpty()) {
        // nothing connects to a trained partition (the start, or a disconnected region)
        round.add(pending.get(0));
      }
      pending.removeAll(round);
      for (Bucket b : round) {
        trained.add(b.lhs());
        trained.add(b.rhs());
      }
      rounds.add(round);
    }
    return rounds;
  }
}
