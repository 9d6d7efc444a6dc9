package org.kge4j.rdf;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kge4j.data.TriplesFactory;

/**
 * Triples collected while a file streams by: each label is interned once into an id and each triple
 * is three ints in a growable array, so memory is the two label maps plus {@code 12} bytes per
 * triple (the array grows by half: up to 18 bytes, and 30 for the moment of a copy), whatever the
 * parser allocates per statement.
 *
 * <p>Collectors made by {@link #sharingLabels()} intern into the same maps from other threads, so
 * that a file read in parallel ranges holds each label once; {@link #addAll} then appends their
 * triples. The ids given here depend on which thread saw a label first, but {@link
 * #toTriplesFactory} renumbers by sorted label, so the factory does not.
 */
final class InternedTriples {

  /** The largest number of triples one int array of {@code h, r, t} holds. */
  static final int MAX_TRIPLES = (Integer.MAX_VALUE - 8) / 3;

  private final LabelIds entityIds;
  private final LabelIds relationIds;
  private int[] triples = new int[3 * 1024];
  private int size;

  InternedTriples() {
    this(new LabelIds(), new LabelIds());
  }

  private InternedTriples(LabelIds entityIds, LabelIds relationIds) {
    this.entityIds = entityIds;
    this.relationIds = relationIds;
  }

  /** An empty collector that interns into this one's label maps; each may run on its own thread. */
  InternedTriples sharingLabels() {
    return new InternedTriples(entityIds, relationIds);
  }

  /**
   * Adds one triple.
   *
   * @throws IllegalArgumentException if there are already {@link #MAX_TRIPLES} triples
   */
  void add(String head, String relation, String tail) {
    if (size == MAX_TRIPLES) {
      throw tooMany();
    }
    if (3 * size + 3 > triples.length) {
      long grown = Math.max(3L * size + 3, triples.length + (triples.length >> 1));
      triples = Arrays.copyOf(triples, (int) Math.min(grown, 3L * MAX_TRIPLES));
    }
    triples[3 * size] = entityIds.intern(head);
    triples[3 * size + 1] = relationIds.intern(relation);
    triples[3 * size + 2] = entityIds.intern(tail);
    size++;
  }

  /**
   * Appends the triples of {@code parts}, in order, into an array of the exact size (so at most 12
   * bytes per triple beside the parts' arrays).
   *
   * @param parts collectors made by {@link #sharingLabels()} of this one
   * @throws IllegalArgumentException if there would be more than {@link #MAX_TRIPLES} triples
   */
  void addAll(List<InternedTriples> parts) {
    long total = size;
    for (InternedTriples part : parts) {
      if (part.entityIds != entityIds || part.relationIds != relationIds) {
        throw new IllegalArgumentException("the parts must share this collector's labels");
      }
      total += part.size;
    }
    if (total > MAX_TRIPLES) {
      throw tooMany();
    }
    triples = Arrays.copyOf(triples, (int) (3 * total));
    for (InternedTriples part : parts) {
      System.arraycopy(part.triples, 0, triples, 3 * size, 3 * part.size);
      size += part.size;
    }
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
    String[] entities = entityIds.labelsById();
    String[] relations = relationIds.labelsById();
    entityIds.ids.clear();
    relationIds.ids.clear();
    return TriplesFactory.fromInternedTriples(triples, size, entities, relations, source);
  }

  private static IllegalArgumentException tooMany() {
    return new IllegalArgumentException(
        "a graph file may hold at most " + MAX_TRIPLES + " kept triples, got more");
  }

  /**
   * Label to id, ids {@code 0, 1, ...} in the order labels arrive. A concurrent map, so that
   * parallel ranges share one; a lookup is a plain read, and the sequential read measured no slower
   * than with a {@code HashMap} (within the noise of a shared machine).
   */
  private static final class LabelIds {
    final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    int intern(String label) {
      Integer id = ids.get(label);
      return id != null ? id : ids.computeIfAbsent(label, l -> next.getAndIncrement());
    }

    String[] labelsById() {
      String[] labels = new String[ids.size()];
      for (Map.Entry<String, Integer> entry : ids.entrySet()) {
        labels[entry.getValue()] = entry.getKey();
      }
      return labels;
    }
  }
}
