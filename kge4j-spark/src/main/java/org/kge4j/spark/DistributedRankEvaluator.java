package org.kge4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;

/**
 * Filtered rank-based evaluation on the cluster with the exact ranks of single-machine {@link
 * RankBasedEvaluator}. The evaluation triples are cut into query blocks and the entities into
 * entity blocks; every pair of blocks is one task, which scores its queries against its entities
 * with single-machine evaluation's block kernel ({@link org.kge4j.evaluation.BlockRankCounter}: a
 * block of queries against panels of the block's entity rows) and counts, per triple and side, the
 * entities scoring above and at the true entity's score that the filter keeps. Since every entity
 * lies in exactly one block, and every score is the block operation's exact chain whatever the
 * other entities, the counts summed over blocks are the counts over all entities: optimistic rank
 * {@code 1 + Σ greater}, pessimistic rank {@code Σ greater-or-equal} (which counts the true entity
 * itself), realistic their mean, candidates {@code Σ kept}. The metrics are then reduced in the
 * order of the sorted triples by {@link RankBasedEvaluator#metrics}, so equal embeddings give equal
 * metrics, bit for bit.
 *
 * <p>Sampled ranking (an option) ranks each side against {@code n} candidates drawn from the
 * entities the filter keeps, instead of against all; its metrics carry the prefix {@code sampled.},
 * e.g. {@code sampled.both.realistic.inverse_harmonic_mean_rank}, so that they are never mistaken
 * for full-ranking metrics.
 *
 * @param spark the session that runs the tasks
 * @param spec how the model scores
 * @param entities the entity embeddings {@code (id, label, vector)}
 * @param relations the relation embeddings by id
 * @param numEntities size of the entity id space
 * @param blockSize entities per entity block
 */
record DistributedRankEvaluator(
    SparkSession spark,
    ScoringSpec spec,
    Dataset<Row> entities,
    float[][] relations,
    int numEntities,
    int blockSize) {

  /** Queries per block: each block builds a model with two entity rows per query to score it. */
  static final int QUERY_BLOCK = 1024;

  /** Key prefix of sampled-ranking metrics. */
  static final String SAMPLED_PREFIX = "sampled.";

  private static final StructType QUERIES =
      new StructType()
          .add("index", DataTypes.IntegerType, false)
          .add("h", DataTypes.IntegerType, false)
          .add("r", DataTypes.IntegerType, false)
          .add("t", DataTypes.IntegerType, false);

  /**
   * Ranks the distinct {@code evaluation} triples (columns head, relation, tail: ids), filtering
   * the other {@code known} triples and the evaluation triples themselves.
   *
   * @param sampledCandidates 0 for full ranking, else candidates per side of sampled ranking
   * @param seed the seed of sampled ranking's draws
   * @throws IllegalArgumentException if there is no evaluation triple
   * @throws IllegalStateException if the model returns a NaN score
   */
  MetricResults evaluate(
      Dataset<Row> evaluation, Dataset<Row> known, int sampledCandidates, long seed) {
    List<Row> sorted =
        evaluation
            .select("head", "relation", "tail")
            .distinct()
            .orderBy("head", "relation", "tail")
            .collectAsList();
    int n = sorted.size();
    if (n == 0) {
      throw new IllegalArgumentException("evaluation needs at least one triple, got 0");
    }
    List<Row> indexed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Row t = sorted.get(i);
      indexed.add(RowFactory.create(i, t.getInt(0), t.getInt(1), t.getInt(2)));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int queryPartitions = Math.max(1, (n + QUERY_BLOCK - 1) / QUERY_BLOCK);
    Dataset<Row> queries =
        spark.createDataFrame(jsc.parallelize(indexed, queryPartitions), QUERIES);
    Dataset<Row> all =
        known
            .select("head", "relation", "tail")
            .union(evaluation.select("head", "relation", "tail"))
            .distinct();
    Dataset<Row> knownTails =
        queries
            .join(all, col("h").equalTo(col("head")).and(col("r").equalTo(col("relation"))))
            .groupBy("index")
            .agg(collect_list("tail").as("knownTails"));
    Dataset<Row> knownHeads =
        queries
            .join(all, col("t").equalTo(col("tail")).and(col("r").equalTo(col("relation"))))
            .groupBy("index")
            .agg(collect_list("head").as("knownHeads"));
    Dataset<Row> vectors = entities.select("id", "vector");
    Dataset<Row> rows =
        queries
            .join(vectors.withColumnRenamed("id", "h").withColumnRenamed("vector", "hv"), "h")
            .join(vectors.withColumnRenamed("id", "t").withColumnRenamed("vector", "tv"), "t")
            .join(knownTails, new String[] {"index"}, "left")
            .join(knownHeads, new String[] {"index"}, "left")
            .select("index", "h", "r", "t", "hv", "tv", "knownTails", "knownHeads")
            .repartition(queryPartitions);
    RankQueries.Sampling sampling =
        sampledCandidates > 0
            ? new RankQueries.Sampling(sampledCandidates, numEntities, seed)
            : null;
    JavaRDD<RankQueries> queryBlocks =
        rows.javaRDD()
            .mapPartitions(it -> RankQueries.blocks(it, QUERY_BLOCK, sampling))
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<EntityBlock> entityBlocks =
        EntityBlock.of(
                entities.repartition(Math.max(1, (numEntities + blockSize - 1) / blockSize)),
                blockSize)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Broadcast<float[][]> shared = jsc.broadcast(relations);
    ScoringSpec scoring = spec;
    Map<Integer, int[]> counts;
    try {
      JavaPairRDD<Integer, int[]> partial =
          queryBlocks
              .cartesian(entityBlocks)
              .flatMapToPair(pair -> pair._1().count(scoring, pair._2(), shared.value()));
      counts =
          partial
              .reduceByKey(
                  (a, b) -> {
                    int[] sum = a.clone();
                    for (int k = 0; k < sum.length; k++) {
                      sum[k] += b[k];
                    }
                    return sum;
                  })
              .collectAsMap();
    } finally {
      queryBlocks.unpersist();
      entityBlocks.unpersist();
      shared.destroy();
    }
    if (counts.size() != n) {
      throw new IllegalStateException(
          "ranked "
              + counts.size()
              + " of "
              + n
              + " evaluation triples: entity vectors are missing");
    }
    int[][] ranks = new int[6][n];
    for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
      int i = e.getKey();
      int[] c = e.getValue();
      ranks[0][i] = 1 + c[3];
      ranks[1][i] = c[4];
      ranks[2][i] = c[5];
      ranks[3][i] = 1 + c[0];
      ranks[4][i] = c[1];
      ranks[5][i] = c[2];
    }
    MetricResults metrics =
        new RankBasedEvaluator()
            .metrics(
                new RankBasedEvaluator.Ranks(
                    ranks[0], ranks[1], ranks[2], ranks[3], ranks[4], ranks[5]));
    if (sampledCandidates == 0) {
      return metrics;
    }
    Map<String, Double> prefixed = new LinkedHashMap<>();
    metrics.metrics().forEach((key, value) -> prefixed.put(SAMPLED_PREFIX + key, value));
    return new MetricResults(prefixed);
  }
}
