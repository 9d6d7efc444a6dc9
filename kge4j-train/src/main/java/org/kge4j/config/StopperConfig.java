package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stopper component: {@code stopper} and {@code stopper_kwargs} of the pipeline JSON. Names
 * resolve ignoring case, punctuation and a trailing {@code Stopper}:
 *
 * <ul>
 *   <li>{@code nop} (PyKEEN's default: never stops). kge4j adds the keyword {@code frequency}
 *       ({@code >= 0}, default 0 = never): evaluate on the validation split every this many epochs,
 *       for the record (losses.tsv, the plot) only.
 *   <li>{@code early}: PyKEEN's {@code EarlyStopper}: every {@code frequency} epochs ({@code >= 1},
 *       default 10) evaluate {@code metric} on the validation split; stop after {@code patience}
 *       ({@code >= 1}, default 2) evaluations without a relative improvement of more than {@code
 *       relative_delta} ({@code >= 0}, default 0.01), and restore the best epoch's parameters. The
 *       metric must be {@link #METRIC} (also accepted: {@code inverse_harmonic_mean_rank}, {@code
 *       mrr}); PyKEEN's default {@code hits_at_k} is not offered.
 * </ul>
 *
 * @param name {@code nop} or {@code early}
 * @param frequency evaluate every this many epochs; 0 = never ({@code nop} only)
 * @param patience evaluations without improvement before stopping; 0 for {@code nop}
 * @param relativeDelta the minimal relative improvement; 0 for {@code nop}
 * @param metric {@link #METRIC} for {@code early}; null for {@code nop}
 */
public record StopperConfig(
    String name, int frequency, int patience, double relativeDelta, String metric)
    implements ComponentConfig {

  /** The stopper names. */
  public static final List<String> NAMES = List.of("nop", "early");

  /** The metric early stopping watches (PyKEEN's name of the filtered MRR). */
  public static final String METRIC = "both.realistic.inverse_harmonic_mean_rank";

  private static final String SECTION = "stopper_kwargs";
  private static final List<String> EARLY_KEYS =
      List.of("frequency", "patience", "relative_delta", "metric");
  private static final List<String> NOP_KEYS = List.of("frequency");

  /**
   * Resolves the name and the metric and checks every value.
   *
   * @throws ConfigurationException naming the key, the value and what is allowed
   */
  public StopperConfig {
    name = Names.resolve("stopper", name, NAMES, "stopper");
    boolean early = name.equals("early");
    Kwargs k = Kwargs.of(SECTION, Map.of(), name, early ? EARLY_KEYS : NOP_KEYS);
    k.atLeast("frequency", frequency, early ? 1 : 0);
    if (early) {
      k.atLeast("patience", patience, 1);
      k.nonNegative("relative_delta", relativeDelta);
      metric = canonicalMetric(k, metric == null ? METRIC : metric);
    } else if (patience != 0 || relativeDelta != 0 || metric != null) {
      throw new ConfigurationException(
          SECTION,
          SECTION
              + ": patience, relative_delta and metric belong to the early stopper, got nop with"
              + " patience "
              + patience
              + ", relative_delta "
              + relativeDelta
              + ", metric "
              + metric);
    }
  }

  /** No stopping and no validation. */
  public static StopperConfig none() {
    return new StopperConfig("nop", 0, 0, 0, null);
  }

  /**
   * The component from its name and {@code stopper_kwargs}.
   *
   * @throws ConfigurationException for an unknown name, an unsupported key or an invalid value
   */
  public static StopperConfig fromKwargs(String name, Map<String, ?> kwargs) {
    String resolved = Names.resolve("stopper", name, NAMES, "stopper");
    boolean early = resolved.equals("early");
    Kwargs k = Kwargs.of(SECTION, kwargs, resolved, early ? EARLY_KEYS : NOP_KEYS);
    Integer frequency = k.integer("frequency");
    if (!early) {
      return new StopperConfig(resolved, frequency == null ? 0 : frequency, 0, 0, null);
    }
    Integer patience = k.integer("patience");
    Double delta = k.number("relative_delta");
    return new StopperConfig(
        resolved,
        frequency == null ? 10 : frequency,
        patience == null ? 2 : patience,
        delta == null ? 0.01 : delta,
        k.string("metric"));
  }

  private static String canonicalMetric(Kwargs k, String metric) {
    return switch (metric.toLowerCase(java.util.Locale.ROOT)) {
      case METRIC, "inverse_harmonic_mean_rank", "mrr", "mean_reciprocal_rank" -> METRIC;
      default ->
          throw k.invalid(
              "metric",
              "must be "
                  + METRIC
                  + " (the filtered MRR; also inverse_harmonic_mean_rank or mrr), got "
                  + Kwargs.describe(metric));
    };
  }

  /** Whether this is the early stopper. */
  public boolean isEarlyStopping() {
    return name.equals("early");
  }

  /** {@code stopper_kwargs}: the frequency, and for {@code early} patience, delta and metric. */
  @Override
  public Map<String, Object> kwargs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("frequency", frequency);
    if (isEarlyStopping()) {
      map.put("patience", patience);
      map.put("relative_delta", relativeDelta);
      map.put("metric", metric);
    }
    return map;
  }
}
