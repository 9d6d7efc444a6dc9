package org.kge4j.hpo.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kge4j.config.PipelineConfig;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.Study;

/**
 * The runnable configuration of a study's best trial, as PyKEEN's {@code HpoPipelineResult} writes
 * {@code best_pipeline/pipeline_config.json}: the search space's explicit values with the best
 * trial's parameters, and metadata naming the trial, its value and the metric.
 *
 * <p><b>Early stopping.</b> When early stopping ended the best trial, {@code num_epochs} becomes
 * the trial's {@value KgeObjective#BEST_EPOCH} (not, as in PyKEEN, the epoch training stopped at):
 * kge4j's early stopper restores the best epoch's weights, so the trial's value belongs to the
 * model after that many epochs, and since an epoch's randomness does not depend on {@code
 * num_epochs}, training exactly that many epochs gives the same model bit for bit. The {@code
 * early} stopper is replaced by {@code nop} with the same {@code frequency} (PyKEEN removes the
 * stopper): the re-run still validates, and its last epoch is a validation epoch. Metadata comments
 * say what changed.
 *
 * @param trial the best complete trial
 * @param config the configuration that re-trains its model
 * @param metadata {@code best_trial_number}, {@code best_trial_evaluation}, {@code metric} and,
 *     when early stopping changed the configuration, {@code _stopper_comment}
 */
public record BestPipeline(FrozenTrial trial, PipelineConfig config, Map<String, Object> metadata) {

  /** Copies the metadata. */
  public BestPipeline {
    Objects.requireNonNull(trial, "trial");
    Objects.requireNonNull(config, "config");
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * The best complete trial's pipeline, if the study has a complete trial.
   *
   * @throws IllegalArgumentException if the trial's parameters are not those of {@code space}
   */
  public static Optional<BestPipeline> of(
      Study study, KgeSearchSpace space, ObjectiveMetric metric) {
    return study.bestTrial().map(best -> of(best, space, metric));
  }

  /** The pipeline of {@code best}, a complete trial of a study over {@code space}. */
  public static BestPipeline of(FrozenTrial best, KgeSearchSpace space, ObjectiveMetric metric) {
    PipelineConfig config = space.configure(space.kwargsOf(best.params()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("best_trial_number", best.number());
    metadata.put("best_trial_evaluation", best.value().orElseThrow());
    metadata.put("metric", metric.key());
    String bestEpoch = best.userAttributes().get(KgeObjective.BEST_EPOCH);
    if (bestEpoch != null) {
      int epochs = Integer.parseInt(bestEpoch);
      metadata.put(
          "_stopper_comment",
          "While the original config had "
              + config.training().numEpochs()
              + " epochs, early stopping ended training after epoch "
              + best.userAttributes().get(KgeObjective.STOPPED_EPOCH)
              + " and restored epoch "
              + epochs
              + ", whose model the trial's value belongs to; num_epochs is now "
              + epochs
              + ", which retrains that model");
      config = config.toBuilder().numEpochs(epochs).build();
    }
    int frequency = config.stopper().frequency();
    int epochs = config.training().numEpochs();
    // validate the last epoch too, whose model the value belongs to; training is unchanged
    int validateEvery = frequency > 0 ? gcd(frequency, epochs) : 0;
    if (config.stopper().name().equals("early")) {
      metadata.put(
          "_stopper_removed_comment",
          "stopper early "
              + config.stopper().kwargs()
              + " replaced by nop validating every "
              + validateEvery
              + " epochs");
    }
    if (config.stopper().name().equals("early") || validateEvery != frequency) {
      config = config.toBuilder().validationFrequency(validateEvery).build();
    }
    return new BestPipeline(best, config, metadata);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /**
   * The pipeline document {@code {"metadata": {...}, "pipeline": {...}}} with {@link #metadata()}
   * and {@code extra} (e.g. a title and kge4j's version).
   */
  public Map<String, Object> toPipelineMap(Map<String, ?> extra) {
    Map<String, Object> all = new LinkedHashMap<>(extra);
    all.putAll(metadata);
    return config.toPipelineMap(all);
  }
}
