package org.kge4j.sampling;

import java.util.List;
import java.util.Locale;
import org.kge4j.data.TriplesFactory;

/**
 * Resolves negative samplers by name, like PyKEEN's {@code negative_sampler_resolver}: the name is
 * lower-cased, non-alphanumerics are dropped and a trailing {@code negativesampler} is ignored, so
 * {@code "basic"}, {@code "Bernoulli"}, {@code "shared"} and {@code "BernoulliNegativeSampler"}
 * work.
 */
public final class NegativeSamplers {

  private static final List<String> NAMES = List.of("basic", "bernoulli", "shared");

  private NegativeSamplers() {}

  /** The accepted names. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * Makes a sampler of the training triples.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or
   *     invalid parameters
   */
  public static NegativeSampler make(
      String name, TriplesFactory training, int numNegsPerPos, boolean filtered) {
    String key = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (key.endsWith("negativesampler")) {
      key = key.substring(0, key.length() - "negativesampler".length());
    }
    return switch (key) {
      case "basic" -> new BasicNegativeSampler(training, numNegsPerPos, filtered);
      case "bernoulli" -> new BernoulliNegativeSampler(training, numNegsPerPos, filtered);
      case "shared" -> new SharedNegativeSampler(training, numNegsPerPos, filtered);
      default ->
          throw new IllegalArgumentException(
              "unknown negative sampler \"" + name + "\": expected one of " + NAMES);
    };
  }
}
