package org.kge4j.prediction;

import java.util.Locale;

/**
 * An enum of the prediction API whose constants JSON and tables name by their lower-case names
 * ({@code head}, {@code training}, ...).
 */
public interface LowerCaseLabel {

  /** The constant's name, as {@link Enum#name()} gives it. */
  String name();

  /** The constant's name in JSON and tables: its {@link #name()} in lower case. */
  default String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
