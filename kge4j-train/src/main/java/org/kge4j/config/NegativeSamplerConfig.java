package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.data.TriplesFactory;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.hpo.IntParameter;
import org.kge4j.sampling.NegativeSampler;
import org.kge4j.sampling.NegativeSamplers;

/**
 * The negative sampler component (sLCWA only): {@code negative_sampler} and {@code
 * negative_sampler_kwargs} of the pipeline JSON. Names {@code basic}, {@code bernoulli} and {@code
 * shared} (kge4j's {@link org.kge4j.sampling.SharedNegativeSampler}), resolved ignoring case,
 * punctuation and a trailing {@code NegativeSampler}; keywords {@code num_negs_per_pos} ({@code >=
 * 1}, default 1 as PyKEEN's) and {@code filtered} (drop negatives that are training triples;
 * default false).
 *
 * @param name {@code basic}, {@code bernoulli} or {@code shared}
 * @param numNegsPerPos negatives per positive
 * @param filtered whether known training triples are removed from the negatives
 */
public record NegativeSamplerConfig(String name, int numNegsPerPos, boolean filtered)
    implements ComponentConfig {

  /** The sampler names, as PyKEEN's resolver keys them. */
  public static final List<String> NAMES = NegativeSamplers.names();

  /** PyKEEN's {@code hpo_default}: {@code num_negs_per_pos} 1..100 on a log scale. */
  public static final HpoSpace HPO_DEFAULT =
      HpoSpace.of(new IntParameter("num_negs_per_pos", 1, 100, 1, true));

  private static final String SECTION = "negative_sampler_kwargs";
  private static final List<String> KEYS = List.of("num_negs_per_pos", "filtered");

  /**
   * Resolves the name and checks the count.
   *
   * @throws ConfigurationException for an unknown name or a count below 1
   */
  public NegativeSamplerConfig {
    name = Names.resolve("negative_sampler", name, NAMES, "negativesampler");
    Kwargs.of(SECTION, Map.of(), name, KEYS).atLeast("num_negs_per_pos", numNegsPerPos, 1);
  }

  /**
   * The component from its name and {@code negative_sampler_kwargs}.
   *
   * @throws ConfigurationException for an unknown name, an unsupported key or an invalid value
   */
  public static NegativeSamplerConfig fromKwargs(String name, Map<String, ?> kwargs) {
    String resolved = Names.resolve("negative_sampler", name, NAMES, "negativesampler");
    Kwargs k = Kwargs.of(SECTION, kwargs, resolved, KEYS);
    Integer negatives = k.integer("num_negs_per_pos");
    Boolean filtered = k.bool("filtered");
    return new NegativeSamplerConfig(
        resolved, negatives == null ? 1 : negatives, filtered != null && filtered);
  }

  /** A sampler of the training triples. */
  public NegativeSampler create(TriplesFactory training) {
    return NegativeSamplers.make(name, training, numNegsPerPos, filtered);
  }

  /** {@code negative_sampler_kwargs}: the count and the filter flag. */
  @Override
  public Map<String, Object> kwargs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("num_negs_per_pos", numNegsPerPos);
    map.put("filtered", filtered);
    return map;
  }

  /** {@link #HPO_DEFAULT}. */
  @Override
  public HpoSpace hpoDefault() {
    return HPO_DEFAULT;
  }
}
