package org.kge4j.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.model.Model;
import org.kge4j.model.Models;

/**
 * The one-call facade over training and evaluation, the counterpart of PyKEEN's {@code pipeline}:
 * configuration and dataset in, trained model and filtered test metrics out.
 *
 * <pre>{@code
 * PipelineResult result = Pipeline.builder(config, Datasets.embedded())
 *     .listener(progressBar)
 *     .checkpoint(Path.of("out/checkpoint.bin"), 10)
 *     .build()
 *     .run();
 * double mrr = result.testMetrics().get("both.realistic.inverse_harmonic_mean_rank");
 * }</pre>
 *
 * <p>Steps: create the model with {@link Models#create} seeded by {@code config.seed()}, build the
 * configured {@link TrainingLoop}, optionally restore a checkpoint, train (validating on the
 * validation split when configured), write the final checkpoint, and evaluate on the testing split
 * with {@link RankBasedEvaluator} (filtered by training and validation triples).
 */
public final class Pipeline {

  private final TrainingConfig config;
  private final Dataset dataset;
  private final TrainingListener listener;
  private final Path checkpointPath;
  private final int checkpointFrequency;
  private final Checkpoint resumeFrom;
  private final boolean evaluateTest;

  private Pipeline(Builder b) {
    this.config = b.config;
    this.dataset = b.dataset;
    this.listener = b.listener;
    this.checkpointPath = b.checkpointPath;
    this.checkpointFrequency = b.checkpointFrequency;
    this.resumeFrom = b.resumeFrom;
    this.evaluateTest = b.evaluateTest;
  }

  /** A pipeline for {@code config} on {@code dataset}. */
  public static Builder builder(TrainingConfig config, Dataset dataset) {
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

  /** Creates the configured model, randomly initialised from {@code config.seed()}. */
  public static Model createModel(TrainingConfig config, Dataset dataset) {
    return Models.create(
        config.model(),
        dataset.numEntities(),
        dataset.numRelations(),
        config.dim(),
        config.scoringNorm(),
        config.regularizerWeight(),
        new SplittableRandom(config.seed()));
  }

  /**
   * Trains and evaluates.
   *
   * @throws NonFiniteLossException if training diverges
   * @throws IllegalArgumentException if the configuration does not fit the dataset
   */
  public PipelineResult run() {
    Model model = createModel(config, dataset);
    TrainingLoop loop =
        TrainingLoop.create(config, model, dataset.training(), dataset.validation());
    if (resumeFrom != null) {
      loop.restore(resumeFrom);
    }
    TrainingResult training = loop.train(listener, checkpointPath, checkpointFrequency);
    if (!evaluateTest) {
      return new PipelineResult(dataset, training, null, 0.0);
    }
    long start = System.nanoTime();
    MetricResults test =
        RankBasedEvaluator.builder()
            .numThreads(config.numThreads())
            .build()
            .evaluate(model, dataset.testing(), List.of(dataset.training(), dataset.validation()));
    return new PipelineResult(dataset, training, test, (System.nanoTime() - start) / 1e9);
  }

  /** Options of a {@link Pipeline}. */
  public static final class Builder {
    private TrainingConfig config;
    private final Dataset dataset;
    private TrainingListener listener = TrainingListener.NONE;
    private Path checkpointPath;
    private int checkpointFrequency;
    private Checkpoint resumeFrom;
    private boolean evaluateTest = true;

    private Builder(TrainingConfig config, Dataset dataset) {
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

    /** Worker threads, overriding the configuration's (results do not change). */
    public Builder numThreads(int value) {
      config = config.toBuilder().numThreads(value).build();
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
