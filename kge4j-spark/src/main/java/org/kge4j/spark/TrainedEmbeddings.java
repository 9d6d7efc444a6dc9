package org.kge4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The embeddings of a committed run as DataFrames {@code (id, label, vector)}: entity vectors are
 * read from the partitions' slices by one task per partition (they never pass through the driver);
 * the relation table, which the driver holds anyway, is turned into rows there.
 */
final class TrainedEmbeddings {

  /** The schema of embedding tables: id, label, vector (the table's row, float32). */
  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("label", DataTypes.StringType, false)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private static final StructType VECTORS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private TrainedEmbeddings() {}

  /** Entity embeddings {@code (id, label, vector)} of the manifest's committed slices. */
  static Dataset<Row> entities(
      SparkSession spark, RunStorage storage, GraphLayout layout, TrainingManifest manifest) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> partitions = new ArrayList<>();
    for (int k = 0; k < layout.numPartitions(); k++) {
      partitions.add(k);
    }
    List<String> slices = manifest.partitionSlices();
    JavaRDD<Row> rows =
        jsc.parallelize(partitions, partitions.size())
            .flatMap(
                k -> {
                  int[] ids = storage.readInts(RunStorage.membersFile(k));
                  TableSlice slice = storage.readSlice(slices.get(k));
                  List<Row> out = new ArrayList<>(ids.length);
                  for (int local = 0; local < ids.length; local++) {
                    out.add(RowFactory.create(ids[local], slice.row(local)));
                  }
                  return out.iterator();
                });
    return withLabels(
        spark.createDataFrame(rows, VECTORS), GraphPreparation.entities(spark, storage));
  }

  /** Relation embeddings {@code (id, label, vector)} of {@code relations}. */
  static Dataset<Row> relations(SparkSession spark, RunStorage storage, TableSlice relations) {
    List<Row> rows = new ArrayList<>(relations.numRows());
    for (int r = 0; r < relations.numRows(); r++) {
      rows.add(RowFactory.create(r, relations.row(r)));
    }
    return withLabels(
        spark.createDataFrame(rows, VECTORS), GraphPreparation.relations(spark, storage));
  }

  private static Dataset<Row> withLabels(Dataset<Row> vectors, Dataset<Row> labels) {
    return vectors.join(labels, "id").select("id", "label", "vector");
  }

  /** The vector of an embedding row as a float array. */
  static float[] vector(Row row, int field) {
    List<Float> values = row.getList(field);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
