package org.kge4j.prediction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The bounded heap keeps what a full sort by (score desc, id asc) puts first, in any order. */
class TopKProperties {

  @Property(tries = 300)
  void heapEqualsTheHeadOfAFullSort(
      @ForAll @Size(min = 1, max = 200) int[] rawScores,
      @ForAll @IntRange(min = 1, max = 220) int capacity,
      @ForAll long shuffleSeed) {
    int n = rawScores.length;
    // Few distinct values, so that ties are common.
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = Math.floorMod(rawScores[i], 7) - 3;
    }
    int[] expected =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
            .limit(capacity)
            .mapToInt(Integer::intValue)
            .toArray();
    int[] order = IntStream.range(0, n).toArray();
    java.util.Random random = new java.util.Random(shuffleSeed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    TopK top = new TopK(Math.min(capacity, n));
    for (int id : order) {
      top.offer(scores[id], id);
    }
    assertArrayEquals(expected, top.drainBestFirst());
  }
}
