package org.kge4j.model;

/**
 * What every built-in model is made from besides its own hyperparameters: the sizes of its tables,
 * their initializers and whether the relation table also holds inverse relations.
 *
 * @param numEntities the number of entities (rows of the entity table)
 * @param numRelations the number of relations of the data, without inverses
 * @param dim the embedding dimension (the complex dimension for ComplEx and RotatE, whose rows hold
 *     {@code 2·dim} floats)
 * @param entityInitializer the entity table's initializer, or {@code null} for the model's PyKEEN
 *     default
 * @param relationInitializer the relation table's initializer, or {@code null} for the model's
 *     PyKEEN default
 * @param inverseRelations whether the relation table also holds the inverse {@code r + R} of every
 *     relation (PyKEEN's {@code create_inverse_triples}; {@code 2·numRelations} rows)
 */
public record ModelSpec(
    int numEntities,
    int numRelations,
    int dim,
    Initializer entityInitializer,
    Initializer relationInitializer,
    boolean inverseRelations) {

  /** Tables of the given sizes with the model's default initializers and no inverse relations. */
  public static ModelSpec of(int numEntities, int numRelations, int dim) {
    return new ModelSpec(numEntities, numRelations, dim, null, null, false);
  }
}
