package org.kge4j.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kge4j.testing.RandomTriples;

class TripleSetTest {

  @Test
  void containsExactlyTheInsertedTriples() {
    SplittableRandom random = new SplittableRandom(3);
    int numEntities = 50;
    int numRelations = 7;
    int[] triples = RandomTriples.draw(random, 2000, numEntities, numRelations);
    Set<List<Integer>> reference = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      reference.add(List.of(triples[3 * i], triples[3 * i + 1], triples[3 * i + 2]));
    }
    TripleSet set = new TripleSet(numEntities, numRelations, triples);
    assertEquals(reference.size(), set.size());
    for (int h = 0; h < numEntities; h++) {
      for (int r = 0; r < numRelations; r++) {
        for (int t = 0; t < numEntities; t++) {
          assertEquals(reference.contains(List.of(h, r, t)), set.contains(h, r, t));
        }
      }
    }
  }

  @Test
  void largeIdSpacesUseTheHashTableWithTheSameAnswers() {
    int numEntities = 6000;
    int numRelations = 3; // 6000 * 3 * 6000 bits > MAX_BITSET_BITS: the hash table path
    assertTrue((long) numEntities * numRelations * numEntities > TripleSet.MAX_BITSET_BITS);
    SplittableRandom random = new SplittableRandom(17);
    int n = 5000;
    int[] triples = new int[3 * n];
    Set<List<Integer>> reference = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (i % 7 == 6) {
        System.arraycopy(triples, 3 * i - 3, triples, 3 * i, 3); // a duplicate
      } else {
        // Few distinct heads: keys are structured, the hash must spread them.
        triples[3 * i] = random.nextInt(20);
        triples[3 * i + 1] = random.nextInt(numRelations);
        triples[3 * i + 2] = random.nextInt(numEntities);
      }
      reference.add(List.of(triples[3 * i], triples[3 * i + 1], triples[3 * i + 2]));
    }
    TripleSet set = new TripleSet(numEntities, numRelations, triples);
    assertEquals(reference.size(), set.size());
    assertTrue(set.size() < n, "the data contains duplicates");
    for (List<Integer> t : reference) {
      assertTrue(set.contains(t.get(0), t.get(1), t.get(2)));
    }
    int misses = 0;
    for (int q = 0; q < 200_000; q++) {
      int h = random.nextInt(20);
      int r = random.nextInt(numRelations);
      int t = random.nextInt(numEntities);
      boolean expected = reference.contains(List.of(h, r, t));
      assertEquals(expected, set.contains(h, r, t));
      misses += expected ? 0 : 1;
    }
    assertTrue(misses > 100_000);
  }

  @Test
  void outOfRangeIdsAreNeverContainedButRejectedOnInsert() {
    TripleSet set = new TripleSet(3, 2, new int[] {0, 0, 1, 2, 1, 0});
    assertFalse(set.contains(3, 0, 1));
    assertFalse(set.contains(0, 2, 1));
    assertFalse(set.contains(-1, 0, 0));
    assertTrue(set.contains(2, 1, 0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new TripleSet(3, 2, new int[] {0, 2, 1}));
    assertEquals(
        "triple 0 (0, 2, 1) must have entities in [0, 3) and a relation in [0, 2)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TripleSet(3, 2, new int[] {0, 1}));
  }

  @Test
  void emptySetContainsNothing() {
    TripleSet set = new TripleSet(2, 1, new int[0]);
    assertEquals(0, set.size());
    assertFalse(set.contains(0, 0, 1));
  }
}
