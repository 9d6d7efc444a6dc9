package org.kge4j.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** What the configuration tests assert about refused settings. */
final class ConfigAssertions {

  private ConfigAssertions() {}

  /** The {@link ConfigurationException} that {@code parse} must throw, for its key and message. */
  static ConfigurationException refused(Executable parse) {
    return assertThrows(ConfigurationException.class, parse);
  }
}
