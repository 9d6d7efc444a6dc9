package org.kge4j.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/datasets} (nations, umls, kinships) for tests: the {@code kge4j.shared}
 * system property Surefire passes, else the first {@code ../shared} found walking up from the
 * working directory. Tests that need it are skipped with a message when it is absent, so no test
 * ever downloads.
 */
public final class SharedDatasets {

  private SharedDatasets() {}

  /** The shared datasets directory, or a skipped test when there is none. */
  public static Path directory() {
    Path found = find();
    assumeTrue(found != null, "../shared/datasets not found (set -Dkge4j.shared); skipping");
    return found;
  }

  private static Path find() {
    String property = System.getProperty("kge4j.shared");
    if (property != null && Files.isDirectory(Path.of(property, "datasets"))) {
      return Path.of(property, "datasets");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
