package org.kge4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;

/**
 * One local[2] Spark session for the whole test JVM (starting Spark takes seconds), and the shared
 * datasets.
 */
final class SparkTests {

  private static SparkSession session;

  private SparkTests() {}

  static synchronized SparkSession spark() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("kge4j-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .config("spark.driver.host", "127.0.0.1")
              // tiny data: compiling query code costs more than interpreting it
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.adaptive.enabled", "false")
              .getOrCreate();
    }
    return session;
  }

  /** The directory of a shared dataset ({@code ../shared/datasets/<name>}). */
  static Path datasetDirectory(String name) {
    Path shared = Path.of(System.getProperty("kge4j.shared", "../../shared"));
    Path dir = shared.resolve("datasets").resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("the shared dataset " + name + " is missing: " + dir);
    }
    return dir;
  }

  /** A shared dataset as single-machine kge4j loads it. */
  static Dataset dataset(String name) {
    return Datasets.load(datasetDirectory(name).toString());
  }

  /** A split of a shared dataset as Spark reads it: columns head, relation, tail. */
  static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> split(String name, String file) {
    return LabeledTriples.read(
            spark(),
            datasetDirectory(name).resolve(file).toString(),
            "tsv",
            LabeledTriples.COLUMNS,
            false)
        .triples();
  }
}
