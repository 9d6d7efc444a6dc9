package org.kge4j.training;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.Reduction;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Gradients;
import org.kge4j.model.LpRegularizer;
import org.kge4j.model.Model;
import org.kge4j.model.SparseGradient;
import org.kge4j.optim.Optimizer;

/**
 * The epoch loop shared by {@link SlcwaTrainingLoop} and {@link LcwaTrainingLoop}: seeded
 * shuffling, data-parallel batches, the optimizer step, the model's constraints, validation with
 * early stopping, checkpoints and listener callbacks.
 *
 * <p><b>Parallelism and determinism.</b> Every batch is cut into {@link #NUM_SHARDS} contiguous
 * shards (fewer for tiny batches), independent of the thread count, and every gradient row is
 * computed by exactly one shard in a fixed order (the loops' "owner computes" passes and the block
 * kernels' exactly specified chains). Threads only decide <em>when</em> a shard runs, never what it
 * computes, so a run gives bit-identical parameters with 1 or many threads.
 *
 * <p><b>Randomness.</b> Epoch {@code e} shuffles and samples with a {@link SplittableRandom} seeded
 * from a chain started at the configuration's seed; a checkpoint stores the chain's state at an
 * epoch boundary, which is what makes resuming bit-identical.
 *
 * <p><b>Regularization.</b> The model's {@link LpRegularizer} is applied per scoring call, like
 * PyKEEN: once per distinct head, relation and tail set of the positives and of the negatives
 * (sLCWA), or of the batch plus all entities (LCWA).
 */
public abstract sealed class TrainingLoop permits SlcwaTrainingLoop, LcwaTrainingLoop {

  /** Shards per batch: the unit of parallel work and of the deterministic reduction. */
  public static final int NUM_SHARDS = 8;

  private static final System.Logger LOG = System.getLogger(TrainingLoop.class.getName());
  private static final long RNG_CHAIN_INCREMENT = 0x9E3779B97F4A7C15L;

  final PipelineConfig config;
  private final int numThreads;
  final Model model;
  final TriplesFactory training;
  final DoubleMarginLoss loss;
  final Optimizer optimizer;
  private final TriplesFactory validation;
  final Gradients total;
  private final List<SparseGradient> totalParts;

  /** The model's regularizer, gathered per row for the loops' owner passes. */
  final LookupRegularizer regularizer;

  private int epochsCompleted;
  private long rngState;
  private final List<Double> losses = new ArrayList<>();
  private final List<ValidationRecord> validations = new ArrayList<>();
  private EarlyStoppingState earlyStopping;

  /**
   * Checks and binds what both loops share.
   *
   * @param kind the loop kind the subclass implements; {@code config} must name it
   */
  TrainingLoop(
      LoopKind kind,
      PipelineConfig config,
      Model model,
      TriplesFactory training,
      TriplesFactory validation,
      int numThreads) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.trainingLoop() != kind) {
      throw new IllegalArgumentException(
          getClass().getSimpleName()
              + " needs training_loop "
              + kind.pykeenName()
              + ", got "
              + config.trainingLoop().pykeenName());
    }
    this.numThreads = Pipeline.checkNumThreads(numThreads);
    this.model = Objects.requireNonNull(model, "model");
    this.training = Objects.requireNonNull(training, "training");
    int relationRows = (model.inverseRelations() ? 2 : 1) * training.numRelations();
    if (model.numEntities() != training.numEntities() || model.numRelations() != relationRows) {
      throw new IllegalArgumentException(
          "model has "
              + model.numEntities()
              + " entities and "
              + model.numRelations()
              + " relation rows, the training triples need "
              + training.numEntities()
              + " and "
              + relationRows);
    }
    if (training.numTriples() == 0) {
      throw new IllegalArgumentException("training needs at least one triple, got 0");
    }
    int frequency = config.stopper().frequency();
    if (frequency > 0 && (validation == null || validation.numTriples() == 0)) {
      throw new IllegalArgumentException(
          "stopper_kwargs.frequency "
              + frequency
              + " needs validation triples, got "
              + (validation == null
                  ? "none"
                  : "0 (" + validation.numDroppedTriples() + " dropped as unknown)")
              + "; set frequency 0 to train without validation");
    }
    this.validation = validation;
    this.loss = config.loss().build();
    this.optimizer =
        config.optimizer().create(List.of(model.entityEmbeddings(), model.relationEmbeddings()));
    this.total = Gradients.of(model);
    this.totalParts = List.of(total.entities(), total.relations());
    this.regularizer =
        new LookupRegularizer(
            model.regularizer(), model.numEntities(), model.numRelations(), model.dim());
    this.rngState = config.randomSeed();
    this.earlyStopping = EarlyStoppingState.initial(config.stopper().patience());
    warnIfMarginsCannotSeparate();
  }

  /**
   * Creates the loop the configuration names.
   *
   * @param validation validation triples, needed when {@code config.stopper().frequency() > 0}; may
   *     be null otherwise
   * @param numThreads worker threads, {@code >= 1}; results do not depend on it
   * @throws IllegalArgumentException if the model does not fit the triples or the configuration
   *     cannot run
   */
  public static TrainingLoop create(
      PipelineConfig config,
      Model model,
      TriplesFactory training,
      TriplesFactory validation,
      int numThreads) {
    return config.trainingLoop() == LoopKind.SLCWA
        ? new SlcwaTrainingLoop(config, model, training, validation, numThreads)
        : new LcwaTrainingLoop(config, model, training, validation, numThreads);
  }

  private void warnIfMarginsCannotSeparate() {
    Optional<String> conflict =
        model.scoreRange().marginConflict(loss.positiveMargin(), loss.negativeMargin());
    conflict.ifPresent(
        reason ->
            LOG.log(
                Level.WARNING,
                () ->
                    "DoubleMarginLoss(positive margin "
                        + loss.positiveMargin()
                        + ", negative margin "
                        + loss.negativeMargin()
                        + ") cannot separate "
                        + model.name()
                        + "'s scores: "
                        + reason
                        + "."
                        + (model.scoreRange().upper() <= 0
                            ? " For distance models use the distance-limit form,"
                                + " DoubleMarginLoss.fromDistanceLimits(gamma1, gamma2, mu1) (CLI: --distance-limits)."
                            : " Choose margins with positive_margin + negative_margin > 0.")));
  }

  /**
   * The random-number state of the epoch after one that started from {@code rngState}: the chain
   * that links the epochs of a run (the first epoch starts from the configuration's seed). Callers
   * that train a run's epochs in pieces (partitioned training, one loop per piece) follow the same
   * chain to draw what an uninterrupted loop would.
   */
  public static long nextRngState(long rngState) {
    return new SplittableRandom(rngState + RNG_CHAIN_INCREMENT).nextLong();
  }

  /** The model being trained. */
  public Model model() {
    return model;
  }

  /** The optimizer. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** Epochs completed so far. */
  public int epochsCompleted() {
    return epochsCompleted;
  }

  /** Number of training instances of an epoch (positives or 1-N rows). */
  abstract int numInstances();

  /** Training triples an epoch covers, for the throughput figure. */
  int triplesPerEpoch() {
    return training.numTriples();
  }

  /**
   * Forward pass, loss and backward pass of the batch's instances, leaving the summed gradient in
   * {@link #total} (cleared by the caller).
   *
   * @param random the epoch's generator, after the shuffle (the negative sampler draws from it)
   * @return the batch loss including regularization
   */
  abstract double processBatch(Batch batch, SplittableRandom random, Workers workers);

  /** Number of shards for a batch of {@code size} instances. */
  static int numShards(int size) {
    return Math.min(NUM_SHARDS, size);
  }

  /** First instance of shard {@code s} of a batch of {@code size}. */
  static int shardStart(int s, int size, int shards) {
    return (int) ((long) s * size / shards);
  }

  /** Throws {@link NonFiniteLossException} if one of {@code scores[0, n)} is NaN or infinite. */
  static void checkFinite(float[] scores, int n, String what, Batch batch) {
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(scores[i])) {
        throw batch.nonFinite(what + " score " + i + " is " + scores[i]);
      }
    }
  }

  /** Trains the remaining epochs without checkpoints. */
  public TrainingResult train(TrainingListener listener) {
    return train(listener, null, 0);
  }

  /**
   * Trains from the current epoch to the configured number of epochs, or until early stopping.
   *
   * @param listener progress callbacks
   * @param checkpointPath where to write checkpoints, or null for none; the final state is always
   *     written there when given
   * @param checkpointFrequency write a checkpoint every this many epochs (0 = only at the end)
   * @throws NonFiniteLossException if a score or the loss becomes NaN or infinite
   */
  public TrainingResult train(
      TrainingListener listener, Path checkpointPath, int checkpointFrequency) {
    Objects.requireNonNull(listener, "listener");
    if (checkpointFrequency < 0) {
      throw new IllegalArgumentException(
          "checkpoint frequency must be >= 0, got " + checkpointFrequency);
    }
    int n = numInstances();
    int batchSize = config.training().batchSize();
    int numEpochs = config.training().numEpochs();
    int frequency = config.stopper().frequency();
    int patience = config.stopper().patience();
    int numBatches = (n + batchSize - 1) / batchSize;
    int[] order = new int[n];
    double trainingSeconds = 0;
    int epochsRun = 0;
    // a run restored from the checkpoint of an early-stopped run stays stopped
    boolean stoppedEarly = patience > 0 && earlyStopping.remainingPatience() <= 0;
    listener.onTrainingStart(epochsCompleted + 1, numEpochs, numBatches);
    try (Workers workers = new Workers(numThreads)) {
      while (epochsCompleted < numEpochs && !stoppedEarly) {
        int epoch = epochsCompleted + 1;
        listener.onEpochStart(epoch);
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(rngState);
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int tmp = order[i];
          order[i] = order[j];
          order[j] = tmp;
        }
        double epochLoss = 0.0;
        for (int b = 0; b < numBatches; b++) {
          int from = b * batchSize;
          int to = Math.min(n, from + batchSize);
          total.clear();
          Batch batch = new Batch(order, from, to, epoch, b + 1, numBatches);
          double batchLoss = processBatch(batch, random, workers);
          if (!Double.isFinite(batchLoss)) {
            throw batch.nonFinite("the loss is " + batchLoss);
          }
          optimizer.step(totalParts);
          if (optimizer.updatesUntouchedRows()) {
            model.applyConstraints();
          } else {
            model.applyConstraints(total);
          }
          // PyKEEN: mean-reduced batch losses are weighted by their size, summed ones are not
          epochLoss += loss.reduction() == Reduction.MEAN ? batchLoss * (to - from) : batchLoss;
          double elapsed = (System.nanoTime() - start) / 1e9;
          listener.onBatchEnd(
              epoch,
              b + 1,
              numBatches,
              batchLoss,
              triplesPerEpoch() * ((double) to / n) / Math.max(elapsed, 1e-9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        trainingSeconds += seconds;
        epochsRun++;
        double meanLoss =
            loss.reduction() == Reduction.MEAN ? epochLoss / n : epochLoss / numBatches;
        losses.add(meanLoss);
        rngState = nextRngState(rngState);
        epochsCompleted = epoch;
        listener.onEpochEnd(
            new EpochStats(epoch, meanLoss, seconds, triplesPerEpoch() / Math.max(seconds, 1e-9)));
        if (frequency > 0 && epoch % frequency == 0) {
          stoppedEarly = validate(epoch, listener);
        }
        if (checkpointPath != null
            && checkpointFrequency > 0
            && epoch % checkpointFrequency == 0
            && epochsCompleted < numEpochs
            && !stoppedEarly) {
          checkpoint().write(checkpointPath);
        }
      }
    }
    if (stoppedEarly && epochsRun > 0 && earlyStopping.bestEntityEmbeddings() != null) {
      // PyKEEN's early stopper reloads the weights of the best epoch
      model.entityEmbeddings().copyFrom(earlyStopping.bestEntityEmbeddings());
      model.relationEmbeddings().copyFrom(earlyStopping.bestRelationEmbeddings());
    }
    if (checkpointPath != null) {
      checkpoint().write(checkpointPath);
    }
    double triplesPerSecond =
        epochsRun == 0
            ? 0.0
            : (double) triplesPerEpoch() * epochsRun / Math.max(trainingSeconds, 1e-9);
    return new TrainingResult(
        model,
        config,
        losses,
        validations,
        epochsCompleted,
        stoppedEarly,
        earlyStopping.bestEpoch(),
        trainingSeconds,
        triplesPerSecond);
  }

  /** Evaluates on the validation split; returns whether early stopping ends training. */
  private boolean validate(int epoch, TrainingListener listener) {
    MetricResults metrics =
        config
            .evaluator()
            .build(numThreads, config.randomSeed())
            .evaluate(model, validation, List.of(training));
    ValidationRecord record = new ValidationRecord(epoch, metrics);
    validations.add(record);
    double value = record.meanReciprocalRank();
    // PyKEEN's is_improvement for larger-is-better metrics
    int patience = config.stopper().patience();
    EarlyStoppingState state = earlyStopping;
    EmbeddingTable bestEntities = state.bestEntityEmbeddings();
    EmbeddingTable bestRelations = state.bestRelationEmbeddings();
    boolean improved = value > (1.0 + config.stopper().relativeDelta()) * state.bestMetric();
    if (improved) {
      if (patience > 0) {
        bestEntities = snapshot(bestEntities, model.entityEmbeddings());
        bestRelations = snapshot(bestRelations, model.relationEmbeddings());
      }
      earlyStopping = new EarlyStoppingState(value, epoch, patience, bestEntities, bestRelations);
    } else {
      earlyStopping =
          new EarlyStoppingState(
              state.bestMetric(),
              state.bestEpoch(),
              state.remainingPatience() - 1,
              bestEntities,
              bestRelations);
    }
    listener.onValidation(record, improved);
    return patience > 0 && earlyStopping.remainingPatience() <= 0;
  }

  /** {@code target} (a new table like {@code source} when null) holding {@code source}'s values. */
  private static EmbeddingTable snapshot(EmbeddingTable target, EmbeddingTable source) {
    EmbeddingTable copy = target == null ? source.zerosLike(source.name()) : target;
    copy.copyFrom(source);
    return copy;
  }

  /**
   * The complete training state at the current epoch boundary. It holds the live tables and
   * optimizer, so that {@link Checkpoint#write} streams them without a copy; write it before
   * training continues.
   */
  public Checkpoint checkpoint() {
    return new Checkpoint(
        config,
        epochsCompleted,
        rngState,
        losses,
        validations,
        earlyStopping,
        model.name(),
        model.entityEmbeddings(),
        model.relationEmbeddings(),
        Checkpoint.OptimizerState.of(optimizer));
  }

  /**
   * Restores the state of {@code checkpoint} into this loop, its model and its optimizer, so that
   * {@link #train} continues exactly where the checkpointed run was.
   *
   * @throws IllegalArgumentException if the checkpoint belongs to another model or configuration
   */
  public void restore(Checkpoint checkpoint) {
    if (!checkpoint.config().equals(config)) {
      throw new IllegalArgumentException(
          "checkpoint configuration "
              + checkpoint.config().toPipelineMap().get("pipeline")
              + " differs from this run's "
              + config.toPipelineMap().get("pipeline"));
    }
    if (!checkpoint.modelName().equals(model.name())) {
      throw new IllegalArgumentException(
          "checkpoint holds a "
              + checkpoint.modelName()
              + " model, this run trains "
              + model.name());
    }
    model.entityEmbeddings().copyFrom(checkpoint.entityEmbeddings());
    model.relationEmbeddings().copyFrom(checkpoint.relationEmbeddings());
    checkpoint.optimizerState().restoreInto(optimizer);
    epochsCompleted = checkpoint.epochsCompleted();
    rngState = checkpoint.rngState();
    losses.clear();
    losses.addAll(checkpoint.losses());
    validations.clear();
    validations.addAll(checkpoint.validations());
    earlyStopping = checkpoint.earlyStopping();
  }
}
