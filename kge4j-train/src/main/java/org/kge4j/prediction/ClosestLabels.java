package org.kge4j.prediction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import org.kge4j.data.TriplesFactory;

/**
 * Finds the known labels closest to a label that is not known, for "did you mean" suggestions.
 *
 * <p>Labels are compared lower-cased. Closeness is the Levenshtein distance (insertions, deletions
 * and substitutions of characters, each costing 1); equal distances prefer the longer common
 * prefix, then the smaller label in code-point order, so that the answer is deterministic. A label
 * whose distance equals the longer of the two lengths shares nothing with the query and is never
 * suggested.
 */
public final class ClosestLabels {

  private ClosestLabels() {}

  /**
   * The at most {@code count} labels of {@code known} closest to {@code query}, closest first.
   *
   * @throws IllegalArgumentException if {@code count < 0}
   */
  public static List<String> find(String query, Collection<String> known, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    String q = query.toLowerCase(Locale.ROOT);
    Comparator<Candidate> closestFirst =
        Comparator.comparingInt(Candidate::distance)
            .thenComparing(Comparator.comparingInt(Candidate::commonPrefix).reversed())
            .thenComparing(Candidate::label, TriplesFactory.CODE_POINT_ORDER);
    // A max-heap of the best `count` so far: the root is the worst kept candidate.
    PriorityQueue<Candidate> best =
        new PriorityQueue<>(Math.max(1, count), closestFirst.reversed());
    for (String label : known) {
      String l = label.toLowerCase(Locale.ROOT);
      int distance = levenshtein(q, l);
      if (distance >= Math.max(q.length(), l.length())) {
        continue;
      }
      Candidate candidate = new Candidate(label, distance, commonPrefix(q, l));
      if (best.size() < count) {
        best.add(candidate);
      } else if (count > 0 && closestFirst.compare(candidate, best.peek()) < 0) {
        best.poll();
        best.add(candidate);
      }
    }
    List<Candidate> sorted = new ArrayList<>(best);
    sorted.sort(closestFirst);
    List<String> labels = new ArrayList<>(sorted.size());
    for (Candidate c : sorted) {
      labels.add(c.label());
    }
    return labels;
  }

  /** The Levenshtein distance of {@code a} and {@code b} over UTF-16 units, in two rows. */
  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private record Candidate(String label, int distance, int commonPrefix) {}
}
