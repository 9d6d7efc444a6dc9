package org.kge4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BucketScheduleTest {

  private static Set<Bucket> all(int p) {
    Set<Bucket> buckets = new HashSet<>();
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        buckets.add(new Bucket(i, j));
      }
    }
    return buckets;
  }

  /** Every bucket once, no two buckets of a round sharing a partition. */
  private static void assertCoversOnceWithDisjointRounds(
      List<List<Bucket>> rounds, Set<Bucket> expected) {
    Set<Bucket> seen = new HashSet<>();
    for (List<Bucket> round : rounds) {
      assertFalse(round.isEmpty());
      for (int a = 0; a < round.size(); a++) {
        assertTrue(seen.add(round.get(a)), "bucket " + round.get(a) + " twice");
        for (int b = a + 1; b < round.size(); b++) {
          assertFalse(round.get(a).overlaps(round.get(b)), round.get(a) + " and " + round.get(b));
        }
      }
    }
    assertEquals(expected, seen);
  }

  @Test
  void laterEpochsTakeTheMinimalNumberOfRounds() {
    for (int p = 1; p <= 9; p++) {
      for (long seed = 0; seed < 3; seed++) {
        List<List<Bucket>> rounds = BucketSchedule.epoch(p, all(p), false, seed);
        assertCoversOnceWithDisjointRounds(rounds, all(p));
        // 2P² − P partition uses, at most P per round: 2P − 1 rounds at least; odd P needs 2P
        int expected = p == 1 ? 1 : p % 2 == 0 ? 2 * p - 1 : 2 * p;
        assertEquals(expected, rounds.size(), "P = " + p);
      }
    }
  }

  @Test
  void theFirstEpochTrainsABucketOnlyAfterOneOfItsPartitions() {
    for (int p = 1; p <= 8; p++) {
      List<List<Bucket>> rounds = BucketSchedule.epoch(p, all(p), true, 42);
      assertCoversOnceWithDisjointRounds(rounds, all(p));
      assertEquals(1, rounds.get(0).size(), "the first round holds the one starting bucket");
      Set<Integer> trained = new HashSet<>();
      for (int r = 0; r < rounds.size(); r++) {
        for (Bucket b : rounds.get(r)) {
          assertTrue(
              r == 0 || trained.contains(b.lhs()) || trained.contains(b.rhs()),
              "round " + r + " trains " + b + " before either of its partitions");
        }
        for (Bucket b : rounds.get(r)) {
          trained.add(b.lhs());
          trained.add(b.rhs());
        }
      }
    }
  }

  @Test
  void emptyBucketsAreLeftOutAndDisconnectedRegionsStartAnew() {
    Set<Bucket> some = Set.of(new Bucket(0, 0), new Bucket(1, 1), new Bucket(2, 3));
    for (boolean first : new boolean[] {true, false}) {
      assertCoversOnceWithDisjointRounds(BucketSchedule.epoch(4, some, first, 7), some);
    }
  }

  @Test
  void theSeedChangesTheOrderButNotTheCoverage() {
    assertFalse(
        BucketSchedule.epoch(6, all(6), false, 1)
            .equals(BucketSchedule.epoch(6, all(6), false, 2)));
    assertEquals(
        BucketSchedule.epoch(6, all(6), false, 1), BucketSchedule.epoch(6, all(6), false, 1));
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class, () -> BucketSchedule.epoch(0, Set.of(), true, 1));
    assertEquals("number of partitions must be >= 1, got 0", zero.getMessage());
    IllegalArgumentException outside =
        assertThrows(
            IllegalArgumentException.class,
            () -> BucketSchedule.epoch(2, Set.of(new Bucket(0, 2)), true, 1));
    assertEquals("bucket (0, 2) lies outside 2 x 2", outside.getMessage());
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> new Bucket(-1, 0));
    assertEquals("bucket partitions must be >= 0, got (-1, 0)", negative.getMessage());
  }

  @Test
  void entityPartitionsAreBalancedAndDeterministic() {
    EntityPartitioner partitioner = new EntityPartitioner(4, 99);
    int[] sizes = new int[4];
    for (int e = 0; e < 40_000; e++) {
      int k = partitioner.partitionOf(e);
      assertEquals(k, new EntityPartitioner(4, 99).partitionOf(e));
      sizes[k]++;
    }
    for (int size : sizes) {
      // multinomial: mean 10000, standard deviation ~87
      assertTrue(Math.abs(size - 10_000) < 500, "partition size " + size);
    }
    assertEquals(0, new EntityPartitioner(1, 5).partitionOf(123));
  }
}
