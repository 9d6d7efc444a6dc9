package org.kge4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.kge4j.config.PipelineConfig;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.training.Checkpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} job: reads triples, trains with {@link KgeEstimator}, evaluates on the
 * test split with exact distributed ranking, and writes the run's outputs.
 *
 * <pre>
 *   spark-submit --class org.kge4j.spark.TrainJob kge4j-spark-&lt;version&gt;-job.jar \
 *     --input hdfs:///data/fb15k237 --output hdfs:///runs/fb15k237 \
 *     --partitions 4 --model complex --dim 64 --epochs 100 --activation softplus --balance 0.1
 * </pre>
 *
 * <p>{@code --input} is a directory with PyKEEN's {@code train.txt}, {@code valid.txt}, {@code
 * test.txt}, or triples in any layout {@link LabeledTriples#read} reads (split off with {@code
 * --split} unless {@code --validation} and {@code --test} are given). The output directory (any
 * Hadoop file system) receives {@code results.json} (the CLI's document: test metrics under
 * PyKEEN's names, configuration with the resolved loss, dataset statistics with invalid and dropped
 * rows, timings, per-epoch and per-round losses, versions), {@code losses.tsv}, {@code rounds.tsv},
 * {@code entities/} and {@code relations/} (Parquet {@code (id, label, vector)}), {@code
 * checkpoint.kge4j} (read by {@code kge4j evaluate}) and {@code storage/} (the run's partitions and
 * manifests, which {@code --resume} continues from).
 *
 * <p>Exit codes: 0 success, 1 a failure while running, 2 an invalid command line.
 */
@Command(
    name = "TrainJob",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Train and evaluate a knowledge-graph embedding on Spark (kge4j-spark).")
public final class TrainJob implements Callable<Integer> {

  private static final System.Logger LOG = System.getLogger(TrainJob.class.getName());

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  private final SparkSession given;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATH",
      description =
          "Triples: a directory with train.txt, valid.txt, test.txt, or files (TSV, CSV,"
              + " Parquet; gzip by suffix) on any Hadoop file system.")
  private String input;

  @Option(names = "--validation", paramLabel = "PATH", description = "Validation triples.")
  private String validation;

  @Option(names = "--test", paramLabel = "PATH", description = "Testing triples.")
  private String test;

  @Option(
      names = "--split",
      paramLabel = "T,V,E",
      split = ",",
      hideParamSyntax = true,
      defaultValue = "0.8,0.1,0.1",
      description = "Training, validation, testing shares when --input holds one set of triples.")
  private List<Double> split;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      defaultValue = "auto",
      description = "auto, tsv, csv or parquet.")
  private String format;

  @Option(
      names = "--columns",
      paramLabel = "H,R,T",
      split = ",",
      hideParamSyntax = true,
      defaultValue = "head,relation,tail",
      description = "Column names of Parquet input.")
  private List<String> columns;

  @Option(names = "--header", description = "CSV files start with a header line.")
  private boolean header;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Output directory on any Hadoop file system.")
  private String output;

  @Option(
      names = "--storage",
      paramLabel = "DIR",
      description = "The run's storage directory. Default: OUTPUT/storage.")
  private String storage;

  @Option(
      names = "--resume",
      description = "Continue the run the storage directory holds (after a crash or a kill).")
  private boolean resume;

  @Option(
      names = "--overwrite",
      description = "Allow writing into an output directory that holds a finished run.")
  private boolean overwrite;

  @Option(
      names = "--partitions",
      paramLabel = "P",
      defaultValue = "1",
      description = "Entity partitions (P x P buckets), >= 1.")
  private int partitions;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      defaultValue = "complex",
      description = "transe, distmult, complex or rotate.")
  private String model;

  @Option(names = "--dim", paramLabel = "N", defaultValue = "64", description = "Dimension.")
  private int dim;

  @Option(
      names = "--scoring-norm",
      paramLabel = "P",
      defaultValue = "1",
      description = "TransE's norm, 1 or 2.")
  private int scoringNorm;

  @Option(
      names = "--regularizer-weight",
      paramLabel = "W",
      description = "Weight of the model's default regularizer. Default: PyKEEN's.")
  private Double regularizerWeight;

  @Option(
      names = "--loop",
      paramLabel = "LOOP",
      defaultValue = "slcwa",
      description = "Training loop within a bucket: slcwa or lcwa.")
  private String loop;

  @Option(
      names = "--sampler",
      paramLabel = "NAME",
      defaultValue = "basic",
      description = "basic, bernoulli or shared.")
  private String sampler;

  @Option(
      names = "--negatives",
      paramLabel = "K",
      defaultValue = "32",
      description = "Negatives per positive.")
  private int negatives;

  @Option(names = "--filter-negatives", description = "Remove negatives that are training triples.")
  private boolean filterNegatives;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Epochs.")
  private int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      defaultValue = "256",
      description = "Positives per batch.")
  private int batchSize;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      defaultValue = "adam",
      description = "adam, sparseadam, adagrad or sgd.")
  private String optimizer;

  @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1", description = "Learning rate.")
  private double learningRate;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed.")
  private long seed;

  @Option(names = "--positive-margin", paramLabel = "λ", description = "Positive margin.")
  private Double positiveMargin;

  @Option(names = "--negative-margin", paramLabel = "λ̄", description = "Negative margin.")
  private Double negativeMargin;

  @Option(names = "--offset", paramLabel = "λ-λ̄", description = "Offset between the margins.")
  private Double offset;

  @Option(
      names = "--balance",
      paramLabel = "B",
      defaultValue = "0.5",
      description = "positive_negative_balance, in (0, 1).")
  private double balance;

  @Option(names = "--activation", paramLabel = "NAME", description = "relu or softplus.")
  private String activation;

  @Option(names = "--reduction", paramLabel = "NAME", description = "mean or sum.")
  private String reduction;

  @Option(names = "--label-smoothing", paramLabel = "ε", description = "LCWA label smoothing.")
  private Double labelSmoothing;

  @Option(
      names = "--initializer",
      paramLabel = "NAME",
      description =
          "Initializer of both embedding tables, as the CLI's (normal, uniform, xavier_uniform,"
              + " xavier_normal, ...). Default: the model's PyKEEN initializers.")
  private String initializer;

  @Option(
      names = "--relation-initializer",
      paramLabel = "NAME",
      description = "Initializer of the relation table only (replaces --initializer there).")
  private String relationInitializer;

  @Option(
      names = "--distance-limits",
      paramLabel = "γ1,γ2",
      split = ",",
      hideParamSyntax = true,
      description = "BootEA form for distance models instead of the margins.")
  private List<Double> distanceLimits;

  @Option(
      names = "--sampled-evaluation",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Rank each test triple against N sampled candidates (metrics named sampled.*)"
              + " instead of all entities; 0 = full ranking.")
  private int sampledEvaluation;

  @Option(
      names = "--block-size",
      paramLabel = "N",
      defaultValue = "16384",
      description = "Entities per block in evaluation.")
  private int blockSize;

  @Option(names = "--no-evaluation", description = "Skip the test evaluation.")
  private boolean noEvaluation;

  @Option(
      names = "--no-checkpoint",
      description =
          "Skip checkpoint.kge4j (it gathers the whole model on the driver: for models that"
              + " fit one machine).")
  private boolean noCheckpoint;

  /** A job that creates (or finds) its Spark session, as {@code spark-submit} runs it. */
  public TrainJob() {
    this(null);
  }

  /** A job on an existing session (tests, notebooks). */
  public TrainJob(SparkSession session) {
    this.given = session;
  }

  /** {@code spark-submit} entry point; exits with the job's code. */
  public static void main(String[] args) {
    System.exit(run(null, args));
  }

  /**
   * Runs the job with {@code args} on {@code session} (null: create one); returns the exit code.
   */
  public static int run(SparkSession session, String... args) {
    return new CommandLine(new TrainJob(session))
        .setExecutionExceptionHandler(
            (e, cl, parsed) -> {
              cl.getErr().println("kge4j-spark: " + e.getMessage());
              LOG.log(System.Logger.Level.ERROR, "kge4j-spark: the job failed", e);
              return 1;
            })
        .execute(args);
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    check();
    SparkSession spark = given != null ? given : session();
    KgeEstimator estimator = estimator();
    PipelineConfig config;
    try {
      config = estimator.trainingConfig();
    } catch (IllegalArgumentException e) {
      throw invalid("Invalid configuration: " + e.getMessage());
    }
    RunStorage out = new RunStorage(output, spark.sparkContext().hadoopConfiguration());
    if (out.exists("results.json") && !overwrite && !resume) {
      throw invalidValue(
          "--output",
          output
              + " holds a finished run; pass --overwrite or --resume, or choose another directory");
    }
    Splits splits = readSplits(spark);
    estimator.setStoragePath(storage != null ? storage : new Path(output, "storage").toString());
    KgeModel trained = estimator.fit(splits.training().triples());
    KgeTrainingSummary summary = trained.summary();

    MetricResults metrics = null;
    double evaluationSeconds = 0;
    if (!noEvaluation) {
      long evaluationStart = System.nanoTime();
      trained.setBlockSize(blockSize);
      List<Dataset<Row>> filter =
          List.of(splits.training().triples(), splits.validation().triples());
      metrics =
          sampledEvaluation > 0
              ? trained.evaluateSampled(
                  splits.testing().triples(), filter, sampledEvaluation, config.randomSeed())
              : trained.evaluate(splits.testing().triples(), filter);
      evaluationSeconds = (System.nanoTime() - evaluationStart) / 1e9;
    }

    writeTable(trained.entityEmbeddings(), "entities");
    writeTable(trained.relationEmbeddings(), "relations");
    RunStorage run =
        new RunStorage(summary.storagePath(), spark.sparkContext().hadoopConfiguration());
    TrainingManifest manifest = summary.manifest();
    if (!noCheckpoint) {
      CheckpointExport.write(
          run,
          summary.layout(),
          manifest,
          SparkTrainingConfig.onDataset(config, input),
          out,
          Checkpoint.FILE_NAME);
    }
    writeLosses(out, summary);
    Map<String, Object> document =
        report(spark, config, summary, splits, metrics, evaluationSeconds, start);
    out.writeJson("results.json", document);
    PrintWriter stdout = spec.commandLine().getOut();
    if (metrics != null) {
      stdout.printf(
          Locale.ROOT,
          "test MRR %.4f, Hits@10 %.4f (%s)%n",
          metrics.get(prefix() + "both.realistic.inverse_harmonic_mean_rank"),
          metrics.get(prefix() + "both.realistic.hits_at_10"),
          sampledEvaluation > 0
              ? sampledEvaluation + " sampled candidates"
              : "filtered, all entities");
    }
    stdout.printf(
        Locale.ROOT,
        "trained %d epochs in %.1f s (%.0f triples/s); results in %s%n",
        manifest.epochsCompleted(),
        summary.trainingSeconds(),
        summary.triplesPerSecond(),
        new Path(output, "results.json"));
    stdout.flush();
    return 0;
  }

  /** Writes an embedding table as Parquet {@code (id, label, vector)} to {@code OUTPUT/name}. */
  private void writeTable(Dataset<Row> table, String name) {
    table.orderBy("id").write().mode(SaveMode.Overwrite).parquet(new Path(output, name).toString());
  }

  private String prefix() {
    return sampledEvaluation > 0 ? DistributedRankEvaluator.SAMPLED_PREFIX : "";
  }

  private static SparkSession session() {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName("kge4j-spark");
    if (!conf.contains("spark.master")) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }

  private CommandLine.ParameterException invalid(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** picocli's wording for a bad value: {@code Invalid value for option '--x': <problem>}. */
  private CommandLine.ParameterException invalidValue(String option, String problem) {
    return invalid("Invalid value for option '" + option + "': " + problem);
  }

  /** {@code value >= min}, in the CLI's words: {@code must be an integer >= min, got value}. */
  private void atLeast(String option, int value, int min) {
    if (value < min) {
      throw invalidValue(option, "must be an integer >= " + min + ", got " + value);
    }
  }

  private void check() {
    atLeast("--partitions", partitions, 1);
    if (split.size() != 3) {
      throw invalidValue("--split", "needs three shares T,V,E, got " + split);
    }
    if (columns.size() != 3) {
      throw invalidValue("--columns", "needs three names H,R,T, got " + columns);
    }
    if (distanceLimits != null && distanceLimits.size() != 2) {
      throw invalidValue("--distance-limits", "needs two values γ1,γ2, got " + distanceLimits);
    }
    atLeast("--sampled-evaluation", sampledEvaluation, 0);
    atLeast("--block-size", blockSize, 1);
    if ((validation == null) != (test == null)) {
      throw invalid("Options '--validation' and '--test' go together: give both or neither");
    }
    try {
      LabeledTriples.resolveFormat(input, format);
    } catch (IllegalArgumentException e) {
      throw invalidValue("--format", e.getMessage());
    }
  }

  private KgeEstimator estimator() {
    KgeEstimator e =
        new KgeEstimator()
            .setPartitions(partitions)
            .setModel(model)
            .setDim(dim)
            .setLoop(loop)
            .setEpochs(epochs)
            .setBatchSize(batchSize)
            .setOptimizer(optimizer)
            .setLearningRate(learningRate)
            .setSeed(seed)
            .setPositiveNegativeBalance(balance)
            .setResume(resume);
    // options that only some models or loops take are passed when given, so that the
    // configuration's own check names them when they do not apply
    if (given("--scoring-norm")) {
      e.setScoringNorm(scoringNorm);
    }
    if (given("--sampler")) {
      e.setNegativeSampler(sampler);
    }
    if (given("--negatives")) {
      e.setNumNegsPerPos(negatives);
    }
    if (given("--filter-negatives")) {
      e.setFilterNegatives(filterNegatives);
    }
    ifGiven(regularizerWeight, e::setRegularizerWeight);
    ifGiven(positiveMargin, e::setPositiveMargin);
    ifGiven(negativeMargin, e::setNegativeMargin);
    ifGiven(offset, e::setOffset);
    ifGiven(activation, e::setMarginActivation);
    ifGiven(reduction, e::setReduction);
    ifGiven(initializer, i -> e.setEntityInitializer(i).setRelationInitializer(i));
    ifGiven(relationInitializer, e::setRelationInitializer);
    ifGiven(labelSmoothing, e::setLabelSmoothing);
    ifGiven(distanceLimits, d -> e.setDistanceLimits(d.get(0), d.get(1)));
    return e;
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** Passes an option without a default to {@code setter} when it was given (is not null). */
  private static <T> void ifGiven(T value, Consumer<? super T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /** The three splits and where they came from. */
  private record Splits(
      LabeledTriples training,
      LabeledTriples validation,
      LabeledTriples testing,
      String source,
      boolean splitOff) {}

  private Splits readSplits(SparkSession spark) {
    FileSystem fs;
    Path dir = new Path(input);
    try {
      fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(new Path(dir, "train.txt")) && validation == null) {
        return new Splits(
            read(spark, new Path(dir, "train.txt").toString(), "tsv"),
            read(spark, new Path(dir, "valid.txt").toString(), "tsv"),
            read(spark, new Path(dir, "test.txt").toString(), "tsv"),
            fs.makeQualified(dir).toUri().getScheme().equals("file")
                ? fs.makeQualified(dir).toUri().getPath()
                : fs.makeQualified(dir).toString(),
            false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
    }
    LabeledTriples all = read(spark, input, format);
    if (validation != null) {
      return new Splits(
          all, read(spark, validation, format), read(spark, test, format), input, false);
    }
    double[] shares = split.stream().mapToDouble(Double::doubleValue).toArray();
    TripleSplit parts;
    try {
      parts = TripleSplit.of(all.triples(), shares, seed);
    } catch (IllegalArgumentException e) {
      throw invalidValue("--split", e.getMessage());
    }
    return new Splits(
        new LabeledTriples(parts.training(), -1, all.numInvalid(), all.invalidExamples(), input),
        new LabeledTriples(parts.validation(), -1, 0, List.of(), input),
        new LabeledTriples(parts.testing(), -1, 0, List.of(), input),
        input,
        true);
  }

  private LabeledTriples read(SparkSession spark, String path, String fmt) {
    LabeledTriples triples = LabeledTriples.read(spark, path, fmt, columns, header);
    LOG.log(System.Logger.Level.INFO, () -> "kge4j-spark: " + triples.summary());
    if (triples.numInvalid() > 0) {
      spec.commandLine().getErr().println("kge4j-spark: " + triples.summary());
    }
    return triples;
  }

  private static void writeLosses(RunStorage out, KgeTrainingSummary summary) {
    StringBuilder epochs = new StringBuilder("epoch\tloss\n");
    for (int e = 0; e < summary.epochLosses().size(); e++) {
      epochs.append(e + 1).append('\t').append(summary.epochLosses().get(e)).append('\n');
    }
    out.write("losses.tsv", o -> o.write(epochs.toString().getBytes(StandardCharsets.UTF_8)));
    StringBuilder rounds =
        new StringBuilder("round\tepoch\tbuckets\ttriples\tbatches\tloss\tseconds\ttask_seconds\n");
    for (TrainingManifest.RoundRecord r : summary.rounds()) {
      rounds
          .append(r.round())
          .append('\t')
          .append(r.epoch())
          .append('\t')
          .append(String.join(" ", r.buckets()))
          .append('\t')
          .append(r.triples())
          .append('\t')
          .append(r.batches())
          .append('\t')
          .append(r.loss())
          .append('\t')
          .append(String.format(Locale.ROOT, "%.3f\t%.3f", r.seconds(), r.taskSeconds()))
          .append('\n');
    }
    out.write("rounds.tsv", o -> o.write(rounds.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private Map<String, Object> report(
      SparkSession spark,
      PipelineConfig config,
      KgeTrainingSummary summary,
      Splits splits,
      MetricResults metrics,
      double evaluationSeconds,
      long start) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("status", "completed");
    document.put("metrics", metrics == null ? Map.of() : metrics.metrics());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("title", "kge4j-spark " + new Path(input).getName());
    metadata.put("kge4j_version", TrainJob.class.getPackage().getImplementationVersion());
    document.put(
        "configuration", SparkTrainingConfig.onDataset(config, input).toPipelineMap(metadata));
    document.put("loss", config.loss().resolved());
    Map<String, Object> distributed = new LinkedHashMap<>();
    distributed.put("num_partitions", summary.layout().numPartitions());
    distributed.put("evaluation", sampledEvaluation > 0 ? "sampled" : "full");
    distributed.put("sampled_candidates", sampledEvaluation);
    document.put("distributed", distributed);
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("name", new Path(input).getName());
    dataset.put("source", splits.source());
    dataset.put("split_off", splits.splitOff());
    dataset.put("num_entities", summary.layout().numEntities());
    dataset.put("num_relations", summary.layout().numRelations());
    dataset.put("training", split(summary.layout().numTriples(), splits.training(), null));
    long[] valid = mappedCounts(spark, summary, splits.validation());
    long[] tests = mappedCounts(spark, summary, splits.testing());
    dataset.put("validation", split(valid[0], splits.validation(), valid[1]));
    dataset.put("testing", split(tests[0], splits.testing(), tests[1]));
    int[] sizes = summary.layout().partitionSizes();
    dataset.put("partition_sizes", sizes);
    document.put("dataset", dataset);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("training_seconds", summary.trainingSeconds());
    timings.put("evaluation_seconds", evaluationSeconds);
    timings.put("total_seconds", (System.nanoTime() - start) / 1e9);
    timings.put("triples_per_second", summary.triplesPerSecond());
    document.put("timings", timings);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("epochs_completed", summary.epochLosses().size());
    training.put("stopped_early", false);
    training.put("losses", summary.epochLosses());
    List<Map<String, Object>> rounds = new ArrayList<>();
    for (TrainingManifest.RoundRecord r : summary.rounds()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("round", r.round());
      entry.put("epoch", r.epoch());
      entry.put("buckets", r.buckets());
      entry.put("triples", r.triples());
      entry.put("loss", r.loss());
      entry.put("seconds", r.seconds());
      entry.put("task_seconds", r.taskSeconds());
      rounds.add(entry);
    }
    training.put("rounds", rounds);
    document.put("training", training);
    Map<String, Object> sparkInfo = new LinkedHashMap<>();
    sparkInfo.put("version", spark.version());
    sparkInfo.put("master", spark.sparkContext().master());
    sparkInfo.put("application_id", spark.sparkContext().applicationId());
    sparkInfo.put("default_parallelism", spark.sparkContext().defaultParallelism());
    sparkInfo.put("storage", summary.storagePath());
    document.put("spark", sparkInfo);
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("kge4j", TrainJob.class.getPackage().getImplementationVersion());
    versions.put("java", System.getProperty("java.version"));
    versions.put("java_vm", System.getProperty("java.vm.name"));
    versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    document.put("versions", versions);
    document.put("command", spec.commandLine().getParseResult().originalArgs());
    document.put("created", Instant.now().toString());
    return document;
  }

  /** Distinct triples of a split that map into the training ids, and those dropped. */
  private static long[] mappedCounts(
      SparkSession spark, KgeTrainingSummary summary, LabeledTriples split) {
    RunStorage run =
        new RunStorage(summary.storagePath(), spark.sparkContext().hadoopConfiguration());
    Dataset<Row> distinct = split.triples().select("head", "relation", "tail").distinct();
    long mapped =
        GraphPreparation.mapToIds(
                distinct,
                GraphPreparation.entities(spark, run),
                GraphPreparation.relations(spark, run))
            .count();
    return new long[] {mapped, distinct.count() - mapped};
  }

  private static Map<String, Object> split(long numTriples, LabeledTriples read, Long dropped) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("num_triples", numTriples);
    if (dropped != null) {
      map.put("num_dropped_triples", dropped);
    }
    map.put("num_invalid_rows", read.numInvalid());
    map.put("invalid_examples", read.invalidExamples());
    return map;
  }
}
