package org.kge4j.spark;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.kge4j.model.Model;
import scala.Tuple2;

/**
 * Top-k link prediction for a DataFrame of queries, as MLlib's {@code
 * ALSModel.recommendForUserSubset}: the queries {@code (h, r, ?)} (or {@code (?, r, t)}) are cut
 * into blocks, paired with the entity blocks, each pair keeps the {@code k} best entities of its
 * block per query ({@link TopK}), and the partial lists are merged per query. Unknown labels yield
 * no row.
 */
final class Recommendations {

  private static final int QUERY_BLOCK = 1024;

  private Recommendations() {}

  /** Queries of one block: keys, relation ids and the given entities' vectors. */
  record Block(long[] keys, int[] relations, float[] vectors, int width) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The top {@code k} entities per distinct query.
   *
   * @param queries columns {@code entityCol} (the given head or tail, a label) and {@code
   *     relationCol} (a label)
   * @param tails whether the queries are {@code (h, r, ?)} (true) or {@code (?, r, t)}
   * @param answerName the name of the answer field in the recommendations ({@code tail} or {@code
   *     head})
   * @return columns {@code entityCol}, {@code relationCol}, {@code recommendations}: an array of
   *     {@code (answerName, score)} structs, best first
   */
  static Dataset<Row> topK(
      SparkSession spark,
      ScoringSpec spec,
      Dataset<Row> entities,
      Dataset<Row> relationLabels,
      float[][] relations,
      int blockSize,
      Dataset<Row> queries,
      String entityCol,
      String relationCol,
      boolean tails,
      String answerName,
      int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    long numRelations = relations.length;
    Dataset<Row> resolved =
        queries
            .select(
                col(entityCol).cast(DataTypes.StringType).as("_e"),
                col(relationCol).cast(DataTypes.StringType).as("_r"))
            .distinct()
            .join(entities.select(col("label").as("_e"), col("id").as("_eid"), col("vector")), "_e")
            .join(relationLabels.select(col("label").as("_r"), col("id").as("_rid")), "_r")
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<Block> queryBlocks =
        resolved
            .select("_eid", "_rid", "vector")
            .javaRDD()
            .mapPartitions(rows -> blocks(rows, numRelations))
            .persist(StorageLevel.MEMORY_AND_DISK());
    long numEntities = entities.count();
    JavaRDD<EntityBlock> entityBlocks =
        EntityBlock.of(
                entities.repartition((int) Math.max(1, (numEntities + blockSize - 1) / blockSize)),
                blockSize)
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<float[][]> shared = jsc.broadcast(relations);
    try {
      JavaPairRDD<Long, TopK> best =
          queryBlocks
              .cartesian(entityBlocks)
              .flatMapToPair(pair -> score(spec, pair._1(), pair._2(), shared.value(), tails, k))
              .reduceByKey(TopK::merge);
      StructType entry =
          new StructType()
              .add(answerName, DataTypes.StringType, false)
              .add("score", DataTypes.FloatType, false);
      StructType schema =
          new StructType()
              .add("_key", DataTypes.LongType, false)
              .add("recommendations", DataTypes.createArrayType(entry, false), false);
      JavaRDD<Row> rows =
          best.map(
              pair -> {
                List<Row> list = new ArrayList<>();
                for (TopK.Entry e : pair._2().entries()) {
                  list.add(RowFactory.create(e.label(), e.score()));
                }
                return RowFactory.create(pair._1(), list.toArray(new Row[0]));
              });
      Dataset<Row> keyed =
          resolved.withColumn(
              "_key",
              col("_eid").cast(DataTypes.LongType).multiply(numRelations).plus(col("_rid")));
      Dataset<Row> result =
          spark
              .createDataFrame(rows, schema)
              .join(keyed, "_key")
              .select(col("_e").as(entityCol), col("_r").as(relationCol), col("recommendations"));
      return result.localCheckpoint();
    } finally {
      queryBlocks.unpersist();
      entityBlocks.unpersist();
      resolved.unpersist();
      shared.destroy();
    }
  }

  private static Iterator<Block> blocks(Iterator<Row> rows, long numRelations) {
    return RowBlocks.of(rows, QUERY_BLOCK, part -> block(part, numRelations));
  }

  private static Block block(List<Row> part, long numRelations) {
    int width = part.get(0).getList(2).size();
    long[] keys = new long[part.size()];
    int[] relationIds = new int[part.size()];
    float[] vectors = new float[part.size() * width];
    for (int j = 0; j < part.size(); j++) {
      Row row = part.get(j);
      keys[j] = row.getInt(0) * numRelations + row.getInt(1);
      relationIds[j] = row.getInt(1);
      System.arraycopy(TrainedEmbeddings.vector(row, 2), 0, vectors, j * width, width);
    }
    return new Block(keys, relationIds, vectors, width);
  }

  private static Iterator<Tuple2<Long, TopK>> score(
      ScoringSpec spec,
      Block queries,
      EntityBlock block,
      float[][] relations,
      boolean tails,
      int k) {
    int m = block.size();
    int q = queries.keys().length;
    List<float[]> extra = new ArrayList<>(q);
    for (int j = 0; j < q; j++) {
      extra.add(
          Arrays.copyOfRange(queries.vectors(), j * queries.width(), (j + 1) * queries.width()));
    }
    Model model = BlockModel.build(spec, block, extra, relations);
    float[] scores = new float[m + q];
    List<Tuple2<Long, TopK>> out = new ArrayList<>(q);
    for (int j = 0; j < q; j++) {
      if (tails) {
        model.scoreTails(m + j, queries.relations()[j], scores, 0);
      } else {
        model.scoreHeads(queries.relations()[j], m + j, scores, 0);
      }
      TopK top = new TopK(k);
      for (int e = 0; e < m; e++) {
        top.offer(block.ids()[e], block.labels()[e], scores[e]);
      }
      out.add(new Tuple2<>(queries.keys()[j], top));
    }
    return out.iterator();
  }
}
