package org.kge4j.hpo.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.training.Pipeline;
import org.kge4j.training.PipelineResult;
import org.kge4j.training.TrainingListener;

/**
 * Re-trains a configuration with several seeds and evaluates each model on the testing split
 * (PyKEEN's {@code replicate_best_pipeline}): the honest estimate of a study's best configuration,
 * the only place where a study reads the test triples, after the search.
 */
public final class Replicates {

  private Replicates() {}

  /**
   * One re-trained model.
   *
   * @param seed its {@code random_seed}
   * @param test its filtered test metrics
   * @param result the whole pipeline result
   */
  public record Replicate(long seed, MetricResults test, PipelineResult result) {}

  /**
   * The mean and sample standard deviation of one metric over replicates.
   *
   * @param metric the metric's name
   * @param values its value per replicate, in seed order
   * @param mean the mean
   * @param std the sample standard deviation ({@code n − 1} in the denominator; 0 for one value)
   */
  public record Summary(String metric, List<Double> values, double mean, double std) {

    /** Copies the values. */
    public Summary {
      values = List.copyOf(values);
    }

    /** The summary of {@code metric} over {@code replicates}. */
    public static Summary of(List<Replicate> replicates, String metric) {
      List<Double> values = new ArrayList<>();
      for (Replicate r : replicates) {
        values.add(r.test().get(metric));
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a summary needs at least one replicate");
      }
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      double std = values.size() < 2 ? 0.0 : Math.sqrt(squares / (values.size() - 1));
      return new Summary(metric, values, mean, std);
    }
  }

  /**
   * Trains {@code config} once per seed on {@code dataset} (all three splits) and evaluates on its
   * testing split.
   *
   * @param listener progress of each training
   */
  public static List<Replicate> run(
      PipelineConfig config,
      Dataset dataset,
      List<Long> seeds,
      int numThreads,
      TrainingListener listener) {
    Objects.requireNonNull(config, "config");
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("replicates need at least one seed");
    }
    List<Replicate> replicates = new ArrayList<>();
    for (long seed : seeds) {
      PipelineConfig seeded = config.toBuilder().randomSeed(seed).build();
      PipelineResult result =
          Pipeline.builder(seeded, dataset).numThreads(numThreads).listener(listener).build().run();
      replicates.add(new Replicate(seed, result.test().orElseThrow(), result));
    }
    return Collections.unmodifiableList(replicates);
  }
}
