package org.kge4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kge4j.config.DatasetConfig;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.model.Model;

/**
 * The one place where kge4j-spark builds and reads kge4j-train's {@link PipelineConfig}: the
 * estimator's parameters become a configuration; a bucket task gets the run's configuration with
 * its own seed and one epoch; the configuration travels to executors and into manifests as its
 * pipeline map; models are created from it. Everything else in the module sees only the values
 * these methods return.
 */
final class SparkTrainingConfig {

  /** The dataset every Spark run's configuration names: its data is the DataFrame given to fit. */
  static final String DATAFRAME = "dataframe";

  private SparkTrainingConfig() {}

  /**
   * The run's configuration from the estimator's parameters, on the {@link #DATAFRAME} dataset.
   * Validation and early stopping are off: the estimator trains the configured epochs; evaluation
   * is a separate step. The negative sampler's parameters go to sLCWA only (LCWA has none), unless
   * they were set explicitly, when the configuration's own check names them.
   *
   * @throws IllegalArgumentException naming the first invalid key and value (kge4j-train's checks)
   */
  static PipelineConfig of(KgeEstimator e) {
    PipelineConfig.Builder builder =
        PipelineConfig.builder()
            .dataset(DATAFRAME)
            .model(e.getModel())
            .embeddingDim(e.getDim())
            .regularizerWeight(e.optional(e.regularizerWeight()))
            .trainingLoop(e.getLoop())
            .numEpochs(e.getEpochs())
            .batchSize(e.getBatchSize())
            .optimizer(e.getOptimizer())
            .learningRate(e.getLearningRate())
            .randomSeed(e.getSeed())
            .positiveMargin(e.optional(e.positiveMargin()))
            .negativeMargin(e.optional(e.negativeMargin()))
            .offset(e.optional(e.offset()))
            .positiveNegativeBalance(e.getPositiveNegativeBalance())
            .marginActivation(e.optional(e.marginActivation()))
            .reduction(e.optional(e.reduction()))
            .labelSmoothing(e.optional(e.labelSmoothing()))
            .validationFrequency(0);
    if (e.isSet(e.scoringNorm())) {
      builder.scoringFctNorm(e.getScoringNorm());
    }
    builder.kwarg("model_kwargs", "entity_initializer", e.optional(e.entityInitializer()));
    builder.kwarg("model_kwargs", "relation_initializer", e.optional(e.relationInitializer()));
    // each limit on its own: the loss configuration names a missing partner
    builder.kwarg("loss_kwargs", "positive_distance_limit", e.optional(e.positiveDistanceLimit()));
    builder.kwarg("loss_kwargs", "negative_distance_limit", e.optional(e.negativeDistanceLimit()));
    boolean slcwa = LoopKind.of(e.getLoop()) == LoopKind.SLCWA;
    if (slcwa || e.isSet(e.negativeSampler())) {
      builder.negativeSampler(e.getNegativeSampler());
    }
    if (slcwa || e.isSet(e.numNegsPerPos())) {
      builder.numNegsPerPos(e.getNumNegsPerPos());
    }
    if (slcwa || e.isSet(e.filterNegatives())) {
      builder.filtered(e.getFilterNegatives());
    }
    return builder.build();
  }

  /**
   * The run's configuration on the dataset at {@code location}, as an exported checkpoint holds it.
   */
  static PipelineConfig onDataset(PipelineConfig config, String location) {
    return config.withDataset(new DatasetConfig(location));
  }

  /**
   * A bucket's configuration: one epoch over the bucket's triples, drawn from {@code seed} (the
   * first epoch of a {@code TrainingLoop} starts its random chain at the configured seed).
   */
  static PipelineConfig forBucket(PipelineConfig run, long seed) {
    return run.toBuilder().numEpochs(1).randomSeed(seed).build();
  }

  /**
   * The pipeline map of the configuration ({@code "pipeline"} of {@link
   * PipelineConfig#toPipelineMap()}): plain, serializable maps, as the configuration travels to
   * executors and into manifests.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(PipelineConfig config) {
    return new LinkedHashMap<>((Map<String, Object>) config.toPipelineMap().get("pipeline"));
  }

  /** The configuration {@link #toMap} wrote (also after a JSON round trip). */
  static PipelineConfig fromMap(Map<String, ?> pipeline) {
    return PipelineConfig.fromPipelineMap(Map.of("pipeline", pipeline));
  }

  /** Whether two pipeline maps (e.g. one read back from JSON) describe the same run. */
  static boolean sameRun(Map<String, ?> a, Map<String, ?> b) {
    return fromMap(a).equals(fromMap(b));
  }

  /**
   * A model of the configured kind over {@code numEntities} and {@code numRelations}, initialised
   * from {@code seed} as single-machine kge4j initialises a model of the configuration with that
   * seed.
   */
  static Model createModel(PipelineConfig config, int numEntities, int numRelations, long seed) {
    PipelineConfig seeded =
        seed == config.randomSeed() ? config : config.toBuilder().randomSeed(seed).build();
    return seeded.createModel(numEntities, numRelations);
  }
}
