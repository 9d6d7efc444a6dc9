package org.kge4j.loss;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves losses by name, as PyKEEN's {@code loss_resolver}: the name is lower-cased, stripped of
 * every non-alphanumeric character and of a trailing {@code loss}, so {@code "DoubleMarginLoss"},
 * {@code "double_margin"} and {@code "doublemargin"} all name {@link DoubleMarginLoss}.
 */
public final class Losses {
  private static final Map<String, Function<Map<String, ?>, Loss>> FACTORIES =
      Map.of("doublemargin", DoubleMarginLoss::fromConfig);

  private Losses() {}

  /**
   * A loss by name, configured from PyKEEN keyword arguments.
   *
   * @param kwargs keyword arguments of the loss's {@code fromConfig}; null or empty for the
   *     defaults
   * @throws IllegalArgumentException for an unknown name (listing the known ones) or invalid
   *     arguments
   */
  public static Loss make(String name, Map<String, ?> kwargs) {
    Function<Map<String, ?>, Loss> factory = name == null ? null : FACTORIES.get(normalize(name));
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown loss '"
              + name
              + "'; known losses: "
              + names()
              + " (case, punctuation and a trailing 'Loss' are ignored)");
    }
    return factory.apply(kwargs == null ? Map.of() : kwargs);
  }

  /** The canonical names of the known losses. */
  public static List<String> names() {
    return List.of("DoubleMarginLoss");
  }

  static String normalize(String name) {
    String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return key.endsWith("loss") ? key.substring(0, key.length() - 4) : key;
  }
}
