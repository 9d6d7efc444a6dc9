package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.kge4j.data.TriplesFactory;
import org.kge4j.testing.LabeledTriples;

/** PyKEEN's cleanup split: the guarantee, the sizes, determinism. */
class CleanupSplitterTest {

  /**
   * A random graph whose entity frequencies fall off like a power law (entity {@code k} drawn with
   * weight {@code 1 / (k + 1)}), so that rare entities force the cleanup to move triples.
   */
  private static TriplesFactory randomGraph(
      int numEntities, int numRelations, int numTriples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = new double[numEntities];
    double sum = 0;
    for (int k = 0; k < numEntities; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    List<String[]> triples = new ArrayList<>();
    for (int i = 0; i < numTriples; i++) {
      triples.add(
          new String[] {
            "e" + draw(cumulative, random),
            "r" + random.nextInt(numRelations),
            "e" + draw(cumulative, random)
          });
    }
    return TriplesFactory.fromLabeledTriples(triples);
  }

  private static int draw(double[] cumulative, SplittableRandom random) {
    int k =
        Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
    return k >= 0 ? k : -k - 1;
  }

  @Provide
  Arbitrary<SplitRatios> ratios() {
    return Arbitraries.of(
        SplitRatios.DEFAULT,
        new SplitRatios(0.5, 0.25, 0.25),
        new SplitRatios(0.7, 0.2, 0.1),
        new SplitRatios(0.9, 0.05, 0.05));
  }

  @Property(tries = 150)
  void everyValidationAndTestingEntityAndRelationOccursInTraining(
      @ForAll @IntRange(min = 2, max = 60) int numEntities,
      @ForAll @IntRange(min = 1, max = 8) int numRelations,
      @ForAll @IntRange(min = 40, max = 400) int numTriples,
      @ForAll("ratios") SplitRatios ratios,
      @ForAll long graphSeed,
      @ForAll long splitSeed) {
    TriplesFactory graph = randomGraph(numEntities, numRelations, numTriples, graphSeed);
    TripleSplit split;
    try {
      split = CleanupSplitter.split(graph, ratios, splitSeed);
    } catch (IllegalArgumentException e) {
      // Legitimate only when a drawn part was emptied by the cleanup (or drawn empty).
      assertTrue(e.getMessage().startsWith("cannot split " + graph.numTriples()), e.getMessage());
      return;
    }
    boolean[] entity = new boolean[graph.numEntities()];
    boolean[] relation = new boolean[graph.numRelations()];
    TriplesFactory training = split.training();
    for (int i = 0; i < training.numTriples(); i++) {
      entity[training.head(i)] = true;
      relation[training.relation(i)] = true;
      entity[training.tail(i)] = true;
    }
    for (TriplesFactory part : List.of(split.validation(), split.testing())) {
      assertTrue(part.numTriples() > 0);
      assertTrue(part.sharesIdSpaceWith(graph));
      for (int i = 0; i < part.numTriples(); i++) {
        assertTrue(entity[part.head(i)] && entity[part.tail(i)] && relation[part.relation(i)]);
      }
    }
    // Every entity and relation of the graph is in training (each occurs in some triple).
    for (boolean seen : entity) {
      assertTrue(seen);
    }
    for (boolean seen : relation) {
      assertTrue(seen);
    }
    // The parts partition the graph, each keeping the graph's (sorted) order.
    long[] parts = new long[graph.numTriples()];
    int k = 0;
    for (TriplesFactory part : List.of(training, split.validation(), split.testing())) {
      long[] keys = keys(part);
      long[] sorted = keys.clone();
      Arrays.sort(sorted);
      assertArrayEquals(sorted, keys);
      System.arraycopy(keys, 0, parts, k, keys.length);
      k += keys.length;
    }
    assertEquals(graph.numTriples(), k);
    Arrays.sort(parts);
    assertArrayEquals(keys(graph), parts);
    // Training grew by exactly the moved triples.
    assertEquals(
        ratios.sizes(graph.numTriples())[0] + split.movedToTraining(), training.numTriples());
  }

  private static long[] keys(TriplesFactory triples) {
    long[] keys = new long[triples.numTriples()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] =
          ((long) triples.head(i) * triples.numRelations() + triples.relation(i))
                  * triples.numEntities()
              + triples.tail(i);
    }
    return keys;
  }

  @Test
  void aDenseGraphIsSplitAtExactlyTheRequestedSizes() {
    // 20 entities in 1,500 triples: each occurs about 150 times, so nothing needs to move and the
    // parts have PyKEEN's sizes, 80 / 10 / 10 % of the unique triples.
    TriplesFactory graph = randomDense(20, 3, 1500, 5);
    int n = graph.numTriples();
    TripleSplit split = CleanupSplitter.split(graph, SplitRatios.DEFAULT, 42);
    assertEquals(0, split.movedToTraining());
    int[] sizes = SplitRatios.DEFAULT.sizes(n);
    assertEquals(sizes[0], split.training().numTriples());
    assertEquals(sizes[1], split.validation().numTriples());
    assertEquals(sizes[2], split.testing().numTriples());
    assertEquals(n, sizes[0] + sizes[1] + sizes[2]);
    assertTrue(Math.abs(split.training().numTriples() - 0.8 * n) < 1, "training " + sizes[0]);
  }

  @Test
  void aSparseGraphStaysCloseToTheRatios() {
    // Power-law entities: the rare ones pull some triples into training, but few.
    TriplesFactory graph = randomGraph(500, 10, 20_000, 3);
    int n = graph.numTriples();
    TripleSplit split = CleanupSplitter.split(graph, SplitRatios.DEFAULT, 1);
    double training = split.training().numTriples() / (double) n;
    assertTrue(training >= 0.8 && training < 0.82, "training fraction " + training);
    assertTrue(split.validation().numTriples() > 0.09 * n);
    assertTrue(split.testing().numTriples() > 0.09 * n);
  }

  private static TriplesFactory randomDense(
      int numEntities, int numRelations, int numTriples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String[]> triples = new ArrayList<>();
    for (int i = 0; i < numTriples; i++) {
      triples.add(
          new String[] {
            "e" + random.nextInt(numEntities),
            "r" + random.nextInt(numRelations),
            "e" + random.nextInt(numEntities)
          });
    }
    return TriplesFactory.fromLabeledTriples(triples);
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    TriplesFactory graph = randomGraph(100, 5, 2000, 11);
    TripleSplit first = CleanupSplitter.split(graph, SplitRatios.DEFAULT, 7);
    TripleSplit again = CleanupSplitter.split(graph, SplitRatios.DEFAULT, 7);
    TripleSplit other = CleanupSplitter.split(graph, SplitRatios.DEFAULT, 8);
    assertArrayEquals(first.training().mappedTriples(), again.training().mappedTriples());
    assertArrayEquals(first.validation().mappedTriples(), again.validation().mappedTriples());
    assertArrayEquals(first.testing().mappedTriples(), again.testing().mappedTriples());
    assertEquals(first.movedToTraining(), again.movedToTraining());
    assertFalse(Arrays.equals(first.testing().mappedTriples(), other.testing().mappedTriples()));
  }

  @Test
  void aTripleWithAnEntityOfItsOwnIsAlwaysInTraining() {
    // "loner" occurs once: whichever part the permutation draws it into, it ends in training.
    List<String[]> triples = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      triples.add(new String[] {"e" + i % 6, "r", "e" + (i + 1) % 6});
      triples.add(new String[] {"e" + i % 6, "s", "e" + (i + 2) % 6});
    }
    triples.add(new String[] {"loner", "r", "e0"});
    TriplesFactory graph = TriplesFactory.fromLabeledTriples(triples);
    int loner = graph.entityToId().get("loner");
    for (long seed = 0; seed < 40; seed++) {
      TripleSplit split = CleanupSplitter.split(graph, new SplitRatios(0.5, 0.25, 0.25), seed);
      assertTrue(heads(split.training()).contains(loner), "seed " + seed);
      assertFalse(heads(split.validation()).contains(loner), "seed " + seed);
      assertFalse(heads(split.testing()).contains(loner), "seed " + seed);
    }
  }

  private static List<Integer> heads(TriplesFactory triples) {
    List<Integer> heads = new ArrayList<>();
    for (int i = 0; i < triples.numTriples(); i++) {
      heads.add(triples.head(i));
    }
    return heads;
  }

  @Test
  void aGraphTooSmallForTheRatiosIsAnError() {
    // 3 triples at 0.8/0.1/0.1: PyKEEN's sizes are [2, 0, 1], so validation is drawn empty.
    TriplesFactory graph = LabeledTriples.of("a r b", "c r d", "e r f");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CleanupSplitter.split(graph, SplitRatios.DEFAULT, 1));
    assertEquals(
        "cannot split 3 triples with ratios 0.8,0.1,0.1: the validation part is empty (0 drawn,"
            + " 0 moved into training because their entities or relations occur nowhere else);"
            + " the graph needs more triples, or larger validation/testing ratios",
        e.getMessage());
    // With a third each, every drawn triple has entities of its own and moves into training.
    IllegalArgumentException moved =
        assertThrows(
            IllegalArgumentException.class,
            () -> CleanupSplitter.split(graph, new SplitRatios(0.4, 0.3, 0.3), 1));
    assertTrue(
        moved.getMessage().contains("the validation part is empty (1 drawn, 1 moved"),
        moved.getMessage());
  }
}
