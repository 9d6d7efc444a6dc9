package org.kge4j.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.kge4j.config.DatasetConfig;
import org.kge4j.config.LoadedDataset;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.model.Model;

/**
 * The one-call facade over training and evaluation, the counterpart of PyKEEN's {@code pipeline}:
 * configuration and dataset in, trained model and filtered test metrics out.
 *
 * <pre>{@code
 * PipelineResult result = Pipeline.builder(config)        // loads config.dataset()
 *     .listener(progressBar)
 *     .checkpoint(Path.of("out/checkpoint.kge4j"), 10)
 *     .numThreads(4)
 *     .build()
 *     .run();
 * double mrr = result.testMetrics().get("both.realistic.inverse_harmonic_mean_rank");
 * }</pre>
 *
 * <p>Steps: check that the splits it will evaluate hold triples, create the model with {@link
 * PipelineConfig#createModel} (seeded by {@code random_seed}), build the configured {@link
 * TrainingLoop}, optionally restore a checkpoint, train (validating on the validation split when
 * the stopper says so), write the final checkpoint, and evaluate on the testing split with {@link
 * RankBasedEvaluator} (filtered by training and validation triples). Everything that can be checked
 * before training is: a split that lost all its triples as unknown fails before the first epoch.
 */
public final class Pipeline {

  private final PipelineConfig config;
  private final Dataset dataset;
  private final TrainingListener listener;
  private final Path checkpointPath;
  private final int checkpointFrequency;
  private final Checkpoint resumeFrom;
  private final boolean evaluateTest;
  private final int numThreads;

  private Pipeline(Builder b) {
    this.config = b.config;
    this.dataset = b.dataset;
    this.listener = b.listener;
    this.checkpointPath = b.checkpointPath;
    this.checkpointFrequency = b.checkpointFrequency;
    this.resumeFrom = b.resumeFrom;
    this.evaluateTest = b.evaluateTest;
    this.numThreads = b.numThreads;
  }

  /**
   * Returns {@code numThreads}, checked to be at least 1: the one check of a worker-thread count
   * for training and for the HPO trials that train, so that they reject it in the same words.
   *
   * @throws IllegalArgumentException {@code numThreads must be >= 1, got <value>} if it is less
   */
  public static int checkNumThreads(int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be >= 1, got " + numThreads);
    }
    return numThreads;
  }

  /**
   * A pipeline for {@code config} on the dataset it names ({@link PipelineConfig#dataset()}); the
   * run's configuration (in its result and checkpoints) is {@code config} with the dataset as
   * resolved ({@link DatasetConfig#resolve()}: e.g. with a graph file's SHA-256).
   */
  public static Builder builder(PipelineConfig config) {
    LoadedDataset loaded = Objects.requireNonNull(config, "config").dataset().resolve();
    return builder(config.withDataset(loaded.config()), loaded.dataset());
  }

  /**
   * A pipeline for {@code config} on an already loaded {@code dataset}; {@code config.dataset()}
   * should name it, as checkpoints and results record that name.
   */
  public static Builder builder(PipelineConfig config, Dataset dataset) {
    return new Builder(
        Objects.requireNonNull(config, "config"), Objects.requireNonNull(dataset, "dataset"));
  }

  /**
   * A pipeline that continues the run saved in {@code checkpoint} with its stored configuration;
   * the result equals that of the uninterrupted run.
   *
   * @throws IllegalArgumentException if the file is not a valid checkpoint
   */
  public static Builder resume(Path checkpoint, Dataset dataset) {
    Checkpoint state = Checkpoint.read(checkpoint);
    Builder builder = builder(state.config(), dataset);
    builder.resumeFrom = state;
    return builder;
  }

  /**
   * Trains and evaluates.
   *
   * @throws NonFiniteLossException if training diverges
   * @throws IllegalArgumentException if the configuration does not fit the dataset, or a split to
   *     evaluate has no triples (before training starts)
   */
  public PipelineResult run() {
    if (evaluateTest) {
      requireTriples(dataset.testing(), "testing");
    }
    Model model = config.createModel(dataset.numEntities(), dataset.numRelations());
    TrainingLoop loop =
        TrainingLoop.create(config, model, dataset.training(), dataset.validation(), numThreads);
    if (resumeFrom != null) {
      loop.restore(resumeFrom);
    }
    TrainingResult training = loop.train(listener, checkpointPath, checkpointFrequency);
    if (!evaluateTest) {
      return new PipelineResult(dataset, training, null, 0.0);
    }
    long start = System.nanoTime();
    MetricResults test =
        config
            .evaluator()
            .build(numThreads, config.randomSeed())
            .evaluate(model, dataset.testing(), List.of(dataset.training(), dataset.validation()));
    return new PipelineResult(dataset, training, test, (System.nanoTime() - start) / 1e9);
  }

  private void requireTriples(TriplesFactory split, String name) {
    if (split.numTriples() == 0) {
      throw new IllegalArgumentException(
          "the "
              + name
              + " split of dataset "
              + dataset.name()
              + " has no triples to evaluate: all "
              + split.numDroppedTriples()
              + " were dropped because an entity or relation does not occur in training; it needs"
              + " at least 1");
    }
  }

  /** Options of a {@link Pipeline}. */
  public static final class Builder {
    private final PipelineConfig config;
    private final Dataset dataset;
    private TrainingListener listener = TrainingListener.NONE;
    private Path checkpointPath;
    private int checkpointFrequency;
    private Checkpoint resumeFrom;
    private boolean evaluateTest = true;
    private int numThreads = Runtime.getRuntime().availableProcessors();

    private Builder(PipelineConfig config, Dataset dataset) {
      this.config = config;
      this.dataset = dataset;
    }

    /** Progress callbacks; default none. */
    public Builder listener(TrainingListener value) {
      listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Writes checkpoints to {@code path} every {@code frequency} epochs (0 = only the final one);
     * default no checkpoints.
     */
    public Builder checkpoint(Path path, int frequency) {
      if (frequency < 0) {
        throw new IllegalArgumentException("checkpoint frequency must be >= 0, got " + frequency);
      }
      checkpointPath = Objects.requireNonNull(path, "path");
      checkpointFrequency = frequency;
      return this;
    }

    /**
     * Worker threads for training and evaluation, {@code >= 1}; default the available processors.
     * Results do not depend on it, so it is not part of the configuration.
     */
    public Builder numThreads(int value) {
      numThreads = checkNumThreads(value);
      return this;
    }

    /** Whether to evaluate on the testing split; default true. */
    public Builder evaluateTest(boolean value) {
      evaluateTest = value;
      return this;
    }

    /** The pipeline. */
    public Pipeline build() {
      return new Pipeline(this);
    }
  }
}
