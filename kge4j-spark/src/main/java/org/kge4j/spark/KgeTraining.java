package org.kge4j.spark;

import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.kge4j.config.PipelineConfig;

/**
 * One {@link KgeEstimator#fit}: choose the storage, prepare the graph (or find it prepared when
 * resuming), train partitioned, and wrap the committed embeddings in a {@link KgeModel}.
 */
final class KgeTraining {

  private static final System.Logger LOG = System.getLogger(KgeTraining.class.getName());

  private final KgeEstimator estimator;
  private final SparkSession spark;

  KgeTraining(KgeEstimator estimator, SparkSession spark) {
    this.estimator = estimator;
    this.spark = spark;
  }

  KgeModel fit(Dataset<Row> data) {
    PipelineConfig config = estimator.trainingConfig();
    RunStorage storage =
        new RunStorage(
            estimator.storageDirectory(spark), spark.sparkContext().hadoopConfiguration());
    boolean resume = estimator.getResume();
    boolean holdsRun = !storage.manifestRounds().isEmpty();
    if (holdsRun && !resume) {
      throw new IllegalStateException(
          "the storage "
              + storage.root()
              + " already holds a run; resume it (resume = true, --resume) or choose another"
              + " storage directory");
    }
    GraphLayout layout = holdsRun ? GraphPreparation.layout(storage) : null;
    long invalid = 0;
    List<String> examples = List.of();
    if (layout == null) {
      LabeledTriples labeled = estimator.labeled(data);
      invalid = labeled.numInvalid();
      examples = labeled.invalidExamples();
      LOG.log(System.Logger.Level.INFO, () -> "kge4j: " + labeled.summary());
      if (labeled.numInvalid() > 0) {
        LOG.log(System.Logger.Level.WARNING, () -> "kge4j: " + labeled.summary());
      }
      layout =
          GraphPreparation.prepare(
              spark, labeled.triples(), estimator.getPartitions(), config.randomSeed(), storage);
    } else if (layout.numPartitions() != estimator.getPartitions()) {
      throw new IllegalStateException(
          "the storage "
              + storage.root()
              + " holds a graph of "
              + layout.numPartitions()
              + " partitions, this run asks for "
              + estimator.getPartitions());
    }
    PartitionedTrainer trainer =
        new PartitionedTrainer(
            spark,
            storage,
            layout,
            config,
            record ->
                LOG.log(
                    System.Logger.Level.INFO,
                    () ->
                        String.format(
                            java.util.Locale.ROOT,
                            "kge4j: epoch %d, round %d %s: loss %.6f, %d triples in %.2f s",
                            record.epoch(),
                            record.round(),
                            record.buckets(),
                            record.loss(),
                            record.triples(),
                            record.seconds())));
    TrainingManifest manifest = trainer.train(resume);
    TableSlice relations = storage.readSlice(manifest.relationSlice());
    Dataset<Row> entities =
        TrainedEmbeddings.entities(spark, storage, layout, manifest)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> relationRows =
        TrainedEmbeddings.relations(spark, storage, relations)
            .persist(StorageLevel.MEMORY_AND_DISK());
    KgeModel model = new KgeModel(estimator.uid(), entities, relationRows);
    estimator.copyValues(model, ParamMap.empty());
    return model
        .withSummary(new KgeTrainingSummary(storage.root(), layout, invalid, examples, manifest))
        .setParent(estimator);
  }
}
