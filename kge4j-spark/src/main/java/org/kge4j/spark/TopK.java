package org.kge4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code k} best-scoring entities of one query seen so far, best first; ties are broken by the
 * smaller entity id, so merging partial lists in any order gives the same result.
 */
final class TopK implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int k;
  private final List<Entry> entries = new ArrayList<>();

  /** One candidate: entity id, label, score. */
  record Entry(int id, String label, float score) implements Serializable {
    private static final long serialVersionUID = 1L;

    boolean before(Entry other) {
      return score > other.score || (score == other.score && id < other.id);
    }
  }

  TopK(int k) {
    this.k = k;
  }

  /** Offers a candidate. */
  void offer(int id, String label, float score) {
    Entry entry = new Entry(id, label, score);
    if (entries.size() == k && !entry.before(entries.get(k - 1))) {
      return;
    }
    int at = entries.size();
    while (at > 0 && entry.before(entries.get(at - 1))) {
      at--;
    }
    entries.add(at, entry);
    if (entries.size() > k) {
      entries.remove(k);
    }
  }

  /** This list merged with {@code other}'s entries. */
  TopK merge(TopK other) {
    TopK merged = new TopK(k);
    for (Entry e : entries) {
      merged.offer(e.id, e.label, e.score);
    }
    for (Entry e : other.entries) {
      merged.offer(e.id, e.label, e.score);
    }
    return merged;
  }

  /** The entries, best first. */
  List<Entry> entries() {
    return List.copyOf(entries);
  }
}
