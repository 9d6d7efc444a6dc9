package org.kge4j.spark;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.kge4j.config.PipelineConfig;

/**
 * Knowledge-graph-embedding training as a Spark ML {@link Estimator}, the counterpart of MLlib's
 * {@code ALS}: {@code fit} takes a DataFrame of triples (columns {@code head}, {@code relation},
 * {@code tail}: labels as strings, or integer ids, which are read as labels) and returns a {@link
 * KgeModel}.
 *
 * <pre>{@code
 * KgeModel model = new KgeEstimator()
 *     .setModel("complex").setDim(64).setPartitions(4).setEpochs(100)
 *     .setMarginActivation("softplus").setPositiveNegativeBalance(0.1)
 *     .setStoragePath("hdfs:///runs/fb15k237")
 *     .fit(triples);
 * model.recommendTails(queries, 10).show();
 * }</pre>
 *
 * <p>Training is PyTorch-BigGraph's: entities are assigned to {@code partitions} partitions at
 * random (seeded), triples fall into the {@code P × P} buckets of their head's and tail's
 * partitions, and every epoch trains each bucket once, in rounds of buckets that share no
 * partition, one Spark task per bucket, with kge4j-train's models, {@code DoubleMarginLoss},
 * optimizers and negative samplers (negatives from the bucket's partitions). Embeddings live on the
 * storage directory ({@code storagePath}, any Hadoop file system); relation parameters are merged
 * after every round. See {@link PartitionedTrainer} and {@link BucketSchedule}. With one partition
 * the model equals single-machine kge4j's with the same seed, bit for bit.
 *
 * <p>Parameters become kge4j-train's {@link PipelineConfig} ({@link #trainingConfig()}), whose
 * checks and messages apply; each parameter's accessor names its default, and loss and regularizer
 * parameters left unset take PyKEEN's defaults. Validation and early stopping are not part of
 * {@code fit}; evaluate the model with {@link KgeModel#evaluate}.
 */
public final class KgeEstimator extends Estimator<KgeModel>
    implements KgeParams, DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final DoubleParam regularizerWeight;
  private final IntParam partitions;
  private final Param<String> loop;
  private final Param<String> negativeSampler;
  private final IntParam numNegsPerPos;
  private final BooleanParam filterNegatives;
  private final IntParam epochs;
  private final IntParam batchSize;
  private final Param<String> optimizer;
  private final DoubleParam learningRate;
  private final LongParam seed;
  private final DoubleParam positiveMargin;
  private final DoubleParam negativeMargin;
  private final DoubleParam offset;
  private final DoubleParam positiveNegativeBalance;
  private final Param<String> marginActivation;
  private final Param<String> reduction;
  private final DoubleParam positiveDistanceLimit;
  private final DoubleParam negativeDistanceLimit;
  private final DoubleParam labelSmoothing;
  private final Param<String> entityInitializer;
  private final Param<String> relationInitializer;
  private final Param<String> storagePath;
  private final BooleanParam resume;

  /** An estimator with a random uid. */
  public KgeEstimator() {
    this(Identifiable.randomUID("kge"));
  }

  /** An estimator with the given uid (used by {@link #copy} and {@link #load}). */
  public KgeEstimator(String uid) {
    this.uid = uid;
    regularizerWeight =
        new DoubleParam(
            this,
            "regularizerWeight",
            "weight of the model's default regularizer (unset: PyKEEN's)");
    partitions =
        new IntParam(this, "partitions", "number of entity partitions P (P x P buckets)", ge(1));
    loop = new Param<>(this, "loop", "training loop within a bucket: slcwa or lcwa");
    negativeSampler =
        new Param<>(this, "negativeSampler", "negative sampler: basic, bernoulli or shared");
    numNegsPerPos = new IntParam(this, "numNegsPerPos", "negatives per positive (sLCWA)", ge(1));
    filterNegatives =
        new BooleanParam(this, "filterNegatives", "drop negatives that are training triples");
    epochs = new IntParam(this, "epochs", "number of epochs (every bucket once each)", ge(1));
    batchSize = new IntParam(this, "batchSize", "positives per batch", ge(1));
    optimizer = new Param<>(this, "optimizer", "optimizer: adam, sparseadam, adagrad, sgd");
    learningRate = new DoubleParam(this, "learningRate", "the optimizer's learning rate", gt(0));
    seed = new LongParam(this, "seed", "seed of initialisation, partitioning, shuffling, sampling");
    positiveMargin =
        new DoubleParam(this, "positiveMargin", "DoubleMarginLoss positive_margin (unset: none)");
    negativeMargin =
        new DoubleParam(this, "negativeMargin", "DoubleMarginLoss negative_margin (unset: none)");
    offset = new DoubleParam(this, "offset", "DoubleMarginLoss offset (unset: none)");
    positiveNegativeBalance =
        new DoubleParam(
            this,
            "positiveNegativeBalance",
            "DoubleMarginLoss positive_negative_balance in (0, 1)");
    marginActivation =
        new Param<>(this, "marginActivation", "DoubleMarginLoss margin_activation: relu, softplus");
    reduction = new Param<>(this, "reduction", "DoubleMarginLoss reduction: mean or sum");
    positiveDistanceLimit =
        new DoubleParam(
            this,
            "positiveDistanceLimit",
            "BootEA gamma1 (with negativeDistanceLimit, for TransE)");
    negativeDistanceLimit =
        new DoubleParam(this, "negativeDistanceLimit", "BootEA gamma2 > gamma1");
    labelSmoothing = new DoubleParam(this, "labelSmoothing", "LCWA label smoothing in [0, 1)");
    entityInitializer =
        new Param<>(
            this,
            "entityInitializer",
            "initializer of the entity table, e.g. xavier_normal (unset: the model's PyKEEN one)");
    relationInitializer =
        new Param<>(
            this,
            "relationInitializer",
            "initializer of the relation table (unset: the model's PyKEEN one)");
    storagePath =
        new Param<>(
            this,
            "storagePath",
            "the run's storage directory on any Hadoop file system"
                + " (unset: <SparkContext checkpoint dir>/kge4j-<uid>)");
    resume =
        new BooleanParam(this, "resume", "continue the run the storage directory holds, if any");
    KgeParams.setDefaults(this);
    setDefault(partitions, (Object) 1);
    setDefault(loop, "slcwa");
    setDefault(negativeSampler, "basic");
    setDefault(numNegsPerPos, (Object) 32);
    setDefault(filterNegatives, (Object) false);
    setDefault(epochs, (Object) 100);
    setDefault(batchSize, (Object) 512);
    setDefault(optimizer, "adam");
    setDefault(learningRate, (Object) 0.01);
    setDefault(seed, (Object) 42L);
    setDefault(positiveNegativeBalance, (Object) 0.5);
    setDefault(resume, (Object) false);
  }

  private static scala.Function1<Object, Object> ge(double bound) {
    return ParamValidators.gtEq(bound);
  }

  private static scala.Function1<Object, Object> gt(double bound) {
    return ParamValidators.gt(bound);
  }

  @Override
  public String uid() {
    return uid;
  }

  // ---- parameters (public accessors: Spark ML finds parameters through them; the columns and
  // the interaction model are KgeParams's) ----

  /** The weight of the model's default regularizer; unset = PyKEEN's default. */
  public DoubleParam regularizerWeight() {
    return regularizerWeight;
  }

  /** The number of entity partitions {@code P}; default 1. */
  public IntParam partitions() {
    return partitions;
  }

  /** The training loop within a bucket; default {@code slcwa}. */
  public Param<String> loop() {
    return loop;
  }

  /** The negative sampler; default {@code basic}. */
  public Param<String> negativeSampler() {
    return negativeSampler;
  }

  /** Negatives per positive; default 32. */
  public IntParam numNegsPerPos() {
    return numNegsPerPos;
  }

  /** Whether negatives that are training triples are dropped; default false. */
  public BooleanParam filterNegatives() {
    return filterNegatives;
  }

  /** Epochs; default 100. */
  public IntParam epochs() {
    return epochs;
  }

  /** Positives per batch; default 512. */
  public IntParam batchSize() {
    return batchSize;
  }

  /** The optimizer; default {@code adam}. */
  public Param<String> optimizer() {
    return optimizer;
  }

  /** The learning rate; default 0.01. */
  public DoubleParam learningRate() {
    return learningRate;
  }

  /** The seed; default 42. */
  public LongParam seed() {
    return seed;
  }

  /** DoubleMarginLoss's positive margin λ; unset by default. */
  public DoubleParam positiveMargin() {
    return positiveMargin;
  }

  /** DoubleMarginLoss's negative margin λ̄; unset by default. */
  public DoubleParam negativeMargin() {
    return negativeMargin;
  }

  /** DoubleMarginLoss's offset λ − λ̄; unset by default. */
  public DoubleParam offset() {
    return offset;
  }

  /** DoubleMarginLoss's positive_negative_balance; default 0.5. */
  public DoubleParam positiveNegativeBalance() {
    return positiveNegativeBalance;
  }

  /** DoubleMarginLoss's margin activation; unset = ReLU. */
  public Param<String> marginActivation() {
    return marginActivation;
  }

  /** DoubleMarginLoss's reduction; unset = mean (sum with distance limits). */
  public Param<String> reduction() {
    return reduction;
  }

  /** BootEA's γ1; unset by default. */
  public DoubleParam positiveDistanceLimit() {
    return positiveDistanceLimit;
  }

  /** BootEA's γ2; unset by default. */
  public DoubleParam negativeDistanceLimit() {
    return negativeDistanceLimit;
  }

  /** LCWA label smoothing; unset by default. */
  public DoubleParam labelSmoothing() {
    return labelSmoothing;
  }

  /** The entity table's initializer (PyKEEN's name); unset by default: the model's own. */
  public Param<String> entityInitializer() {
    return entityInitializer;
  }

  /** The relation table's initializer (PyKEEN's name); unset by default: the model's own. */
  public Param<String> relationInitializer() {
    return relationInitializer;
  }

  /** The run's storage directory; unset = under the SparkContext's checkpoint directory. */
  public Param<String> storagePath() {
    return storagePath;
  }

  /** Whether to continue the run the storage holds; default false. */
  public BooleanParam resume() {
    return resume;
  }

  // ---- getters ----

  public int getPartitions() {
    return (Integer) getOrDefault(partitions);
  }

  public String getLoop() {
    return getOrDefault(loop);
  }

  public String getNegativeSampler() {
    return getOrDefault(negativeSampler);
  }

  public int getNumNegsPerPos() {
    return (Integer) getOrDefault(numNegsPerPos);
  }

  public boolean getFilterNegatives() {
    return (Boolean) getOrDefault(filterNegatives);
  }

  public int getEpochs() {
    return (Integer) getOrDefault(epochs);
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  public String getOptimizer() {
    return getOrDefault(optimizer);
  }

  public double getLearningRate() {
    return (Double) getOrDefault(learningRate);
  }

  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  public double getPositiveNegativeBalance() {
    return (Double) getOrDefault(positiveNegativeBalance);
  }

  public boolean getResume() {
    return (Boolean) getOrDefault(resume);
  }

  /** The value of an optional parameter, or null when unset. */
  Double optional(DoubleParam param) {
    return isDefined(param) ? (Double) getOrDefault(param) : null;
  }

  /** The value of an optional parameter, or null when unset. */
  String optional(Param<String> param) {
    return isDefined(param) ? getOrDefault(param) : null;
  }

  // ---- setters ----

  public KgeEstimator setHeadCol(String value) {
    return with(headCol(), value);
  }

  public KgeEstimator setRelationCol(String value) {
    return with(relationCol(), value);
  }

  public KgeEstimator setTailCol(String value) {
    return with(tailCol(), value);
  }

  public KgeEstimator setPredictionCol(String value) {
    return with(predictionCol(), value);
  }

  public KgeEstimator setModel(String value) {
    return with(model(), value);
  }

  public KgeEstimator setDim(int value) {
    return with(dim(), value);
  }

  public KgeEstimator setScoringNorm(int value) {
    return with(scoringNorm(), value);
  }

  public KgeEstimator setRegularizerWeight(double value) {
    return with(regularizerWeight, value);
  }

  public KgeEstimator setPartitions(int value) {
    return with(partitions, value);
  }

  public KgeEstimator setLoop(String value) {
    return with(loop, value);
  }

  public KgeEstimator setNegativeSampler(String value) {
    return with(negativeSampler, value);
  }

  public KgeEstimator setNumNegsPerPos(int value) {
    return with(numNegsPerPos, value);
  }

  public KgeEstimator setFilterNegatives(boolean value) {
    return with(filterNegatives, value);
  }

  public KgeEstimator setEpochs(int value) {
    return with(epochs, value);
  }

  public KgeEstimator setBatchSize(int value) {
    return with(batchSize, value);
  }

  public KgeEstimator setOptimizer(String value) {
    return with(optimizer, value);
  }

  public KgeEstimator setLearningRate(double value) {
    return with(learningRate, value);
  }

  public KgeEstimator setSeed(long value) {
    return with(seed, value);
  }

  public KgeEstimator setPositiveMargin(double value) {
    return with(positiveMargin, value);
  }

  public KgeEstimator setNegativeMargin(double value) {
    return with(negativeMargin, value);
  }

  public KgeEstimator setOffset(double value) {
    return with(offset, value);
  }

  public KgeEstimator setPositiveNegativeBalance(double value) {
    return with(positiveNegativeBalance, value);
  }

  public KgeEstimator setMarginActivation(String value) {
    return with(marginActivation, value);
  }

  public KgeEstimator setReduction(String value) {
    return with(reduction, value);
  }

  /** BootEA's distance limits γ1 &lt; γ2 instead of margins (TransE, RotatE). */
  public KgeEstimator setDistanceLimits(double gamma1, double gamma2) {
    return with(positiveDistanceLimit, gamma1).with(negativeDistanceLimit, gamma2);
  }

  public KgeEstimator setLabelSmoothing(double value) {
    return with(labelSmoothing, value);
  }

  public KgeEstimator setEntityInitializer(String value) {
    return with(entityInitializer, value);
  }

  public KgeEstimator setRelationInitializer(String value) {
    return with(relationInitializer, value);
  }

  public KgeEstimator setStoragePath(String value) {
    return with(storagePath, value);
  }

  public KgeEstimator setResume(boolean value) {
    return with(resume, value);
  }

  private <T> KgeEstimator with(Param<T> param, T value) {
    set(param, value);
    return this;
  }

  /**
   * The run's configuration as kge4j-train sees it.
   *
   * @throws IllegalArgumentException naming the first invalid parameter
   */
  public PipelineConfig trainingConfig() {
    return SparkTrainingConfig.of(this);
  }

  /**
   * Trains on {@code dataset}'s triples (see the class comment).
   *
   * @throws IllegalArgumentException for missing or mistyped columns, invalid parameters, or no
   *     valid triple
   * @throws IllegalStateException if no storage directory can be chosen, or the storage holds a run
   *     and {@code resume} is false (or one of another configuration)
   */
  @Override
  public KgeModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return new KgeTraining(this, dataset.sparkSession()).fit(dataset.toDF());
  }

  /** The storage directory of this estimator's run. */
  String storageDirectory(SparkSession spark) {
    if (isDefined(storagePath)) {
      return getOrDefault(storagePath);
    }
    scala.Option<String> checkpointDir = spark.sparkContext().getCheckpointDir();
    if (checkpointDir.isEmpty()) {
      throw new IllegalStateException(
          "storagePath is not set and the SparkContext has no checkpoint directory:"
              + " set one of them to a directory on a file system every executor can reach");
    }
    return checkpointDir.get() + "/kge4j-" + uid;
  }

  /**
   * Checks that the three triple columns exist and hold strings or integers, and appends the
   * prediction column.
   *
   * @throws IllegalArgumentException naming a missing or mistyped column
   */
  @Override
  public StructType transformSchema(StructType schema) {
    return KgeModel.checkTripleColumns(
        schema, List.of(getHeadCol(), getRelationCol(), getTailCol()), getPredictionCol());
  }

  @Override
  public KgeEstimator copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Reads an estimator written by {@link #save}. */
  public static MLReader<KgeEstimator> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads an estimator written by {@link #save}. */
  public static KgeEstimator load(String path) {
    return read().load(path);
  }

  /** The triples of {@code dataset} as validated labels. */
  LabeledTriples labeled(Dataset<Row> dataset) {
    return LabeledTriples.fromDataFrame(
        dataset, getHeadCol(), getRelationCol(), getTailCol(), "the fitted DataFrame");
  }
}
