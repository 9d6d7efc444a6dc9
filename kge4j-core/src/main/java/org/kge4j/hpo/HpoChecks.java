package org.kge4j.hpo;

/** Argument checks shared by the parameter types. */
final class HpoChecks {
  private HpoChecks() {}

  static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "a search-space parameter needs a non-blank name, got '" + name + "'");
    }
  }

  static void requirePoints(int pointsPerRange) {
    if (pointsPerRange < 1) {
      throw new IllegalArgumentException("grid needs pointsPerRange >= 1, got " + pointsPerRange);
    }
  }
}
