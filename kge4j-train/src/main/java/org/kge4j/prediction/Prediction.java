package org.kge4j.prediction;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One ranked answer: a candidate entity (or relation), its score and the splits in which the
 * completed triple is already known.
 *
 * @param id the candidate's id
 * @param label the candidate's label
 * @param score the model's score of the completed triple (higher = more plausible)
 * @param knownIn the splits that contain the completed triple, in {@link KnownSplit} order; empty
 *     for a new triple. Unmodifiable.
 */
public record Prediction(int id, String label, float score, Set<KnownSplit> knownIn) {

  /** Copies {@code knownIn} into an unmodifiable set iterated in {@link KnownSplit} order. */
  public Prediction {
    Objects.requireNonNull(label, "label");
    knownIn = immutableSplits(knownIn);
  }

  /** Whether the completed triple occurs in any split. */
  public boolean known() {
    return !knownIn.isEmpty();
  }

  static Set<KnownSplit> immutableSplits(Set<KnownSplit> splits) {
    EnumSet<KnownSplit> copy = EnumSet.noneOf(KnownSplit.class);
    copy.addAll(Objects.requireNonNull(splits, "splits"));
    return Collections.unmodifiableSet(copy);
  }
}
