package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build commands of the launcher and the scripts must work on a fresh clone. Modules depend on
 * other modules' test-jars (test scope); {@code -Dmaven.test.skip=true} skips building those jars,
 * and the reactor then fails to resolve them ("Could not find artifact
 * org.kge4j:kge4j-core:jar:tests"), so the builds skip running tests ({@code -DskipTests}) only.
 */
class LauncherBuildTest {

  @Test
  void buildsSkipRunningTestsButStillBuildTheTestJars() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    for (String file :
        List.of("kge4j", "scripts/spark-env.sh", "bench/train-bench.sh", "bench/scale-bench.sh")) {
      String text = Files.readString(root.resolve(file));
      assertFalse(text.contains("maven.test.skip"), file + " must not skip building test-jars");
      assertTrue(text.contains("-DskipTests"), file + " builds with -DskipTests");
    }
  }
}
