package org.kge4j.data;

import java.util.Objects;

/**
 * A named triple of training, validation and testing splits sharing one id space (PyKEEN's {@code
 * Dataset}): every split maps labels with the training split's {@code entity_to_id} and {@code
 * relation_to_id}.
 *
 * @param name the dataset's name (a known name, {@code "embedded"} or the directory it came from)
 * @param training the training split; its id maps define the id space
 * @param validation the validation split, same id space
 * @param testing the testing split, same id space
 */
public record Dataset(
    String name, TriplesFactory training, TriplesFactory validation, TriplesFactory testing) {

  /**
   * Checks that all splits are present and share the training split's id space.
   *
   * @throws IllegalArgumentException if a split uses a different id space
   */
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(testing, "testing");
    if (!training.sharesIdSpaceWith(validation) || !training.sharesIdSpaceWith(testing)) {
      throw new IllegalArgumentException(
          "dataset "
              + name
              + ": validation and testing must share the training id space, got training "
              + training
              + ", validation "
              + validation
              + ", testing "
              + testing);
    }
  }

  /** Number of entities of the shared id space. */
  public int numEntities() {
    return training.numEntities();
  }

  /** Number of relations of the shared id space. */
  public int numRelations() {
    return training.numRelations();
  }

  /** One line of statistics, e.g. for a CLI summary. */
  public String summary() {
    return name
        + ": "
        + numEntities()
        + " entities, "
        + numRelations()
        + " relations, "
        + training.numTriples()
        + " training / "
        + validation.numTriples()
        + " validation / "
        + testing.numTriples()
        + " testing triples";
  }
}
