package org.kge4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Initializer;
import org.kge4j.model.Model;
import org.kge4j.model.Models;

/** The Spark ML face: Pipeline, transform, top-k, save/load, parameter errors. */
class SparkMlApiTest {

  @TempDir static Path dir;

  private static KgeEstimator estimator;
  private static PipelineModel pipeline;
  private static KgeModel model;
  private static Model single;
  private static TriplesFactory ids;

  @BeforeAll
  static void fit() {
    estimator =
        new KgeEstimator()
            .setHeadCol("h")
            .setRelationCol("r")
            .setTailCol("t")
            .setModel("complex")
            .setDim(6)
            .setEpochs(2)
            .setBatchSize(256)
            .setNumNegsPerPos(4)
            .setStoragePath(dir.resolve("storage").toString());
    pipeline = new Pipeline().setStages(new PipelineStage[] {estimator}).fit(nations());
    model = (KgeModel) pipeline.stages()[0];
    ids = SparkTests.dataset("nations").training();
    single =
        Models.create(
            "complex", ids.numEntities(), ids.numRelations(), 6, 1, null, new SplittableRandom(0));
    for (Row row : model.entityEmbeddings().collectAsList()) {
      single.entityEmbeddings().setRow(row.getInt(0), TrainedEmbeddings.vector(row, 2));
    }
    for (Row row : model.relationEmbeddings().collectAsList()) {
      single.relationEmbeddings().setRow(row.getInt(0), TrainedEmbeddings.vector(row, 2));
    }
  }

  /** Nations' training triples under the columns h, r, t. */
  private static Dataset<Row> nations() {
    return SparkTests.split("nations", "train.txt").toDF("h", "r", "t");
  }

  @Test
  void transformAppendsTheModelsScoresAndNaNForUnknownLabels() {
    StructType schema =
        new StructType()
            .add("h", DataTypes.StringType)
            .add("r", DataTypes.StringType)
            .add("t", DataTypes.StringType)
            .add("note", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(
          RowFactory.create(
              ids.entityLabel(ids.head(i)),
              ids.relationLabel(ids.relation(i)),
              ids.entityLabel(ids.tail(i)),
              i));
    }
    rows.add(RowFactory.create("atlantis", ids.relationLabel(0), ids.entityLabel(0), 99));
    Dataset<Row> scored =
        pipeline.transform(SparkTests.spark().createDataFrame(rows, schema)).orderBy("note");
    List<Row> out = scored.collectAsList();
    assertEquals(List.of("h", "r", "t", "note", "prediction"), List.of(scored.columns()));
    for (int i = 0; i < 20; i++) {
      assertEquals(
          single.score(ids.head(i), ids.relation(i), ids.tail(i)),
          out.get(i).getFloat(4),
          0f,
          "row " + i);
    }
    assertTrue(Float.isNaN(out.get(20).getFloat(4)));
  }

  @Test
  void recommendTailsGivesTheBestScoringEntities() {
    List<Row> queries =
        List.of(
            RowFactory.create(ids.entityLabel(0), ids.relationLabel(1)),
            RowFactory.create(ids.entityLabel(3), ids.relationLabel(2)));
    StructType schema =
        new StructType().add("h", DataTypes.StringType).add("r", DataTypes.StringType);
    List<Row> result =
        model
            .setBlockSize(4)
            .recommendTails(SparkTests.spark().createDataFrame(queries, schema), 3)
            .orderBy("h")
            .collectAsList();
    assertEquals(2, result.size());
    int[][] heads = {{0, 1}, {3, 2}};
    for (int q = 0; q < 2; q++) {
      float[] scores = new float[ids.numEntities()];
      single.scoreTails(heads[q][0], heads[q][1], scores);
      List<Integer> order = new ArrayList<>();
      for (int e = 0; e < scores.length; e++) {
        order.add(e);
      }
      order.sort(Comparator.comparing((Integer e) -> -scores[e]).thenComparing(e -> e));
      Row row = result.get(q);
      assertEquals(ids.entityLabel(heads[q][0]), row.getString(0));
      List<Row> recommendations = row.getList(2);
      assertEquals(3, recommendations.size());
      for (int k = 0; k < 3; k++) {
        assertEquals(ids.entityLabel(order.get(k)), recommendations.get(k).getString(0));
        assertEquals(scores[order.get(k)], recommendations.get(k).getFloat(1), 0f);
      }
    }
  }

  @Test
  void modelsAndEstimatorsSaveAndLoad() throws Exception {
    String modelPath = dir.resolve("model").toString();
    model.write().overwrite().save(modelPath);
    KgeModel loaded = KgeModel.load(modelPath);
    assertEquals(model.uid(), loaded.uid());
    assertEquals("complex", loaded.getOrDefault(loaded.model()));
    assertEquals("h", loaded.getOrDefault(loaded.headCol()));
    List<Row> a = model.entityEmbeddings().orderBy("id").collectAsList();
    List<Row> b = loaded.entityEmbeddings().orderBy("id").collectAsList();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getString(1), b.get(i).getString(1));
      assertArrayEquals(
          TrainedEmbeddings.vector(a.get(i), 2), TrainedEmbeddings.vector(b.get(i), 2));
    }
    IllegalStateException noSummary = assertThrows(IllegalStateException.class, loaded::summary);
    assertEquals("this model was loaded, not trained: it has no summary", noSummary.getMessage());

    String estimatorPath = dir.resolve("estimator").toString();
    estimator.write().overwrite().save(estimatorPath);
    KgeEstimator again = KgeEstimator.load(estimatorPath);
    assertEquals(estimator.trainingConfig(), again.trainingConfig());
    assertEquals("t", again.getTailCol());
  }

  @Test
  void estimatorAndModelShareTheColumnAndModelParameters() {
    List<String> shared =
        List.of(
            "headCol", "relationCol", "tailCol", "predictionCol", "model", "dim", "scoringNorm");
    for (KgeParams stage : List.of(new KgeEstimator("e"), new KgeModel("m", null, null))) {
      List<String> names = new ArrayList<>();
      for (org.apache.spark.ml.param.Param<?> param : stage.params()) {
        names.add(param.name());
      }
      for (String name : shared) {
        assertEquals(1, names.stream().filter(name::equals).count(), name + " in " + names);
      }
      // the defaults the accessors' Javadoc names
      assertEquals(
          List.of("head", "relation", "tail", "prediction", "distmult"),
          List.of(
              stage.getHeadCol(),
              stage.getRelationCol(),
              stage.getTailCol(),
              stage.getPredictionCol(),
              stage.getModel()));
      assertEquals(64, stage.getDim());
      assertEquals(1, stage.getScoringNorm());
      // each accessor call builds its parameter anew: values set through one call are read back
      // through another
      stage.set(stage.dim(), 8);
      assertEquals(8, stage.getDim());
      assertEquals(
          "dim: embedding dimension (complex for ComplEx, RotatE) (default: 64, current: 8)",
          stage.explainParam(stage.dim()));
    }
    // the fitted model carries the estimator's values
    assertEquals("complex", model.getModel());
    assertEquals(6, model.getDim());
    assertEquals("h", model.getHeadCol());
  }

  @Test
  void parametersBecomeThePipelineConfiguration() {
    PipelineConfig defaults = new KgeEstimator().trainingConfig();
    assertEquals("dataframe", defaults.dataset().name());
    assertEquals("DistMult", defaults.model().name());
    assertEquals(64, defaults.model().embeddingDim());
    assertEquals(LoopKind.SLCWA, defaults.trainingLoop());
    assertEquals("basic", defaults.negativeSampler().name());
    assertEquals(32, defaults.negativeSampler().numNegsPerPos());
    assertEquals(100, defaults.training().numEpochs());
    assertEquals(512, defaults.training().batchSize());
    assertEquals("Adam", defaults.optimizer().name());
    assertEquals(0.01, defaults.optimizer().lr(), 0.0);
    assertEquals(42L, defaults.randomSeed());
    assertEquals(0, defaults.stopper().frequency());
    assertEquals(0.1, defaults.regularizer().weight(), 0.0); // PyKEEN's DistMult default

    PipelineConfig lcwa =
        new KgeEstimator()
            .setModel("complex")
            .setDim(16)
            .setLoop("lcwa")
            .setEpochs(7)
            .setLearningRate(0.05)
            .setSeed(3)
            .setRegularizerWeight(0.0)
            .trainingConfig();
    assertEquals("ComplEx", lcwa.model().name());
    assertEquals(16, lcwa.model().embeddingDim());
    assertEquals(LoopKind.LCWA, lcwa.trainingLoop());
    assertNull(lcwa.negativeSampler(), "the sampler defaults do not reach LCWA");
    assertEquals(7, lcwa.training().numEpochs());
    assertEquals(0.05, lcwa.optimizer().lr(), 0.0);
    assertEquals(3L, lcwa.randomSeed());
    assertEquals(0.0, lcwa.regularizer().weight(), 0.0);

    // unset initializers are the model's PyKEEN ones (ComplEx: normal_), set ones reach the model
    assertEquals(Initializer.NORMAL, lcwa.model().entityInitializer());
    assertEquals(Initializer.NORMAL, lcwa.model().relationInitializer());
    PipelineConfig xavier =
        new KgeEstimator()
            .setModel("complex")
            .setEntityInitializer("xavier_normal")
            .setRelationInitializer("uniform")
            .trainingConfig();
    assertEquals(Initializer.XAVIER_NORMAL, xavier.model().entityInitializer());
    assertEquals(Initializer.UNIFORM, xavier.model().relationInitializer());
    IllegalArgumentException initializer =
        assertThrows(
            IllegalArgumentException.class,
            () -> new KgeEstimator().setEntityInitializer("nope").trainingConfig());
    assertTrue(
        initializer.getMessage().contains("entity_initializer")
            && initializer.getMessage().contains("nope"),
        initializer.getMessage());

    IllegalArgumentException negatives =
        assertThrows(
            IllegalArgumentException.class,
            () -> new KgeEstimator().setLoop("lcwa").setNumNegsPerPos(4).trainingConfig());
    assertEquals(
        "negative_sampler_kwargs is only used by the sLCWA training loop (LCWA scores every"
            + " entity), got {num_negs_per_pos=4} with LCWA",
        negatives.getMessage());
    IllegalArgumentException norm =
        assertThrows(
            IllegalArgumentException.class,
            () -> new KgeEstimator().setScoringNorm(2).trainingConfig());
    assertTrue(
        norm.getMessage().startsWith("model_kwargs.scoring_fct_norm is not supported by DistMult"),
        norm.getMessage());
    KgeEstimator oneLimit = new KgeEstimator().setModel("transe");
    IllegalArgumentException limit =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                oneLimit
                    .copy(
                        new org.apache.spark.ml.param.ParamMap()
                            .put(oneLimit.positiveDistanceLimit(), 2.0))
                    .trainingConfig());
    assertTrue(limit.getMessage().contains("negative_distance_limit"), limit.getMessage());
  }

  @Test
  void parametersAndColumnsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new KgeEstimator().setDim(0));
    IllegalArgumentException name =
        assertThrows(
            IllegalArgumentException.class,
            () -> new KgeEstimator().setModel("holE").trainingConfig());
    assertEquals(
        "model must be one of TransE, DistMult, ComplEx, RotatE (case and punctuation ignored),"
            + " got 'holE'",
        name.getMessage());
    IllegalArgumentException column =
        assertThrows(IllegalArgumentException.class, () -> new KgeEstimator().fit(nations()));
    assertEquals("column 'head' not found; the input has [h, r, t]", column.getMessage());
    Dataset<Row> doubles =
        nations().withColumn("h", org.apache.spark.sql.functions.col("h").cast("double"));
    IllegalArgumentException type =
        assertThrows(
            IllegalArgumentException.class,
            () -> estimator.copy(new org.apache.spark.ml.param.ParamMap()).fit(doubles));
    assertEquals(
        "column 'h' must hold strings or integers (labels or ids), got double", type.getMessage());
    IllegalStateException storage =
        assertThrows(
            IllegalStateException.class,
            () ->
                new KgeEstimator()
                    .setHeadCol("h")
                    .setRelationCol("r")
                    .setTailCol("t")
                    .fit(nations()));
    assertTrue(storage.getMessage().startsWith("storagePath is not set"), storage.getMessage());
    IllegalStateException holds =
        assertThrows(IllegalStateException.class, () -> estimator.fit(nations()));
    assertTrue(holds.getMessage().contains("already holds a run"), holds.getMessage());
  }
}
