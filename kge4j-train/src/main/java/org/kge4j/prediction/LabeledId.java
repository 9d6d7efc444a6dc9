package org.kge4j.prediction;

import java.util.Objects;

/**
 * An entity or relation of a dataset's id space: its id and its label ({@code TriplesFactory}'s
 * {@code entity_to_id} / {@code relation_to_id}).
 *
 * @param id the id, {@code >= 0}
 * @param label the label
 */
public record LabeledId(int id, String label) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if {@code id < 0}
   */
  public LabeledId {
    if (id < 0) {
      throw new IllegalArgumentException("id must be >= 0, got " + id);
    }
    Objects.requireNonNull(label, "label");
  }
}
