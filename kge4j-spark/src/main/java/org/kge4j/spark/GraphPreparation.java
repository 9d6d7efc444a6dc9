package org.kge4j.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Turns labelled training triples into the run's indexed, partitioned graph on storage — the one
 * shuffle of the data, like MLlib's ALS building its in/out blocks:
 *
 * <ol>
 *   <li>ids as PyKEEN assigns them: the distinct labels occurring as head or tail (entities) or as
 *       relation, sorted by code point (Spark compares strings by their UTF-8 bytes, which is code
 *       point order), numbered from 0 — the ids of single-machine kge4j on the same data;
 *   <li>the distinct training triples mapped to ids;
 *   <li>every entity assigned to a partition by the seeded {@link EntityPartitioner}; partition
 *       {@code K}'s members in ascending id order define its local ids;
 *   <li>every triple written to its bucket's file in local ids, sorted.
 * </ol>
 *
 * The label tables and the mapped triples are written as Parquet and read back, which cuts the
 * lineage: a lost executor never recomputes the input. The layout is written last and marks the
 * preparation complete.
 */
final class GraphPreparation {

  static final String ENTITIES = "graph/entities";
  static final String RELATIONS = "graph/relations";
  static final String TRAINING = "graph/training";
  static final String LAYOUT = "graph/layout.json";

  private static final StructType LABELS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("label", DataTypes.StringType, false);

  private GraphPreparation() {}

  /**
   * Indexes and partitions {@code labeled} (columns head, relation, tail; duplicates allowed).
   *
   * @throws IllegalArgumentException if there are no triples, more than 2^31 - 1 entities, or a
   *     partition would hold fewer than 2 entities (negative sampling needs two)
   */
  static GraphLayout prepare(
      SparkSession spark, Dataset<Row> labeled, int numPartitions, long seed, RunStorage storage) {
    Dataset<Row> training = labeled.select("head", "relation", "tail").distinct();
    Dataset<Row> entityLabels =
        training
            .select(col("head").as("label"))
            .union(training.select(col("tail").as("label")))
            .distinct();
    int numEntities = writeIndex(spark, entityLabels, storage, ENTITIES, "entities");
    if (numEntities == 0) {
      throw new IllegalArgumentException("training needs at least one triple, got 0");
    }
    int numRelations =
        writeIndex(
            spark,
            training.select(col("relation").as("label")).distinct(),
            storage,
            RELATIONS,
            "relations");
    Dataset<Row> mapped = mapToIds(training, entities(spark, storage), relations(spark, storage));
    mapped.write().mode(SaveMode.Overwrite).parquet(storage.path(TRAINING).toString());
    mapped = training(spark, storage);

    EntityPartitioner partitioner = new EntityPartitioner(numPartitions, seed);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int[] partitionSizes = writeMembers(entities(spark, storage), partitioner, storage);
    for (int k = 0; k < numPartitions; k++) {
      if (partitionSizes[k] < 2) {
        throw new IllegalArgumentException(
            "partition "
                + k
                + " holds "
                + partitionSizes[k]
                + " entities, but negative sampling needs >= 2 per partition: "
                + numEntities
                + " entities are too few for "
                + numPartitions
                + " partitions");
      }
    }
    long[] bucketSizes = writeBuckets(spark, jsc, mapped, numPartitions, storage);
    long numTriples = Arrays.stream(bucketSizes).sum();
    GraphLayout layout =
        new GraphLayout(
            numEntities,
            numRelations,
            numTriples,
            numPartitions,
            seed,
            partitionSizes,
            bucketSizes);
    storage.writeJson(LAYOUT, layout);
    return layout;
  }

  /** The layout of a prepared storage, or null if the preparation did not finish. */
  static GraphLayout layout(RunStorage storage) {
    return storage.exists(LAYOUT) ? storage.readJson(LAYOUT, GraphLayout.class) : null;
  }

  /** The entity labels, {@code (id, label)}. */
  static Dataset<Row> entities(SparkSession spark, RunStorage storage) {
    return spark.read().parquet(storage.path(ENTITIES).toString());
  }

  /** The relation labels, {@code (id, label)}. */
  static Dataset<Row> relations(SparkSession spark, RunStorage storage) {
    return spark.read().parquet(storage.path(RELATIONS).toString());
  }

  /** The distinct training triples as ids, {@code (head, relation, tail)}. */
  static Dataset<Row> training(SparkSession spark, RunStorage storage) {
    return spark.read().parquet(storage.path(TRAINING).toString());
  }

  /**
   * Maps labelled triples to ids with the given label tables (inner joins: triples with an unknown
   * label are left out; callers count them).
   */
  static Dataset<Row> mapToIds(
      Dataset<Row> labeled, Dataset<Row> entities, Dataset<Row> relations) {
    Dataset<Row> heads = entities.select(col("label").as("head"), col("id").as("h"));
    Dataset<Row> tails = entities.select(col("label").as("tail"), col("id").as("t"));
    Dataset<Row> rels = relations.select(col("label").as("relation"), col("id").as("r"));
    return labeled
        .join(heads, "head")
        .join(rels, "relation")
        .join(tails, "tail")
        .select(col("h").as("head"), col("r").as("relation"), col("t").as("tail"));
  }

  /** Numbers the sorted labels from 0 and writes {@code (id, label)} as Parquet. */
  private static int writeIndex(
      SparkSession spark, Dataset<Row> labels, RunStorage storage, String path, String what) {
    JavaRDD<Row> indexed =
        labels
            .orderBy("label")
            .javaRDD()
            .zipWithIndex()
            .map(
                pair -> {
                  if (pair._2() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(
                        "kge4j ids are ints: more than " + Integer.MAX_VALUE + " " + what);
                  }
                  return RowFactory.create((int) (long) pair._2(), pair._1().getString(0));
                });
    spark
        .createDataFrame(indexed, LABELS)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(storage.path(path).toString());
    return (int) spark.read().parquet(storage.path(path).toString()).count();
  }

  /** Writes every partition's members, ascending; returns the partition sizes. */
  private static int[] writeMembers(
      Dataset<Row> entities, EntityPartitioner partitioner, RunStorage storage) {
    int p = partitioner.numPartitions();
    List<Tuple2<Integer, Integer>> sizes =
        entities
            .select("id")
            .javaRDD()
            .mapToPair(row -> new Tuple2<>(partitioner.partitionOf(row.getInt(0)), row.getInt(0)))
            .partitionBy(new ExactPartitioner(p))
            .mapPartitionsWithIndex(
                (k, members) -> {
                  int[] ids = new int[16];
                  int n = 0;
                  while (members.hasNext()) {
                    if (n == ids.length) {
                      ids = Arrays.copyOf(ids, 2 * n);
                    }
                    ids[n++] = members.next()._2();
                  }
                  Arrays.sort(ids, 0, n);
                  storage.writeInts(RunStorage.membersFile(k), ids, n);
                  return List.of(new Tuple2<>(k, n)).iterator();
                },
                true)
            .collect();
    int[] result = new int[p];
    for (Tuple2<Integer, Integer> size : sizes) {
      result[size._1()] = size._2();
    }
    return result;
  }

  /** {@code (id, partition, local index)} of every entity, read from the member files. */
  static JavaPairRDD<Integer, int[]> localIndex(JavaSparkContext jsc, int p, RunStorage storage) {
    List<Integer> partitions = new ArrayList<>();
    for (int k = 0; k < p; k++) {
      partitions.add(k);
    }
    return jsc.parallelize(partitions, p)
        .flatMapToPair(
            k -> {
              int[] ids = storage.readInts(RunStorage.membersFile(k));
              List<Tuple2<Integer, int[]>> out = new ArrayList<>(ids.length);
              for (int local = 0; local < ids.length; local++) {
                out.add(new Tuple2<>(ids[local], new int[] {k, local}));
              }
              return out.iterator();
            });
  }

  /** Writes every non-empty bucket's triples in local ids, sorted; returns the bucket sizes. */
  private static long[] writeBuckets(
      SparkSession spark, JavaSparkContext jsc, Dataset<Row> mapped, int p, RunStorage storage) {
    JavaPairRDD<Integer, int[]> local = localIndex(jsc, p, storage);
    // (head, [relation, tail]) -> join head's place -> (tail, [relation, hp, hl]) -> join tail's
    JavaPairRDD<Integer, int[]> byHead =
        mapped
            .javaRDD()
            .mapToPair(
                row -> new Tuple2<>(row.getInt(0), new int[] {row.getInt(1), row.getInt(2)}));
    JavaPairRDD<Integer, int[]> byTail =
        withPlace(
            byHead,
            local,
            (rt, place) -> new Tuple2<>(rt[1], new int[] {rt[0], place[0], place[1]}));
    List<Tuple2<Integer, Long>> sizes =
        withPlace(
                byTail,
                local,
                (rh, place) ->
                    new Tuple2<>(
                        new BucketTriple(rh[1] * p + place[0], rh[2], rh[0], place[1]),
                        Boolean.TRUE))
            .repartitionAndSortWithinPartitions(new ExactPartitioner(p * p))
            .mapPartitionsWithIndex(
                (bucket, triples) -> List.of(writeBucket(bucket, p, triples, storage)).iterator(),
                true)
            .collect();
    long[] result = new long[p * p];
    for (Tuple2<Integer, Long> size : sizes) {
      result[size._1()] = size._2();
    }
    return result;
  }

  /**
   * Joins every value with the place {@code [partition, local id]} ({@link #localIndex}) of the
   * entity it is keyed by and maps the two with {@code combine}: {@link #writeBuckets} does it for
   * the head, then for the tail.
   */
  private static <K, V> JavaPairRDD<K, V> withPlace(
      JavaPairRDD<Integer, int[]> byEntity,
      JavaPairRDD<Integer, int[]> local,
      Function2<int[], int[], Tuple2<K, V>> combine) {
    return byEntity.join(local).mapToPair(pair -> combine.call(pair._2()._1(), pair._2()._2()));
  }

  private static Tuple2<Integer, Long> writeBucket(
      int bucket, int p, Iterator<Tuple2<BucketTriple, Boolean>> triples, RunStorage storage) {
    int[] values = new int[48];
    int n = 0;
    while (triples.hasNext()) {
      BucketTriple t = triples.next()._1();
      if (n + 3 > values.length) {
        values = Arrays.copyOf(values, 2 * values.length);
      }
      values[n++] = t.head();
      values[n++] = t.relation();
      values[n++] = t.tail();
    }
    if (n > 0) {
      storage.writeInts(RunStorage.bucketFile(Bucket.ofIndex(bucket, p)), values, n);
    }
    return new Tuple2<>(bucket, (long) n / 3);
  }
}
