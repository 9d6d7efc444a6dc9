package org.kge4j.model;

import java.util.Objects;

/**
 * The gradient of a model's two tables: entity and relation embeddings.
 *
 * @param entities gradient of {@link Model#entityEmbeddings()}
 * @param relations gradient of {@link Model#relationEmbeddings()}
 */
public record Gradients(SparseGradient entities, SparseGradient relations) {

  /** Checks both parts are present. */
  public Gradients {
    Objects.requireNonNull(entities, "entities");
    Objects.requireNonNull(relations, "relations");
  }

  /** Creates empty gradients shaped like {@code model}'s tables. */
  public static Gradients of(Model model) {
    return new Gradients(
        SparseGradient.like(model.entityEmbeddings()),
        SparseGradient.like(model.relationEmbeddings()));
  }

  /** Adds both parts into {@code target}. */
  public void addTo(Gradients target) {
    entities.addTo(target.entities);
    relations.addTo(target.relations);
  }

  /** Zeroes both parts. */
  public void clear() {
    entities.clear();
    relations.clear();
  }
}
