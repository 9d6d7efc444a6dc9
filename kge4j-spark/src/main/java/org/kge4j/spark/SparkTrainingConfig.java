package org.kge4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.model.Model;
import org.kge4j.model.Models;
import org.kge4j.training.TrainingConfig;

/**
 * The one place where kge4j-spark builds and reads kge4j-train's configuration: the estimator's
 * parameters become a {@link TrainingConfig}; a bucket task gets the run's configuration with its
 * own seed, one epoch and the task's threads; the configuration travels to executors as strings;
 * models are created from it. Everything else in the module sees only the values these methods
 * return.
 */
final class SparkTrainingConfig {

  private SparkTrainingConfig() {}

  /** kge4j-train's defaults, the estimator's parameter defaults. */
  static TrainingConfig defaults() {
    return TrainingConfig.builder().numThreads(1).build();
  }

  /**
   * The run's configuration from the estimator's parameters. Validation and early stopping are off:
   * the estimator trains the configured epochs; evaluation is a separate step.
   *
   * @throws IllegalArgumentException naming the first invalid parameter (kge4j-train's checks)
   */
  static TrainingConfig of(KgeEstimator e) {
    return TrainingConfig.builder()
        .model(e.getModel())
        .dim(e.getDim())
        .scoringNorm(e.getScoringNorm())
        .regularizerWeight(e.optional(e.regularizerWeight()))
        .loop(e.getLoop())
        .negativeSampler(e.getNegativeSampler())
        .numNegsPerPos(e.getNumNegsPerPos())
        .filterNegatives(e.getFilterNegatives())
        .epochs(e.getEpochs())
        .batchSize(e.getBatchSize())
        .optimizer(e.getOptimizer())
        .learningRate(e.getLearningRate())
        .seed(e.getSeed())
        .positiveMargin(e.optional(e.positiveMargin()))
        .negativeMargin(e.optional(e.negativeMargin()))
        .offset(e.optional(e.offset()))
        .positiveNegativeBalance(e.getPositiveNegativeBalance())
        .marginActivation(e.optional(e.marginActivation()))
        .reduction(e.optional(e.reduction()))
        .distanceLimits(
            e.optional(e.positiveDistanceLimit()), e.optional(e.negativeDistanceLimit()))
        .labelSmoothing(e.optional(e.labelSmoothing()))
        .validationFrequency(0)
        .earlyStoppingPatience(0)
        .numThreads(1)
        .build();
  }

  /**
   * A bucket's configuration: one epoch over the bucket's triples, drawn from {@code seed} (the
   * first epoch of a {@code TrainingLoop} starts its random chain at the configured seed), with the
   * task's threads.
   */
  static TrainingConfig forBucket(TrainingConfig run, long seed, int threads) {
    return run.toBuilder().epochs(1).seed(seed).numThreads(threads).build();
  }

  /** The configuration as strings, as it travels to executors and into manifests. */
  static Map<String, String> toStrings(TrainingConfig config) {
    Map<String, String> strings = new LinkedHashMap<>();
    config.toMap().forEach((key, value) -> strings.put(key, String.valueOf(value)));
    return strings;
  }

  /** The configuration {@link #toStrings} wrote. */
  static TrainingConfig fromStrings(Map<String, String> strings) {
    return TrainingConfig.fromStrings(strings);
  }

  /** Whether two configurations describe the same run (the thread count does not matter). */
  static boolean sameRun(Map<String, String> a, Map<String, String> b) {
    Map<String, String> x = new LinkedHashMap<>(a);
    Map<String, String> y = new LinkedHashMap<>(b);
    x.remove("num_threads");
    y.remove("num_threads");
    return x.equals(y);
  }

  /** A model of the configured kind over {@code numEntities} and {@code numRelations}. */
  static Model createModel(TrainingConfig config, int numEntities, int numRelations, long seed) {
    return Models.create(
        config.model(),
        numEntities,
        numRelations,
        config.dim(),
        config.scoringNorm(),
        config.regularizerWeight(),
        new SplittableRandom(seed));
  }

  /**
   * The configuration under PyKEEN's keyword names plus the resolved loss, as the CLI's {@code
   * results.json} writes it.
   */
  static Map<String, Object> describe(TrainingConfig config) {
    Map<String, Object> map = new LinkedHashMap<>(config.toMap());
    DoubleMarginLoss loss = config.loss();
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("name", "DoubleMarginLoss");
    resolved.put("form", config.usesDistanceLimits() ? "distance_limits" : "margins");
    resolved.put("positive_margin", loss.positiveMargin());
    resolved.put("negative_margin", loss.negativeMargin());
    resolved.put("positive_weight", loss.positiveWeight());
    resolved.put("negative_weight", loss.negativeWeight());
    resolved.put("margin_activation", loss.marginActivation().name());
    resolved.put("reduction", loss.reduction().pykeenName());
    map.put("loss", resolved);
    return map;
  }
}
