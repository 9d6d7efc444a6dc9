package org.kge4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.kge4j.config.PipelineConfig;
import org.kge4j.loss.Reduction;
import org.kge4j.model.Gradients;
import org.kge4j.model.Model;
import org.kge4j.optim.Optimizer;
import org.kge4j.training.TrainingLoop;
import scala.Tuple3;

/**
 * The driver of PyTorch-BigGraph-style training on Spark: initialises every entity partition on an
 * executor, then runs each epoch's {@link BucketSchedule} round by round. A round is one Spark job
 * with one task per bucket ({@link BucketTrainer}); the tasks' relation updates are summed with
 * {@code treeAggregate} ({@link RoundAggregate}) and the merged relation table is broadcast to the
 * next round. After every round the driver commits a {@link TrainingManifest} naming the chosen
 * attempt's files; a killed driver resumes from the latest one.
 *
 * <p><b>Randomness.</b> Epoch {@code e} has the random state {@code E_e} of {@code TrainingLoop}'s
 * epoch chain ({@code E_1} = the seed, {@code E_{e+1} = TrainingLoop.nextRngState(E_e)}); bucket
 * {@code b} (row-major index) trains with {@code E_e + b·φ} (φ = 0x9E3779B97F4A7C15) and partition
 * {@code k} is initialised from {@code seed + k·φ}. With one partition the only bucket is {@code
 * (0, 0)}: it is initialised and trained with exactly the draws, the triple order and the optimizer
 * state of single-machine kge4j, which makes {@code P = 1} bit-identical to it.
 *
 * <p><b>Optimizer steps.</b> Every bucket continues the optimizer's step count {@code t} (Adam's
 * bias corrections) from the round's start; the round advances it by the batches of all its
 * buckets, so that {@code t} counts every batch of the epoch as single-machine training does.
 * Advancing it by the longest bucket only (the round's wall-clock depth) kept {@code t} at less
 * than half of single-machine's with P = 4 on FB15k-237 (ComplEx 256, Adam, 10 epochs): Adam's
 * factor {@code √(1−β₂ᵗ)/(1−β₁ᵗ)} stayed smaller, every step shorter, and the test MRR fell 0.012
 * below single-machine's; counting every batch brings it within 0.0004–0.005 (3 seeds).
 */
final class PartitionedTrainer {

  /** The golden-ratio increment that separates the seeds of partitions and buckets. */
  static final long PHI = 0x9E3779B97F4A7C15L;

  private static final System.Logger LOG = System.getLogger(PartitionedTrainer.class.getName());

  private final JavaSparkContext jsc;
  private final RunStorage storage;
  private final GraphLayout layout;
  private final PipelineConfig config;
  private final Map<String, Object> configuration;
  private final Consumer<TrainingManifest.RoundRecord> listener;

  PartitionedTrainer(
      SparkSession spark,
      RunStorage storage,
      GraphLayout layout,
      PipelineConfig config,
      Consumer<TrainingManifest.RoundRecord> listener) {
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.storage = Objects.requireNonNull(storage, "storage");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.config = Objects.requireNonNull(config, "config");
    this.configuration = SparkTrainingConfig.toMap(config);
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Trains until the configured number of epochs is complete.
   *
   * @param resume continue from the storage's latest manifest (a fresh start when there is none)
   * @return the final manifest
   * @throws IllegalStateException if the storage holds a run but {@code resume} is false, or holds
   *     a run of another configuration
   */
  TrainingManifest train(boolean resume) {
    TrainingManifest manifest = latest();
    if (manifest != null && !resume) {
      throw new IllegalStateException(
          "the storage "
              + storage.root()
              + " already holds a run (round "
              + manifest.round()
              + "); resume it or choose another storage directory");
    }
    if (manifest != null && !SparkTrainingConfig.sameRun(manifest.configuration(), configuration)) {
      throw new IllegalStateException(
          "the storage "
              + storage.root()
              + " holds a run of another configuration: "
              + manifest.configuration()
              + ", this run: "
              + configuration);
    }
    if (manifest == null) {
      manifest = initialize();
    }
    TableSlice relations = storage.readSlice(manifest.relationSlice());
    while (manifest.epochsCompleted() < config.training().numEpochs()) {
      int epoch = manifest.epochsCompleted() + 1;
      List<List<Bucket>> rounds =
          BucketSchedule.epoch(
              layout.numPartitions(),
              layout.nonEmptyBuckets(),
              epoch == 1,
              manifest.epochRngState() ^ 0x5851F42D4C957F2DL);
      for (int r = manifest.roundsInEpoch(); r < rounds.size(); r++) {
        TrainingManifest before = manifest;
        Tuple3<TrainingManifest, TableSlice, TrainingManifest.RoundRecord> done =
            round(manifest, epoch, rounds.get(r), relations, r == rounds.size() - 1);
        manifest = done._1();
        relations = done._2();
        storage.writeJson(RunStorage.manifestFile(manifest.round()), manifest);
        cleanUp(before, manifest);
        listener.accept(done._3());
      }
    }
    return manifest;
  }

  /** The latest manifest on storage, or null. */
  TrainingManifest latest() {
    List<Long> rounds = storage.manifestRounds();
    return rounds.isEmpty()
        ? null
        : storage.readJson(
            RunStorage.manifestFile(rounds.get(rounds.size() - 1)), TrainingManifest.class);
  }

  /** Initialises every partition on an executor and commits round 0. */
  private TrainingManifest initialize() {
    RunStorage store = storage;
    Map<String, Object> pipeline = configuration;
    int[] sizes = layout.partitionSizes();
    int numRelations = layout.numRelations();
    String application = jsc.sc().applicationId();
    List<Integer> partitions = new ArrayList<>();
    for (int k = 0; k < layout.numPartitions(); k++) {
      partitions.add(k);
    }
    jsc.setJobDescription("kge4j: initialise " + partitions.size() + " entity partitions");
    List<Tuple3<Integer, String, TableSlice>> created =
        jsc.parallelize(partitions, partitions.size())
            .map(
                k -> {
                  PipelineConfig c = SparkTrainingConfig.fromMap(pipeline);
                  // partition 0 draws from the seed itself: with P = 1 the single-machine model
                  Model model =
                      SparkTrainingConfig.createModel(
                          c, sizes[k], numRelations, c.randomSeed() + k * PHI);
                  Optimizer optimizer =
                      c.optimizer()
                          .create(List.of(model.entityEmbeddings(), model.relationEmbeddings()));
                  String path = RunStorage.partitionSlice(k, 0, application + "-init");
                  store.writeSlice(
                      path, BucketTrainer.save(model.entityEmbeddings(), optimizer, 0, sizes[k]));
                  TableSlice relations =
                      k == 0
                          ? BucketTrainer.save(
                              model.relationEmbeddings(), optimizer, 0, numRelations)
                          : null;
                  return new Tuple3<>(k, path, relations);
                })
            .collect();
    List<String> slices = new ArrayList<>(partitions.size());
    TableSlice relations = null;
    for (Tuple3<Integer, String, TableSlice> c : created) {
      slices.add(c._2());
      if (c._1() == 0) {
        relations = c._3();
      }
    }
    storage.writeSlice(RunStorage.relationSlice(0), relations);
    TrainingManifest manifest =
        new TrainingManifest(
            configuration,
            0,
            0,
            0,
            config.randomSeed(),
            0,
            slices,
            RunStorage.relationSlice(0),
            List.of(),
            List.of(),
            0.0);
    storage.writeJson(RunStorage.manifestFile(0), manifest);
    return manifest;
  }

  private Tuple3<TrainingManifest, TableSlice, TrainingManifest.RoundRecord> round(
      TrainingManifest manifest,
      int epoch,
      List<Bucket> buckets,
      TableSlice relations,
      boolean endsEpoch) {
    long start = System.nanoTime();
    long round = manifest.round() + 1;
    List<String> slices = manifest.partitionSlices();
    List<BucketTask> tasks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Bucket b : buckets) {
      tasks.add(
          new BucketTask(
              b,
              round,
              manifest.epochRngState() + b.index(layout.numPartitions()) * PHI,
              manifest.steps(),
              slices.get(b.lhs()),
              slices.get(b.rhs()),
              jsc.sc().applicationId()));
      names.add(b.toString());
    }
    Broadcast<TableSlice> shared = jsc.broadcast(relations);
    jsc.setJobGroup(
        "kge4j-round-" + round,
        "kge4j: epoch " + epoch + ", round " + round + ", buckets " + names,
        true);
    RoundAggregate aggregate;
    try {
      aggregate =
          jsc.parallelize(tasks, tasks.size())
              .treeAggregate(
                  new RoundAggregate(),
                  new BucketTrainer(storage, configuration, shared),
                  RoundAggregate::merge,
                  2);
    } finally {
      jsc.clearJobGroup();
      shared.destroy();
    }
    TableSlice merged = aggregate.relations(relations);
    if (buckets.size() > 1) {
      merged = constrained(merged);
    }
    storage.writeSlice(RunStorage.relationSlice(round), merged);

    List<String> committed = new ArrayList<>(slices);
    long steps = manifest.steps();
    long triples = 0;
    long batches = 0;
    double taskSeconds = 0;
    List<BucketOutcome> outcomes = aggregate.outcomes();
    double[] losses = new double[outcomes.size()];
    double[] weights = new double[outcomes.size()];
    for (int i = 0; i < outcomes.size(); i++) {
      BucketOutcome o = outcomes.get(i);
      committed.set(o.bucket().lhs(), o.lhsSlice());
      committed.set(o.bucket().rhs(), o.rhsSlice());
      steps += o.numBatches();
      triples += o.numTriples();
      batches += o.numBatches();
      taskSeconds = Math.max(taskSeconds, o.seconds());
      losses[i] = o.loss();
      weights[i] = lossWeight(o.numTriples(), o.numBatches());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    TrainingManifest.RoundRecord record =
        new TrainingManifest.RoundRecord(
            round,
            epoch,
            names,
            triples,
            batches,
            weightedMean(losses, weights),
            seconds,
            taskSeconds);
    TrainingManifest next =
        manifest.withRound(committed, RunStorage.relationSlice(round), steps, record, seconds);
    if (endsEpoch) {
      double loss = epochLoss(next, epoch);
      next = next.withEpochEnd(loss, TrainingLoop.nextRngState(manifest.epochRngState()));
      LOG.log(System.Logger.Level.INFO, () -> "kge4j: epoch " + epoch + " loss " + loss);
    }
    return new Tuple3<>(next, merged, record);
  }

  /** A bucket's weight in an epoch loss: triples under mean reduction, batches under sum. */
  private double lossWeight(long numTriples, long numBatches) {
    return config.loss().build().reduction() == Reduction.MEAN ? numTriples : numBatches;
  }

  /**
   * The epoch's loss over its rounds, weighted as {@code TrainingLoop} weighs its batches (by size
   * under mean reduction, equally under sum), so one bucket gives the loop's own value.
   */
  private double epochLoss(TrainingManifest manifest, int epoch) {
    List<TrainingManifest.RoundRecord> rounds = new ArrayList<>();
    for (TrainingManifest.RoundRecord r : manifest.rounds()) {
      if (r.epoch() == epoch) {
        rounds.add(r);
      }
    }
    double[] losses = new double[rounds.size()];
    double[] weights = new double[rounds.size()];
    for (int i = 0; i < rounds.size(); i++) {
      losses[i] = rounds.get(i).loss();
      weights[i] = lossWeight(rounds.get(i).triples(), rounds.get(i).batches());
    }
    return weightedMean(losses, weights);
  }

  /** {@code Σ w·x / Σ w}; a single value is returned as it is. */
  static double weightedMean(double[] values, double[] weights) {
    if (values.length == 1) {
      return values[0];
    }
    double sum = 0;
    double total = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i] * weights[i];
      total += weights[i];
    }
    return sum / total;
  }

  /**
   * The merged relation table with the model's constraints applied to every relation row (RotatE's
   * unit modulus): the sum of several buckets' updates can leave the constraint set.
   */
  private TableSlice constrained(TableSlice relations) {
    Model model =
        SparkTrainingConfig.createModel(config, 1, relations.numRows(), config.randomSeed());
    Gradients touched = Gradients.of(model);
    for (int r = 0; r < relations.numRows(); r++) {
      model.relationEmbeddings().setRow(r, relations.row(r));
      touched.relations().touch(r);
    }
    model.applyConstraints(touched);
    float[] values = new float[relations.values().length];
    for (int r = 0; r < relations.numRows(); r++) {
      System.arraycopy(
          model.relationEmbeddings().row(r), 0, values, r * relations.width(), relations.width());
    }
    return new TableSlice(relations.numRows(), relations.width(), values, relations.state());
  }

  /** Deletes what neither the new nor the previous manifest references. */
  private void cleanUp(TrainingManifest previous, TrainingManifest current) {
    List<String> keep = new ArrayList<>(current.partitionSlices());
    keep.addAll(previous.partitionSlices());
    keep.add(current.relationSlice());
    keep.add(previous.relationSlice());
    keep.add(RunStorage.manifestFile(current.round()));
    keep.add(RunStorage.manifestFile(previous.round()));
    for (int k = 0; k < layout.numPartitions(); k++) {
      storage.deleteUnreferenced("slices/part-" + k, keep, current.round());
    }
    storage.deleteUnreferenced("slices/relations", keep, current.round());
    storage.deleteUnreferenced("manifests", keep, current.round());
  }
}
