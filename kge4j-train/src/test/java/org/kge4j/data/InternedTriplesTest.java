package org.kge4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.testing.LabeledTriples;

/**
 * {@link TriplesFactory#fromInternedTriples} (labels interned in first-seen order while streaming a
 * file) and {@link TriplesFactory#cloneAndExchangeTriples} (splits sharing one id space).
 */
class InternedTriplesTest {

  @Test
  void internedTriplesGetSortedIdsAndSortedUniqueTriples() {
    // First-seen order: zeta, alpha, beta / loves, hates. Sorted: alpha 0, beta 1, zeta 2;
    // hates 0, loves 1. Triples (zeta loves alpha), (beta hates zeta), (alpha loves beta) and a
    // duplicate of the first become (2,1,0), (1,0,2), (0,1,1), sorted: (0,1,1), (1,0,2), (2,1,0).
    String[] entities = {"zeta", "alpha", "beta"};
    String[] relations = {"loves", "hates"};
    int[] interned = {0, 0, 1, 2, 1, 0, 1, 0, 2, 0, 0, 1, -7, -7, -7};
    TriplesFactory f = TriplesFactory.fromInternedTriples(interned, 4, entities, relations, "test");
    assertEquals(List.of("alpha", "beta", "zeta"), List.copyOf(f.entityToId().keySet()));
    assertEquals(List.of("hates", "loves"), List.copyOf(f.relationToId().keySet()));
    assertArrayEquals(new int[] {0, 1, 1, 1, 0, 2, 2, 1, 0}, f.mappedTriples());
    assertEquals(0, f.numDroppedTriples());
    // The caller's arrays are not changed.
    assertArrayEquals(new String[] {"zeta", "alpha", "beta"}, entities);
  }

  @Property(tries = 60)
  void internedTriplesEqualTheSameTriplesGivenAsLabels(
      @ForAll @IntRange(min = 1, max = 12) int numEntities,
      @ForAll @IntRange(min = 1, max = 4) int numRelations,
      @ForAll @IntRange(min = 1, max = 60) int numTriples,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // Labels beyond the basic plane and upper/lower case make the code-point order matter.
    String[] alphabet = {"a", "B", "_", "\uFF21", new String(Character.toChars(0x1F600)), "a1"};
    List<String[]> labeled = new ArrayList<>();
    for (int i = 0; i < numTriples; i++) {
      labeled.add(
          new String[] {
            "e" + alphabet[random.nextInt(alphabet.length)] + random.nextInt(numEntities),
            "r" + alphabet[random.nextInt(alphabet.length)] + random.nextInt(numRelations),
            "e" + alphabet[random.nextInt(alphabet.length)] + random.nextInt(numEntities)
          });
    }
    Map<String, Integer> entities = new LinkedHashMap<>();
    Map<String, Integer> relations = new LinkedHashMap<>();
    int[] interned = new int[3 * numTriples];
    for (int i = 0; i < numTriples; i++) {
      String[] row = labeled.get(i);
      interned[3 * i] = entities.computeIfAbsent(row[0], k -> entities.size());
      interned[3 * i + 1] = relations.computeIfAbsent(row[1], k -> relations.size());
      interned[3 * i + 2] = entities.computeIfAbsent(row[2], k -> entities.size());
    }
    TriplesFactory expected = TriplesFactory.fromLabeledTriples(labeled);
    TriplesFactory actual =
        TriplesFactory.fromInternedTriples(
            interned,
            numTriples,
            entities.keySet().toArray(new String[0]),
            relations.keySet().toArray(new String[0]),
            "test");
    assertTrue(actual.sharesIdSpaceWith(expected));
    assertArrayEquals(expected.mappedTriples(), actual.mappedTriples());
  }

  @Property(tries = 300)
  void codePointOrderEqualsComparingDecodedCodePoints(@ForAll long seed) {
    // Characters around the surrogate range, where UTF-16 order and code point order differ.
    int[] pool = {'a', 'Z', 0xD7FF, 0xE000, 0xFF21, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    SplittableRandom random = new SplittableRandom(seed);
    String[] strings = new String[2];
    for (int s = 0; s < 2; s++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(4); k >= 0; k--) {
        sb.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      strings[s] = sb.toString();
    }
    int expected =
        Integer.signum(
            java.util.Arrays.compare(
                strings[0].codePoints().toArray(), strings[1].codePoints().toArray()));
    assertEquals(
        expected, Integer.signum(TriplesFactory.CODE_POINT_ORDER.compare(strings[0], strings[1])));
  }

  static Stream<Arguments> badInternedTriples() {
    String[] entities = {"a", "b"};
    return Stream.of(
        Arguments.of(
            new int[] {0, 0, 1, 1, 1, 0},
            2,
            entities,
            "internedTriples[4] (triple 1, column 1) must be in [0, 1), got 1"),
        Arguments.of(
            new int[] {0, 0, 1},
            1,
            new String[] {"a", "b", "a"},
            "entity labels must be distinct, got \"a\" twice"),
        Arguments.of(
            new int[] {0, 0, 1},
            0,
            entities,
            "numTriples must be in [1, internedTriples.length / 3 = 1], got 0"),
        Arguments.of(
            new int[] {0, 0, 1},
            2,
            entities,
            "numTriples must be in [1, internedTriples.length / 3 = 1], got 2"));
  }

  @ParameterizedTest
  @MethodSource("badInternedTriples")
  void badInternedTriplesAreRejectedWithTheirIndex(
      int[] interned, int numTriples, String[] entities, String message) {
    String[] relations = {"r"};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TriplesFactory.fromInternedTriples(
                    interned, numTriples, entities, relations, "test"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void cloneAndExchangeTriplesSharesTheIdSpaceAndKeepsTheGivenOrder() {
    TriplesFactory all = LabeledTriples.of("a r b", "b s c", "c r a");
    TriplesFactory part = all.cloneAndExchangeTriples(new int[] {2, 0, 0, 0, 0, 1, 2, 0, 0});
    assertTrue(part.sharesIdSpaceWith(all));
    assertSame(all.entityToId(), part.entityToId());
    assertEquals(3, part.numTriples());
    assertArrayEquals(new int[] {2, 0, 0, 0, 0, 1, 2, 0, 0}, part.mappedTriples());
    assertEquals("c", part.entityLabel(part.head(0)));
    // The splits of one graph form a Dataset.
    Dataset dataset =
        new Dataset(
            "parts",
            all,
            all.cloneAndExchangeTriples(new int[] {0, 0, 1}),
            all.cloneAndExchangeTriples(new int[] {1, 1, 2}));
    assertEquals(3, dataset.numEntities());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> all.cloneAndExchangeTriples(new int[] {0, 2, 1}));
    assertEquals("mappedTriples[1] (triple 0, column 1) must be in [0, 2), got 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> all.cloneAndExchangeTriples(new int[] {0}));
  }
}
