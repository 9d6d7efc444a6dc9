package org.kge4j.prediction;

import java.util.Objects;
import java.util.Set;

/**
 * A given triple with the model's score (PyKEEN's {@code predict_triples}) and the splits that
 * contain it.
 *
 * @param head the head entity
 * @param relation the relation
 * @param tail the tail entity
 * @param score the model's score (higher = more plausible)
 * @param knownIn the splits that contain the triple, in {@link KnownSplit} order. Unmodifiable.
 */
public record ScoredTriple(
    LabeledId head, LabeledId relation, LabeledId tail, float score, Set<KnownSplit> knownIn) {

  /** Copies {@code knownIn} into an unmodifiable set iterated in {@link KnownSplit} order. */
  public ScoredTriple {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(tail, "tail");
    knownIn = Prediction.immutableSplits(knownIn);
  }

  /** Whether the triple occurs in any split. */
  public boolean known() {
    return !knownIn.isEmpty();
  }
}
