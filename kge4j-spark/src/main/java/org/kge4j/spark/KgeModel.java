package org.kge4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.kge4j.evaluation.MetricResults;

/**
 * A trained knowledge-graph embedding, the Spark ML {@link Model} that {@link KgeEstimator#fit}
 * returns (MLlib's {@code ALSModel} is its closest relative).
 *
 * <ul>
 *   <li>{@link #entityEmbeddings()} and {@link #relationEmbeddings()}: DataFrames {@code (id,
 *       label, vector)} — ids as single-machine kge4j assigns them, vectors as the model stores its
 *       rows (ComplEx and RotatE: the {@code d} real parts, then the {@code d} imaginary);
 *   <li>{@link #transform}: appends the score of every {@code (head, relation, tail)} row ({@code
 *       NaN} when a label is unknown, like ALS's default cold-start strategy);
 *   <li>{@link #recommendTails} / {@link #recommendHeads}: the top-k answers of {@code (h, r, ?)} /
 *       {@code (?, r, t)} queries;
 *   <li>{@link #evaluate}: filtered rank-based metrics with exactly the ranks of single-machine
 *       {@code RankBasedEvaluator} ({@link DistributedRankEvaluator}), or sampled ranking;
 *   <li>{@link #write()} / {@link #load}: metadata and Parquet embeddings.
 * </ul>
 *
 * Scores are computed by kge4j's own model kernels over blocks of entities.
 */
public final class KgeModel extends Model<KgeModel> implements KgeParams, MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final transient Dataset<Row> entityEmbeddings;
  private final transient Dataset<Row> relationEmbeddings;
  private transient KgeTrainingSummary summary;
  private final IntParam blockSize;

  /**
   * A model over the given embeddings.
   *
   * @param entityEmbeddings {@code (id, label, vector)}
   * @param relationEmbeddings {@code (id, label, vector)}
   */
  public KgeModel(String uid, Dataset<Row> entityEmbeddings, Dataset<Row> relationEmbeddings) {
    this.uid = uid;
    this.entityEmbeddings = entityEmbeddings;
    this.relationEmbeddings = relationEmbeddings;
    blockSize =
        new IntParam(
            this,
            "blockSize",
            "entities per block when scoring against all",
            ParamValidators.gtEq(1));
    KgeParams.setDefaults(this);
    setDefault(blockSize, (Object) 16384);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Entities per block when scoring against all entities; default 16384. */
  public IntParam blockSize() {
    return blockSize;
  }

  public KgeModel setHeadCol(String value) {
    return with(headCol(), value);
  }

  public KgeModel setRelationCol(String value) {
    return with(relationCol(), value);
  }

  public KgeModel setTailCol(String value) {
    return with(tailCol(), value);
  }

  public KgeModel setPredictionCol(String value) {
    return with(predictionCol(), value);
  }

  public KgeModel setBlockSize(int value) {
    return with(blockSize, value);
  }

  private <T> KgeModel with(Param<T> param, T value) {
    set(param, value);
    return this;
  }

  public int getBlockSize() {
    return (Integer) getOrDefault(blockSize);
  }

  /** Entity embeddings {@code (id, label, vector)}. */
  public Dataset<Row> entityEmbeddings() {
    return entityEmbeddings;
  }

  /** Relation embeddings {@code (id, label, vector)}. */
  public Dataset<Row> relationEmbeddings() {
    return relationEmbeddings;
  }

  /** Whether this model carries the summary of the training that produced it. */
  public boolean hasSummary() {
    return summary != null;
  }

  /**
   * The summary of the training that produced this model.
   *
   * @throws IllegalStateException for a loaded model, which has none
   */
  public KgeTrainingSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("this model was loaded, not trained: it has no summary");
    }
    return summary;
  }

  KgeModel withSummary(KgeTrainingSummary value) {
    summary = value;
    return this;
  }

  ScoringSpec scoringSpec() {
    return new ScoringSpec(getModel(), getDim(), getScoringNorm());
  }

  /** The relation table, row {@code r} = relation id {@code r}. */
  float[][] relationTable() {
    List<Row> rows = relationEmbeddings.select("id", "vector").collectAsList();
    float[][] table = new float[rows.size()][];
    for (Row row : rows) {
      table[row.getInt(0)] = TrainedEmbeddings.vector(row, 1);
    }
    return table;
  }

  /**
   * Appends the score of every row's triple under {@code predictionCol} (float; {@code NaN} when
   * the head, relation or tail is unknown).
   *
   * @throws IllegalArgumentException for a missing or mistyped column
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    Dataset<Row> input = dataset.toDF().withColumn("_row", monotonically_increasing_id());
    Dataset<Row> entities = entityEmbeddings.select("label", "vector");
    Dataset<Row> resolved =
        input
            .join(
                entities.withColumnRenamed("label", "_h").withColumnRenamed("vector", "_hv"),
                input.col(getHeadCol()).cast(DataTypes.StringType).equalTo(col("_h")),
                "left")
            .join(
                relationEmbeddings.select(col("label").as("_r"), col("id").as("_rid")),
                input.col(getRelationCol()).cast(DataTypes.StringType).equalTo(col("_r")),
                "left")
            .join(
                entities.withColumnRenamed("label", "_t").withColumnRenamed("vector", "_tv"),
                input.col(getTailCol()).cast(DataTypes.StringType).equalTo(col("_t")),
                "left");
    List<String> columns = new ArrayList<>(List.of(dataset.columns()));
    columns.addAll(List.of("_hv", "_rid", "_tv"));
    Dataset<Row> ordered = resolved.selectExpr(quoted(columns));
    int fields = dataset.columns().length;
    Broadcast<float[][]> relations =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(relationTable());
    ScoringSpec spec = scoringSpec();
    int chunk = getBlockSize();
    return ordered.mapPartitions(
        (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>)
            rows -> scoreRows(rows, fields, spec, relations.value(), chunk),
        Encoders.row(out));
  }

  private static String[] quoted(List<String> columns) {
    return columns.stream().map(c -> "`" + c + "`").toArray(String[]::new);
  }

  /** Scores rows {@code (input columns..., headVector, relationId, tailVector)} in chunks. */
  private static Iterator<Row> scoreRows(
      Iterator<Row> rows, int fields, ScoringSpec spec, float[][] relations, int chunk) {
    return new Iterator<>() {
      private final List<Row> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        return next < pending.size() || rows.hasNext();
      }

      @Override
      public Row next() {
        if (next == pending.size()) {
          fill();
        }
        return pending.get(next++);
      }

      private void fill() {
        pending.clear();
        next = 0;
        List<Row> batch = new ArrayList<>(chunk);
        while (rows.hasNext() && batch.size() < chunk) {
          batch.add(rows.next());
        }
        List<float[]> vectors = new ArrayList<>();
        int[] known = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
          Row row = batch.get(i);
          boolean complete =
              !row.isNullAt(fields) && !row.isNullAt(fields + 1) && !row.isNullAt(fields + 2);
          known[i] = complete ? vectors.size() / 2 : -1;
          if (complete) {
            vectors.add(TrainedEmbeddings.vector(row, fields));
            vectors.add(TrainedEmbeddings.vector(row, fields + 2));
          }
        }
        org.kge4j.model.Model scorer =
            vectors.isEmpty() ? null : spec.newModel(vectors.size(), relations.length);
        for (int i = 0; scorer != null && i < vectors.size(); i++) {
          scorer.entityEmbeddings().setRow(i, vectors.get(i));
        }
        for (int r = 0; scorer != null && r < relations.length; r++) {
          scorer.relationEmbeddings().setRow(r, relations[r]);
        }
        for (int i = 0; i < batch.size(); i++) {
          Row row = batch.get(i);
          Object[] values = new Object[fields + 1];
          for (int f = 0; f < fields; f++) {
            values[f] = row.get(f);
          }
          values[fields] =
              known[i] < 0
                  ? Float.NaN
                  : scorer.score(2 * known[i], row.getInt(fields + 1), 2 * known[i] + 1);
          pending.add(RowFactory.create(values));
        }
      }
    };
  }

  /**
   * The top {@code k} tails of every distinct {@code (head, relation)} row of {@code queries}
   * (columns {@code headCol}, {@code relationCol}), as ALS's {@code recommendForUserSubset}.
   *
   * @return columns {@code headCol}, {@code relationCol}, {@code recommendations}: an array of
   *     {@code (tail, score)}, best first; queries with an unknown label yield no row
   */
  public Dataset<Row> recommendTails(Dataset<?> queries, int k) {
    return recommend(queries, getHeadCol(), true, "tail", k);
  }

  /**
   * The top {@code k} heads of every distinct {@code (relation, tail)} row of {@code queries}
   * (columns {@code relationCol}, {@code tailCol}).
   *
   * @return columns {@code tailCol}, {@code relationCol}, {@code recommendations}: an array of
   *     {@code (head, score)}, best first
   */
  public Dataset<Row> recommendHeads(Dataset<?> queries, int k) {
    return recommend(queries, getTailCol(), false, "head", k);
  }

  /** The top {@code k} {@code answer}s of the queries {@code (entityCol, relationCol)}. */
  private Dataset<Row> recommend(
      Dataset<?> queries, String entityCol, boolean tails, String answer, int k) {
    return Recommendations.topK(
        queries.sparkSession(),
        scoringSpec(),
        entityEmbeddings,
        relationEmbeddings.select("id", "label"),
        relationTable(),
        getBlockSize(),
        queries.toDF(),
        entityCol,
        getRelationCol(),
        tails,
        answer,
        k);
  }

  /**
   * Filtered rank-based metrics of {@code triples} under PyKEEN's names, with exactly the ranks of
   * single-machine {@code RankBasedEvaluator} on the same embeddings: each triple is ranked against
   * all entities on both sides, removing the other known triples ({@code triples} themselves and
   * {@code filterTriples}, usually training and validation).
   *
   * @param triples labelled triples (the model's column names); rows with a label the model does
   *     not know are left out (as single-machine kge4j drops them when it reads a split)
   * @param filterTriples further known triples, same columns
   * @throws IllegalArgumentException if no triple can be ranked
   */
  public MetricResults evaluate(Dataset<?> triples, List<? extends Dataset<?>> filterTriples) {
    return rank(triples, filterTriples, 0, 0L);
  }

  /**
   * Sampled rank-based metrics: each side of each triple is ranked against {@code numCandidates}
   * entities drawn (with {@code seed}) from those the filter keeps. Keys carry the prefix {@code
   * sampled.}.
   *
   * @throws IllegalArgumentException if {@code numCandidates < 1} or no triple can be ranked
   */
  public MetricResults evaluateSampled(
      Dataset<?> triples, List<? extends Dataset<?>> filterTriples, int numCandidates, long seed) {
    if (numCandidates < 1) {
      throw new IllegalArgumentException(
          "sampled ranking needs numCandidates >= 1, got " + numCandidates);
    }
    return rank(triples, filterTriples, numCandidates, seed);
  }

  private MetricResults rank(
      Dataset<?> triples, List<? extends Dataset<?>> filterTriples, int sampled, long seed) {
    SparkSession spark = triples.sparkSession();
    Dataset<Row> entityLabels = entityEmbeddings.select("id", "label");
    Dataset<Row> relationLabels = relationEmbeddings.select("id", "label");
    Dataset<Row> evaluation = mapped(triples, entityLabels, relationLabels);
    Dataset<Row> known = evaluation;
    for (Dataset<?> filter : filterTriples) {
      known = known.union(mapped(filter, entityLabels, relationLabels));
    }
    long numEntities = entityLabels.count();
    return new DistributedRankEvaluator(
            spark,
            scoringSpec(),
            entityEmbeddings,
            relationTable(),
            (int) numEntities,
            getBlockSize())
        .evaluate(evaluation, known, sampled, seed);
  }

  private Dataset<Row> mapped(
      Dataset<?> triples, Dataset<Row> entityLabels, Dataset<Row> relationLabels) {
    Dataset<Row> labels =
        LabeledTriples.labels(triples.toDF(), getHeadCol(), getRelationCol(), getTailCol());
    return GraphPreparation.mapToIds(labels, entityLabels, relationLabels);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return checkTripleColumns(
        schema, List.of(getHeadCol(), getRelationCol(), getTailCol()), getPredictionCol());
  }

  /**
   * Checks that the triple columns exist and hold strings or integers; returns the schema with a
   * float prediction column appended.
   *
   * @throws IllegalArgumentException naming a missing or mistyped column, or a prediction column
   *     that exists already
   */
  static StructType checkTripleColumns(StructType schema, List<String> columns, String prediction) {
    List<String> names = List.of(schema.fieldNames());
    for (String column : columns) {
      LabeledTriples.requireLabelColumn(schema, column);
    }
    if (names.contains(prediction)) {
      throw new IllegalArgumentException(
          "prediction column '" + prediction + "' exists already in " + names);
    }
    return schema.add(prediction, DataTypes.FloatType, true);
  }

  @Override
  public KgeModel copy(ParamMap extra) {
    KgeModel copied = new KgeModel(uid, entityEmbeddings, relationEmbeddings);
    copied.summary = summary;
    return copyValues(copied, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Reads a model written by {@link #write()}. */
  public static MLReader<KgeModel> read() {
    return new Reader();
  }

  /** Loads a model written by {@link #save}. */
  public static KgeModel load(String path) {
    return read().load(path);
  }

  /** Metadata (the parameters) plus the two embedding tables as Parquet. */
  private static final class Writer extends MLWriter {
    private final KgeModel instance;

    Writer(KgeModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
      instance.entityEmbeddings.write().parquet(new Path(path, "entities").toString());
      instance.relationEmbeddings.write().parquet(new Path(path, "relations").toString());
    }
  }

  private static final class Reader extends MLReader<KgeModel> {
    @Override
    public KgeModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sparkSession(), KgeModel.class.getName());
      Dataset<Row> entities = sparkSession().read().parquet(new Path(path, "entities").toString());
      Dataset<Row> relations =
          sparkSession().read().parquet(new Path(path, "relations").toString());
      KgeModel model = new KgeModel(metadata.uid(), entities, relations);
      metadata.getAndSetParams(model, scala.Option.empty());
      return model;
    }
  }
}
