package org.kge4j.prediction;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer to one query such as {@code (h, r, ?)} (PyKEEN's {@code TargetPredictions}): what was
 * asked and the best candidates, best first.
 *
 * @param target the position that was ranked
 * @param fixed the two given parts of the triple, keyed by position (e.g. {@code HEAD} and {@code
 *     RELATION} for tails), iterated head, relation, tail. Unmodifiable.
 * @param top the number of answers asked for; {@code answers} is shorter only when fewer candidates
 *     remain after filtering
 * @param filtered the splits whose known triples were left out. Unmodifiable.
 * @param answers the best candidates by descending score, equal scores by ascending id.
 *     Unmodifiable.
 */
public record TargetPredictions(
    Target target,
    Map<Target, LabeledId> fixed,
    int top,
    Set<KnownSplit> filtered,
    List<Prediction> answers) {

  /**
   * Checks that {@code fixed} holds exactly the two positions other than {@code target} and copies
   * the collections.
   *
   * @throws IllegalArgumentException if {@code fixed} does not match {@code target}, or {@code top
   *     < 1}
   */
  public TargetPredictions {
    Objects.requireNonNull(target, "target");
    if (fixed.size() != 2 || fixed.containsKey(target)) {
      throw new IllegalArgumentException(
          "fixed must hold the two positions other than " + target + ", got " + fixed.keySet());
    }
    if (top < 1) {
      throw new IllegalArgumentException("top must be >= 1, got " + top);
    }
    fixed = Collections.unmodifiableMap(new EnumMap<>(fixed));
    filtered = Prediction.immutableSplits(filtered);
    answers = List.copyOf(answers);
  }
}
