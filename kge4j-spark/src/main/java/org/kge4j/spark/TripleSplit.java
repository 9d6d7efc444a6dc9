package org.kge4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Splits labelled triples into training, validation and testing with PyKEEN's guarantee that every
 * entity and relation of validation and testing occurs in training. Each distinct triple falls into
 * a split by a seeded hash of its labels (so the split is deterministic and needs no shuffle or
 * sort); then every validation or testing triple with a head, relation or tail that the training
 * part lacks moves to training (PyKEEN's cleanup). One pass suffices: a moved triple only adds
 * labels to training that no remaining triple was checked against.
 *
 * @param training the training triples
 * @param validation the validation triples
 * @param testing the testing triples
 */
public record TripleSplit(Dataset<Row> training, Dataset<Row> validation, Dataset<Row> testing) {

  /** Hash buckets of the split: ratios are resolved to 1/1,000,000. */
  private static final long RESOLUTION = 1_000_000L;

  /**
   * Splits {@code triples} (columns head, relation, tail).
   *
   * @param ratios training, validation and testing shares, each in [0, 1), summing to 1 (± 1e-9)
   * @throws IllegalArgumentException for ratios that are not three shares summing to 1
   */
  public static TripleSplit of(Dataset<Row> triples, double[] ratios, long seed) {
    if (ratios.length != 3
        || Arrays.stream(ratios).anyMatch(r -> !(r >= 0 && r < 1))
        || Math.abs(Arrays.stream(ratios).sum() - 1) > 1e-9) {
      throw new IllegalArgumentException(
          "split ratios must be three shares in [0, 1) summing to 1 (training, validation,"
              + " testing), got "
              + Arrays.toString(ratios));
    }
    Dataset<Row> distinct = triples.select("head", "relation", "tail").distinct();
    Column bucket =
        pmod(xxhash64(col("head"), col("relation"), col("tail"), lit(seed)), lit(RESOLUTION));
    long trainingEnd = Math.round(ratios[0] * RESOLUTION);
    long validationEnd = trainingEnd + Math.round(ratios[1] * RESOLUTION);
    Dataset<Row> assigned = distinct.withColumn("_bucket", bucket);
    Dataset<Row> training = assigned.where(col("_bucket").lt(trainingEnd)).drop("_bucket");
    Dataset<Row> validation =
        assigned
            .where(col("_bucket").geq(trainingEnd).and(col("_bucket").lt(validationEnd)))
            .drop("_bucket");
    Dataset<Row> testing = assigned.where(col("_bucket").geq(validationEnd)).drop("_bucket");

    Dataset<Row> entities =
        training
            .select(col("head").as("_label"))
            .union(training.select(col("tail").as("_label")))
            .distinct();
    Dataset<Row> relations = training.select(col("relation").as("_label")).distinct();
    Dataset<Row> keptValidation = covered(validation, entities, relations);
    Dataset<Row> keptTesting = covered(testing, entities, relations);
    Dataset<Row> moved = validation.except(keptValidation).union(testing.except(keptTesting));
    return new TripleSplit(training.union(moved), keptValidation, keptTesting);
  }

  /** The triples whose head, relation and tail all occur in training. */
  private static Dataset<Row> covered(
      Dataset<Row> triples, Dataset<Row> entities, Dataset<Row> relations) {
    return triples
        .join(entities, col("head").equalTo(col("_label")), "left_semi")
        .join(entities, col("tail").equalTo(col("_label")), "left_semi")
        .join(relations, col("relation").equalTo(col("_label")), "left_semi");
  }
}
