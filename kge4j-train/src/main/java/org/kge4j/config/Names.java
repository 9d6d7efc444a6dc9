package org.kge4j.config;

import java.util.List;
import java.util.Locale;

/**
 * Resolves component names as PyKEEN's class resolver does: lower-cased, every non-alphanumeric
 * character dropped and a trailing suffix (e.g. {@code loss}, {@code negativesampler}) ignored, so
 * {@code "DoubleMarginLoss"}, {@code "double_margin"} and {@code "doublemargin"} name the same
 * class.
 */
final class Names {
  private Names() {}

  /**
   * The canonical name among {@code canonical} that {@code name} denotes.
   *
   * @param key the pipeline key, for the message (e.g. {@code loss})
   * @param suffix the class-name suffix PyKEEN's resolver strips, lower case, or empty
   * @throws ConfigurationException for an unknown name, listing the canonical ones
   */
  static String resolve(String key, String name, List<String> canonical, String suffix) {
    if (name != null) {
      String wanted = normalize(name, suffix);
      for (String candidate : canonical) {
        if (normalize(candidate, suffix).equals(wanted)) {
          return candidate;
        }
      }
    }
    throw new ConfigurationException(
        key,
        key
            + " must be one of "
            + String.join(", ", canonical)
            + " (case and punctuation ignored), got "
            + Kwargs.describe(name));
  }

  private static String normalize(String name, String suffix) {
    String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return !suffix.isEmpty() && key.endsWith(suffix) && key.length() > suffix.length()
        ? key.substring(0, key.length() - suffix.length())
        : key;
  }
}
