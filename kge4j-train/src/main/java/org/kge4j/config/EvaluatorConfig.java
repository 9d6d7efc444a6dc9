package org.kge4j.config;

import java.util.List;
import java.util.Map;
import org.kge4j.evaluation.RankBasedEvaluator;

/**
 * The evaluator component: {@code evaluator} and {@code evaluator_kwargs} of the pipeline JSON,
 * used for validation and for the final test evaluation. Two evaluators, as PyKEEN names them:
 *
 * <ul>
 *   <li>{@code RankBasedEvaluator} (the default): filtered ranks against all entities;
 *   <li>{@code SampledRankBasedEvaluator} with {@code num_negatives} N: filtered ranks against N
 *       uniformly drawn entities (the protocol of PyTorch-BigGraph and DGL-KE for graphs too large
 *       for full ranking), reported under keys prefixed {@code sampled.} so that they are never
 *       read as full ranking's; the draws are seeded by the configuration's {@code random_seed}.
 * </ul>
 *
 * @param name {@code rankbased} or {@code sampledrankbased}
 * @param numNegatives candidates per query of the sampled evaluator; 0 for full ranking
 */
public record EvaluatorConfig(String name, int numNegatives) {

  /** The evaluator names (PyKEEN's, resolved like its class resolver). */
  public static final List<String> NAMES = List.of("rankbased", "sampledrankbased");

  private static final String SECTION = "evaluator_kwargs";

  /**
   * Checks the name and the number of candidates.
   *
   * @throws ConfigurationException naming the key, the value and what is allowed
   */
  public EvaluatorConfig {
    name = Names.resolve("evaluator", name, NAMES, "evaluator");
    Kwargs k = Kwargs.of(SECTION, Map.of(), name, List.of());
    if (name.equals("sampledrankbased")) {
      k.atLeast("num_negatives", numNegatives, 1);
    } else if (numNegatives != 0) {
      throw new ConfigurationException(
          SECTION + ".num_negatives",
          SECTION
              + ".num_negatives belongs to SampledRankBasedEvaluator, got "
              + numNegatives
              + " with RankBasedEvaluator");
    }
  }

  /** Full filtered ranking. */
  public static EvaluatorConfig full() {
    return new EvaluatorConfig("rankbased", 0);
  }

  /**
   * The component from its name (null = full ranking) and {@code evaluator_kwargs}.
   *
   * @throws ConfigurationException for an unknown name, an unsupported key or an invalid value
   */
  public static EvaluatorConfig fromKwargs(String name, Map<String, ?> kwargs) {
    String resolved =
        Names.resolve("evaluator", name == null ? "rankbased" : name, NAMES, "evaluator");
    boolean sampled = resolved.equals("sampledrankbased");
    Kwargs k = Kwargs.of(SECTION, kwargs, resolved, sampled ? List.of("num_negatives") : List.of());
    Integer negatives = k.integer("num_negatives");
    if (sampled && negatives == null) {
      throw new ConfigurationException(
          SECTION + ".num_negatives",
          SECTION
              + ".num_negatives is required by SampledRankBasedEvaluator (candidates per query)");
    }
    return new EvaluatorConfig(resolved, sampled ? negatives : 0);
  }

  /** Whether this is the sampled evaluator. */
  public boolean sampled() {
    return numNegatives > 0;
  }

  /** PyKEEN's class name. */
  public String pykeenName() {
    return sampled() ? "SampledRankBasedEvaluator" : "RankBasedEvaluator";
  }

  /** {@code evaluator_kwargs}. */
  public Map<String, Object> kwargs() {
    return sampled() ? Map.of("num_negatives", numNegatives) : Map.of();
  }

  /** The key of the filtered MRR this evaluator reports (prefixed for the sampled one). */
  public String mrrKey() {
    return (sampled() ? RankBasedEvaluator.SAMPLED_PREFIX : "") + StopperConfig.METRIC;
  }

  /** The evaluator on {@code numThreads} threads, its draws seeded by {@code seed}. */
  public RankBasedEvaluator build(int numThreads, long seed) {
    RankBasedEvaluator.Builder builder = RankBasedEvaluator.builder().numThreads(numThreads);
    if (sampled()) {
      builder.sampledCandidates(numNegatives, seed);
    }
    return builder.build();
  }
}
