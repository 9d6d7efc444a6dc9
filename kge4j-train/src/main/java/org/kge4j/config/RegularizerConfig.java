package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoSpace;

/**
 * The regularizer component: {@code regularizer} and {@code regularizer_kwargs} of the pipeline
 * JSON. kge4j's models carry PyKEEN's default regularizer ({@code LpRegularizer}: DistMult weight
 * 0.1 on relations, ComplEx 0.01 on entities and relations; TransE and RotatE none), and the only
 * keyword is its {@code weight} (finite, {@code >= 0}; 0 disables it). Names resolve ignoring case,
 * punctuation and a trailing {@code Regularizer} ({@code "LpRegularizer"}, {@code "lp"}).
 *
 * @param name {@code LpRegularizer}
 * @param weight the weight, finite and {@code >= 0}
 */
public record RegularizerConfig(String name, double weight) implements ComponentConfig {

  /** The regularizer names. */
  public static final List<String> NAMES = List.of("LpRegularizer");

  /** PyKEEN's {@code LpRegularizer.hpo_default}: {@code weight} 0.01..1.0 on a log scale. */
  public static final HpoSpace HPO_DEFAULT =
      HpoSpace.of(new FloatParameter("weight", 0.01, 1.0, true));

  private static final String SECTION = "regularizer_kwargs";

  /**
   * Resolves the name and checks the weight.
   *
   * @throws ConfigurationException for an unknown name or an invalid weight
   */
  public RegularizerConfig {
    name = Names.resolve("regularizer", name, NAMES, "regularizer");
    Kwargs.of(SECTION, Map.of(), name, List.of("weight")).nonNegative("weight", weight);
  }

  /**
   * The component from its name and {@code regularizer_kwargs}.
   *
   * @param defaultWeight the weight when {@code kwargs} has none (the model's PyKEEN default)
   * @throws ConfigurationException for an unknown name, an unsupported key or an invalid weight
   */
  public static RegularizerConfig fromKwargs(
      String name, Map<String, ?> kwargs, double defaultWeight) {
    String resolved = Names.resolve("regularizer", name, NAMES, "regularizer");
    Double weight = Kwargs.of(SECTION, kwargs, resolved, List.of("weight")).number("weight");
    return new RegularizerConfig(resolved, weight == null ? defaultWeight : weight);
  }

  /** {@code regularizer_kwargs}: the weight. */
  @Override
  public Map<String, Object> kwargs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("weight", weight);
    return map;
  }

  /** {@link #HPO_DEFAULT}. */
  @Override
  public HpoSpace hpoDefault() {
    return HPO_DEFAULT;
  }
}
