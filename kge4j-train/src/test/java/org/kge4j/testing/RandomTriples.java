package org.kge4j.testing;

import java.util.SplittableRandom;

/** Random id triples for tests, drawn head, relation, tail, triple after triple. */
public final class RandomTriples {

  private RandomTriples() {}

  /**
   * {@code count} triples as flat {@code (h, r, t)} ids, heads and tails uniform below {@code
   * numEntities}, relations below {@code numRelations}; duplicates are possible.
   */
  public static int[] draw(SplittableRandom random, int count, int numEntities, int numRelations) {
    int[] triples = new int[3 * count];
    for (int i = 0; i < count; i++) {
      triples[3 * i] = random.nextInt(numEntities);
      triples[3 * i + 1] = random.nextInt(numRelations);
      triples[3 * i + 2] = random.nextInt(numEntities);
    }
    return triples;
  }
}
