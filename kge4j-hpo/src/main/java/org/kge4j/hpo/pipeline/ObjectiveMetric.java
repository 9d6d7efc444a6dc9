package org.kge4j.hpo.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.hpo.study.StudyDirection;

/**
 * The validation metric a KGE study optimises, by PyKEEN's name {@code <side>.<rank type>.<metric>}
 * (the keys of {@link RankBasedEvaluator}'s results), and its direction. Short forms resolve as
 * PyKEEN's metric lookup does, with side {@code both} and rank type {@code realistic}: {@code mrr},
 * {@code mean_reciprocal_rank} and {@code inverse_harmonic_mean_rank} are {@code
 * both.realistic.inverse_harmonic_mean_rank}; {@code hits@10} and {@code hits_at_10} are {@code
 * both.realistic.hits_at_10}; {@code mr} and {@code mean_rank} are {@code
 * both.realistic.arithmetic_mean_rank}. Ranks ({@code arithmetic_mean_rank}, {@code median_rank},
 * {@code adjusted_arithmetic_mean_rank}) are minimised, everything else maximised.
 *
 * @param key the full metric name, e.g. {@code both.realistic.inverse_harmonic_mean_rank}
 */
public record ObjectiveMetric(String key) {

  /** The metrics of {@link RankBasedEvaluator} (with its default cut-offs 1, 3, 5, 10). */
  public static final List<String> METRICS =
      RankBasedEvaluator.metricNames(RankBasedEvaluator.DEFAULT_KS);

  /**
   * The full names of the metrics a study reports besides its objective: the MRR, hits@1, @3, @10
   * and the mean rank, of both sides with realistic ranks. Every trial keeps their final validation
   * values ({@link KgeObjective}), and a replicate table has a column for each.
   */
  public static final List<String> REPORTED =
      List.of(
          "both.realistic.inverse_harmonic_mean_rank",
          "both.realistic.hits_at_1",
          "both.realistic.hits_at_3",
          "both.realistic.hits_at_10",
          "both.realistic.arithmetic_mean_rank");

  private static final List<String> MINIMISED =
      List.of("arithmetic_mean_rank", "median_rank", "adjusted_arithmetic_mean_rank");
  private static final Pattern HITS = Pattern.compile("hits(?:@|_at_)(\\d+)");

  // after METRICS, which the constructor reads
  /** The default: the filtered MRR, {@code both.realistic.inverse_harmonic_mean_rank}. */
  public static final ObjectiveMetric MRR =
      new ObjectiveMetric("both.realistic.inverse_harmonic_mean_rank");

  /**
   * Checks the name is one of the evaluator's metrics.
   *
   * @throws IllegalArgumentException naming the value and the valid names
   */
  public ObjectiveMetric {
    Objects.requireNonNull(key, "key");
    String[] parts = key.split("\\.", -1);
    if (parts.length != 3
        || !RankBasedEvaluator.SIDES.contains(parts[0])
        || !RankBasedEvaluator.RANK_TYPES.contains(parts[1])
        || !METRICS.contains(parts[2])) {
      throw new IllegalArgumentException(
          "metric must be <side>.<rank type>.<metric> with side one of "
              + RankBasedEvaluator.SIDES
              + ", rank type one of "
              + RankBasedEvaluator.RANK_TYPES
              + " and metric one of "
              + METRICS
              + ", or a short form (mrr, hits@10, mr, ...), got '"
              + key
              + "'");
    }
  }

  /**
   * The metric of a full or short name ({@code mrr}, {@code hits@10}, {@code
   * tail.optimistic.hits_at_3}, ...), case-insensitive.
   *
   * @throws IllegalArgumentException for an unknown name, listing the valid ones
   */
  public static ObjectiveMetric of(String name) {
    String n = Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT);
    List<String> prefix = new ArrayList<>(List.of("both", "realistic"));
    String[] parts = n.split("\\.");
    if (parts.length == 3) {
      prefix = List.of(parts[0], parts[1]);
      n = parts[2];
    }
    Matcher hits = HITS.matcher(n);
    String metric =
        switch (n) {
          case "mrr", "mean_reciprocal_rank", "inverse_harmonic_mean_rank" ->
              "inverse_harmonic_mean_rank";
          case "mr", "mean_rank", "arithmetic_mean_rank" -> "arithmetic_mean_rank";
          default -> hits.matches() ? "hits_at_" + hits.group(1) : n;
        };
    return new ObjectiveMetric(prefix.get(0) + "." + prefix.get(1) + "." + metric);
  }

  /** Minimise ranks, maximise the rest. */
  public StudyDirection direction() {
    return MINIMISED.contains(key.substring(key.lastIndexOf('.') + 1))
        ? StudyDirection.MINIMIZE
        : StudyDirection.MAXIMIZE;
  }

  @Override
  public String toString() {
    return key;
  }
}
