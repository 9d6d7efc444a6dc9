package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Datasets;

class DatasetsCommandTest {

  @Test
  void listsTheCacheAndWhichDatasetsArePresent() {
    Path datasets = Cli.sharedDatasets();
    Cli.Run run = Cli.succeeds("datasets");
    String out = run.out();
    assertTrue(out.startsWith("cache directory: " + datasets), out);
    assertTrue(
        out.lines()
            .anyMatch(l -> l.matches("\\s+embedded\\s+built-in\\s+generated family graph: .*")),
        out);
    for (String name : new String[] {"nations", "umls", "kinships", "fb15k237", "wn18rr"}) {
      assertTrue(
          out.contains(String.format("  %-10s %-9s %s", name, "present", datasets.resolve(name))),
          name + " is in the shared datasets: " + out);
    }
  }

  @Test
  void anEmptyCacheListsEveryNamedDatasetAsMissingWithItsDownloadAddress(@TempDir Path cache) {
    Cli.sharedDatasets();
    String shared = System.getProperty(Datasets.DATASETS_PROPERTY);
    System.setProperty(Datasets.DATASETS_PROPERTY, cache.toString());
    try {
      Cli.Run run = Cli.succeeds("datasets");
      for (String name : new String[] {"nations", "umls", "kinships", "fb15k237", "wn18rr"}) {
        assertTrue(
            run.out().lines().anyMatch(l -> l.matches("\\s+" + name + "\\s+missing\\s+https://.*")),
            name + " is not in an empty cache: " + run.out());
      }
    } finally {
      System.setProperty(Datasets.DATASETS_PROPERTY, shared);
    }
  }

  @Test
  void theTopLevelCommandPrintsUsageAndVersion() {
    Cli.Run usage = Cli.run();
    assertEquals(0, usage.exitCode());
    assertTrue(
        usage.out().contains("train")
            && usage.out().contains("evaluate")
            && usage.out().contains("datasets"),
        usage.out());
    Cli.Run version = Cli.run("--version");
    assertTrue(version.out().startsWith("kge4j " + Versions.kge4jVersion()), version.out());
    assertTrue(Versions.kge4jVersion().matches("\\d+\\.\\d+\\.\\d+.*"), "filtered by the build");
  }
}
