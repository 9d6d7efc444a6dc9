package org.kge4j.rdf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.kge4j.data.TriplesFactory;

/**
 * Triples collected while a file streams by: each label is interned once into an id (first-seen
 * order) and each triple is three ints in a growable array, so memory is the two label maps plus
 * {@code 12} bytes per triple (the array grows by half: up to 18 bytes, and 30 for the moment of a
 * copy), whatever the parser allocates per statement.
 */
final class InternedTriples {

  /** The largest number of triples one int array of {@code h, r, t} holds. */
  static final int MAX_TRIPLES = (Integer.MAX_VALUE - 8) / 3;

  private final Map<String, Integer> entityIds = new HashMap<>();
  private final Map<String, Integer> relationIds = new HashMap<>();
  private int[] triples = new int[3 * 1024];
  private int size;

  /**
   * Adds one triple.
   *
   * @throws IllegalArgumentException if there are already {@link #MAX_TRIPLES} triples
   */
  void add(String head, String relation, String tail) {
    if (size == MAX_TRIPLES) {
      throw new IllegalArgumentException(
          "a graph file may hold at most " + MAX_TRIPLES + " kept triples, got more");
    }
    if (3 * size + 3 > triples.length) {
      long grown = Math.max(3L * size + 3, triples.length + (triples.length >> 1));
      triples = Arrays.copyOf(triples, (int) Math.min(grown, 3L * MAX_TRIPLES));
    }
    triples[3 * size] = intern(entityIds, head);
    triples[3 * size + 1] = intern(relationIds, relation);
    triples[3 * size + 2] = intern(entityIds, tail);
    size++;
  }

  /** Number of triples added (duplicates included). */
  int size() {
    return size;
  }

  /**
   * The triples as a {@link TriplesFactory}: PyKEEN's ids (labels sorted by code point) and triples
   * (sorted, duplicates removed). The label maps are released first, so that only the factory's own
   * maps are held while it is built.
   *
   * @param source the file, for the factory's log message about duplicates
   * @throws IllegalArgumentException if no triple was added
   */
  TriplesFactory toTriplesFactory(String source) {
    String[] entities = labelsById(entityIds);
    String[] relations = labelsById(relationIds);
    entityIds.clear();
    relationIds.clear();
    return TriplesFactory.fromInternedTriples(triples, size, entities, relations, source);
  }

  private static int intern(Map<String, Integer> ids, String label) {
    Integer id = ids.get(label);
    if (id == null) {
      id = ids.size();
      ids.put(label, id);
    }
    return id;
  }

  private static String[] labelsById(Map<String, Integer> ids) {
    String[] labels = new String[ids.size()];
    for (Map.Entry<String, Integer> entry : ids.entrySet()) {
      labels[entry.getValue()] = entry.getKey();
    }
    return labels;
  }
}
