package org.kge4j.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestLabelsTest {

  @Test
  void levenshteinDistancesComputedByHand() {
    assertEquals(3, ClosestLabels.levenshtein("kitten", "sitting"));
    assertEquals(0, ClosestLabels.levenshtein("", ""));
    assertEquals(4, ClosestLabels.levenshtein("", "abcd"));
    assertEquals(1, ClosestLabels.levenshtein("father_of", "fathers_of"));
  }

  @Test
  void closestFirstThenLongerPrefixThenCodePointOrder() {
    List<String> known =
        List.of("father_of", "mother_of", "son_of", "grandfather_of", "brother_of", "sister_of");
    // Distances: father_of 1 (delete the s), mother_of 3 (f->m, a->o, delete the s), brother_of 4
    // (f->b, a->r, insert o, delete s), sister_of 5, grandfather_of 6, son_of 7.
    assertEquals(
        List.of("father_of", "mother_of", "brother_of"),
        ClosestLabels.find("fathers_of", known, 3));
    // Case is ignored; the label is returned as known.
    assertEquals(List.of("Uncle_Of"), ClosestLabels.find("uncle_of", List.of("Uncle_Of"), 2));
    // Same distance: the longer common prefix wins ("ab" shares 2, "xb" none).
    assertEquals(List.of("abd", "xbc"), ClosestLabels.find("abc", List.of("xbc", "abd"), 2));
  }

  @Test
  void labelsSharingNothingAreNotSuggested() {
    assertEquals(List.of(), ClosestLabels.find("zzz", List.of("abc", "de"), 5));
    assertEquals(List.of(), ClosestLabels.find("abc", List.of("abd"), 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClosestLabels.find("a", List.of(), -1));
    assertEquals("count must be >= 0, got -1", e.getMessage());
  }
}
