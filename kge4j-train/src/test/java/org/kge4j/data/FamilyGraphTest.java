package org.kge4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FamilyGraphTest {

  private static final Dataset DATASET = Datasets.embedded();

  /** All triples of all splits as "h r t" label strings. */
  private static Set<String> facts(Dataset d) {
    Set<String> facts = new HashSet<>();
    for (TriplesFactory f : List.of(d.training(), d.validation(), d.testing())) {
      for (int i = 0; i < f.numTriples(); i++) {
        facts.add(f.head(i) + " " + f.relationLabel(f.relation(i)) + " " + f.tail(i));
      }
    }
    return facts;
  }

  @Test
  void sizeIsAFewHundredEntitiesAndAFewThousandTriples() {
    assertEquals(17, DATASET.numRelations());
    assertTrue(
        DATASET.numEntities() >= 200 && DATASET.numEntities() <= 500,
        "entities " + DATASET.numEntities());
    int total =
        DATASET.training().numTriples()
            + DATASET.validation().numTriples()
            + DATASET.testing().numTriples();
    assertTrue(total >= 3000 && total <= 10000, "triples " + total);
    // 80/10/10 split.
    assertEquals(total / 10, DATASET.validation().numTriples());
    assertEquals(total / 10, DATASET.testing().numTriples());
  }

  @Test
  void embeddedDatasetStaysTheOneTheReadmeDocuments() {
    // The README reports these sizes and metrics measured on them: a generator change that alters
    // the default dataset must update both deliberately.
    assertEquals(271, DATASET.numEntities());
    assertEquals(4562, DATASET.training().numTriples());
    assertEquals(570, DATASET.validation().numTriples());
    assertEquals(570, DATASET.testing().numTriples());
  }

  @Test
  void generationIsDeterministicAndSeedDependent() {
    Dataset again = FamilyGraph.generate(FamilyGraph.DEFAULT_SEED);
    assertArrayEquals(DATASET.training().mappedTriples(), again.training().mappedTriples());
    assertArrayEquals(DATASET.testing().mappedTriples(), again.testing().mappedTriples());
    Dataset other = FamilyGraph.generate(7);
    assertFalse(facts(other).equals(facts(DATASET)));
    assertEquals("embedded-7", other.name());
  }

  @Test
  void heldOutEntitiesAndRelationsAllOccurInTraining() {
    for (long seed : new long[] {FamilyGraph.DEFAULT_SEED, 1, 2, 3}) {
      Dataset d = FamilyGraph.generate(seed);
      Set<Integer> entities = new HashSet<>();
      Set<Integer> relations = new HashSet<>();
      TriplesFactory train = d.training();
      for (int i = 0; i < train.numTriples(); i++) {
        entities.add(train.head(i));
        entities.add(train.tail(i));
        relations.add(train.relation(i));
      }
      assertEquals(d.numEntities(), entities.size(), "every entity is in training");
      for (TriplesFactory split : List.of(d.validation(), d.testing())) {
        for (int i = 0; i < split.numTriples(); i++) {
          assertTrue(
              entities.contains(split.head(i))
                  && entities.contains(split.tail(i))
                  && relations.contains(split.relation(i)));
        }
      }
    }
  }

  @Test
  void splitsAreDisjointAndIdsSortedLikePyKeen() {
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (TriplesFactory f : List.of(DATASET.training(), DATASET.validation(), DATASET.testing())) {
      for (int i = 0; i < f.numTriples(); i++) {
        seen.add(f.head(i) + " " + f.relation(i) + " " + f.tail(i));
        total++;
      }
    }
    assertEquals(total, seen.size());
    List<String> entities = List.copyOf(DATASET.training().entityToId().keySet());
    List<String> sorted = entities.stream().sorted().toList();
    assertEquals(sorted, entities);
    List<String> relations = List.copyOf(DATASET.training().relationToId().keySet());
    assertEquals(relations.stream().sorted().toList(), relations);
  }

  @Test
  void kinshipFactsAreConsistent() {
    Set<String> facts = facts(DATASET);
    Map<Integer, Set<Integer>> children = new HashMap<>();
    Set<Integer> male = new HashSet<>();
    Set<Integer> female = new HashSet<>();
    for (String fact : facts) {
      String[] p = fact.split(" ");
      int h = Integer.parseInt(p[0]);
      int t = Integer.parseInt(p[2]);
      switch (p[1]) {
        case "father_of", "mother_of" -> children.computeIfAbsent(h, k -> new HashSet<>()).add(t);
        default -> {}
      }
      if (List.of(
              "father_of",
              "son_of",
              "husband_of",
              "brother_of",
              "grandfather_of",
              "grandson_of",
              "uncle_of",
              "nephew_of")
          .contains(p[1])) {
        male.add(h);
      }
      if (List.of(
              "mother_of",
              "daughter_of",
              "wife_of",
              "sister_of",
              "grandmother_of",
              "granddaughter_of",
              "aunt_of",
              "niece_of")
          .contains(p[1])) {
        female.add(h);
      }
    }
    Set<Integer> both = new HashSet<>(male);
    both.retainAll(female);
    assertEquals(Set.of(), both, "every person has one gender");
    int grandparentFacts = 0;
    for (String fact : facts) {
      String[] p = fact.split(" ");
      int h = Integer.parseInt(p[0]);
      int t = Integer.parseInt(p[2]);
      switch (p[1]) {
        case "father_of", "mother_of" ->
            assertTrue(
                facts.contains(t + " " + (male.contains(t) ? "son_of" : "daughter_of") + " " + h),
                fact);
        case "husband_of" -> assertTrue(facts.contains(t + " wife_of " + h), fact);
        case "brother_of", "sister_of" ->
            assertTrue(
                facts.contains(t + " brother_of " + h) || facts.contains(t + " sister_of " + h),
                fact);
        case "cousin_of" -> assertTrue(facts.contains(t + " cousin_of " + h), fact);
        case "grandfather_of", "grandmother_of" -> {
          grandparentFacts++;
          boolean viaChild =
              children.getOrDefault(h, Set.of()).stream()
                  .anyMatch(c -> children.getOrDefault(c, Set.of()).contains(t));
          assertTrue(viaChild, "grandparent is a parent's parent: " + fact);
        }
        case "uncle_of", "aunt_of" ->
            assertTrue(
                facts.contains(t + " " + (male.contains(t) ? "nephew_of" : "niece_of") + " " + h),
                fact);
        default -> {}
      }
    }
    assertTrue(grandparentFacts > 100, "grandparent facts " + grandparentFacts);
  }
}
