package org.kge4j.hpo.pipeline;

import java.util.List;
import java.util.Objects;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.hpo.study.GridSampler;
import org.kge4j.hpo.study.Objective;
import org.kge4j.hpo.study.Trial;
import org.kge4j.hpo.study.TrialPrunedException;
import org.kge4j.training.EpochStats;
import org.kge4j.training.Pipeline;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.TrainingResult;
import org.kge4j.training.ValidationRecord;

/**
 * The objective of a KGE study (PyKEEN's {@code hpo_pipeline} objective): a trial's keyword
 * arguments from a {@link KgeSearchSpace}, trained with {@link org.kge4j.training.Pipeline}, scored
 * by a validation metric ({@link ObjectiveMetric}, default the filtered MRR).
 *
 * <ol>
 *   <li>Draw the keyword arguments ({@link KgeSearchSpace#suggest}) and configure; a sample that
 *       does not configure is not trained: {@link InvalidSampleException}, a failed trial with the
 *       configuration's message.
 *   <li>Train on the dataset <em>without its testing split</em>: the objective holds the dataset
 *       with the testing split replaced by an empty one, so no part of the search can read the test
 *       triples (validation is filtered with the training triples, as during training).
 *   <li>At every validation of the stopper (every {@code stopper_kwargs.frequency} epochs; the
 *       configuration must validate), report the metric as the trial's intermediate value with the
 *       epoch as step, and end the trial as pruned when the study's pruner says so: epochs are the
 *       pruners' resource.
 *   <li>The trial's value is the metric of the trained model: when early stopping ended training,
 *       the model of the best epoch, which kge4j's stopper restores (user attributes {@value
 *       #STOPPED_EPOCH}, the epoch training stopped at, and {@value #BEST_EPOCH}); otherwise the
 *       model after the last epoch, validated once more (and reported) if that epoch was not a
 *       validation epoch. The final validation metrics are stored as user attributes {@code
 *       validation.<metric>}.
 * </ol>
 *
 * A non-finite loss ({@link org.kge4j.training.NonFiniteLossException}), an {@link
 * OutOfMemoryError} or any other exception fails the trial with its message, and the study goes on
 * (the {@link org.kge4j.hpo.study.Study} records it). Equal samples train bit-identical models:
 * every trial uses the configuration's {@code random_seed}.
 */
public final class KgeObjective implements Objective {

  /**
   * User attribute: the epoch early stopping ended training at (PyKEEN's {@code stopped_epoch}).
   */
  public static final String STOPPED_EPOCH = "stopped_epoch";

  /** User attribute: the epoch whose model early stopping restored and the value belongs to. */
  public static final String BEST_EPOCH = "best_epoch";

  /** User attribute: the trial's {@code random_seed}. */
  public static final String RANDOM_SEED = "random_seed";

  /** Prefix of the user attributes holding the final validation metrics. */
  public static final String VALIDATION_PREFIX = "validation.";

  private final KgeSearchSpace space;
  private final Dataset searchData;
  private final ObjectiveMetric metric;
  private final TrialTrainer trainer;
  private final boolean orderedSampling;
  private final TrainingListener progress;
  private final int numThreads;

  private KgeObjective(Builder b) {
    this.space = b.space;
    this.searchData = withoutTesting(b.dataset);
    this.metric = b.metric;
    this.trainer = b.trainer == null ? TrialTrainer.pipeline(b.numThreads) : b.trainer;
    this.orderedSampling = b.orderedSampling;
    this.progress = b.progress;
    this.numThreads = b.numThreads;
  }

  /**
   * An objective searching {@code space} on {@code dataset}.
   *
   * @throws IllegalArgumentException if the space's configuration never validates ({@code
   *     stopper_kwargs.frequency} 0) or the validation split has no triples
   */
  public static Builder builder(KgeSearchSpace space, Dataset dataset) {
    return new Builder(space, dataset);
  }

  /** {@code dataset} with an empty testing split in the same id space: what the search sees. */
  static Dataset withoutTesting(Dataset dataset) {
    TriplesFactory none =
        TriplesFactory.fromLabeledTriples(
            List.of(), dataset.training(), "testing split (withheld during the search)");
    return new Dataset(dataset.name(), dataset.training(), dataset.validation(), none);
  }

  /** The dataset the trials train and validate on: its testing split is empty. */
  public Dataset searchData() {
    return searchData;
  }

  /** The search space. */
  public KgeSearchSpace space() {
    return space;
  }

  /** The metric. */
  public ObjectiveMetric metric() {
    return metric;
  }

  @Override
  public double evaluate(Trial trial) {
    PipelineConfig config;
    try {
      config = space.configure(space.suggest(trial::suggest, orderedSampling));
    } catch (IllegalArgumentException e) {
      throw new InvalidSampleException(e.getMessage(), e);
    }
    trial.setUserAttribute(RANDOM_SEED, Long.toString(config.randomSeed()));
    TrainingResult result = trainer.train(config, searchData, new Reporter(trial));
    MetricResults last;
    if (result.stoppedEarly()) {
      trial.setUserAttribute(STOPPED_EPOCH, Integer.toString(result.epochsCompleted()));
      trial.setUserAttribute(BEST_EPOCH, Integer.toString(result.bestEpoch()));
      last =
          result.validations().stream()
              .filter(v -> v.epoch() == result.bestEpoch())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "early stopping restored epoch "
                              + result.bestEpoch()
                              + ", which was not validated"))
              .metrics();
    } else {
      List<ValidationRecord> validations = result.validations();
      ValidationRecord lastRecord =
          validations.isEmpty() ? null : validations.get(validations.size() - 1);
      if (lastRecord != null && lastRecord.epoch() == result.epochsCompleted()) {
        last = lastRecord.metrics();
      } else {
        last =
            RankBasedEvaluator.builder()
                .numThreads(numThreads)
                .build()
                .evaluate(result.model(), searchData.validation(), List.of(searchData.training()));
        trial.report(result.epochsCompleted(), last.get(metric.key()));
      }
    }
    for (String key : ObjectiveMetric.REPORTED) {
      trial.setUserAttribute(VALIDATION_PREFIX + key, Double.toString(last.get(key)));
    }
    return last.get(metric.key());
  }

  /** Reports each validation to the trial and prunes when the pruner says so. */
  private final class Reporter implements TrainingListener {
    private final Trial trial;

    Reporter(Trial trial) {
      this.trial = trial;
    }

    @Override
    public void onTrainingStart(int firstEpoch, int numEpochs, int batchesPerEpoch) {
      progress.onTrainingStart(firstEpoch, numEpochs, batchesPerEpoch);
    }

    @Override
    public void onEpochStart(int epoch) {
      progress.onEpochStart(epoch);
    }

    @Override
    public void onBatchEnd(
        int epoch, int batch, int numBatches, double loss, double triplesPerSecond) {
      progress.onBatchEnd(epoch, batch, numBatches, loss, triplesPerSecond);
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
      progress.onEpochEnd(stats);
    }

    @Override
    public void onValidation(ValidationRecord record, boolean improved) {
      progress.onValidation(record, improved);
      double value = record.metrics().get(metric.key());
      trial.report(record.epoch(), value);
      if (trial.shouldPrune()) {
        throw new TrialPrunedException(
            "pruned after epoch " + record.epoch() + " with " + metric.key() + " " + value);
      }
    }
  }

  /** Options of a {@link KgeObjective}. */
  public static final class Builder {
    private final KgeSearchSpace space;
    private final Dataset dataset;
    private ObjectiveMetric metric = ObjectiveMetric.MRR;
    private TrialTrainer trainer;
    private boolean orderedSampling = true;
    private TrainingListener progress = TrainingListener.NONE;
    private int numThreads = Runtime.getRuntime().availableProcessors();

    private Builder(KgeSearchSpace space, Dataset dataset) {
      this.space = Objects.requireNonNull(space, "space");
      this.dataset = Objects.requireNonNull(dataset, "dataset");
      int frequency = space.base().stopper().frequency();
      if (frequency < 1) {
        throw new IllegalArgumentException(
            "the objective reports the validation metric at every evaluation, so"
                + " stopper_kwargs.frequency must be >= 1, got "
                + frequency);
      }
      if (dataset.validation().numTriples() == 0) {
        throw new IllegalArgumentException(
            "the objective is a validation metric, but the validation split of "
                + dataset.name()
                + " has no triples");
      }
    }

    /** The validation metric (default the filtered MRR). */
    public Builder metric(ObjectiveMetric value) {
      metric = Objects.requireNonNull(value, "metric");
      return this;
    }

    /** How trials are trained (default {@link TrialTrainer#pipeline} with {@link #numThreads}). */
    public Builder trainer(TrialTrainer value) {
      trainer = Objects.requireNonNull(value, "trainer");
      return this;
    }

    /**
     * Whether the margin pairs are drawn in order with trial-dependent ranges (default true); false
     * for a {@link GridSampler}, whose points are fixed, so that an unordered grid point becomes an
     * invalid sample.
     */
    public Builder orderedSampling(boolean value) {
      orderedSampling = value;
      return this;
    }

    /** Progress callbacks of every trial's training (default none). */
    public Builder listener(TrainingListener value) {
      progress = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** Threads for training and validation, {@code >= 1} (default all processors). */
    public Builder numThreads(int value) {
      numThreads = Pipeline.checkNumThreads(value);
      return this;
    }

    /** The objective. */
    public KgeObjective build() {
      return new KgeObjective(this);
    }
  }
}
