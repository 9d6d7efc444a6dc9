package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.TrainingFixtures.configThroughCheckpoint;
import static org.kge4j.testing.TrainingFixtures.lcwaDistMult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.config.ConfigurationException;
import org.kge4j.config.DatasetConfig;
import org.kge4j.config.LoadedDataset;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.DatasetSource;

/**
 * A graph file as a pipeline configuration's dataset: found through {@link DatasetSource} (this
 * module's service registration), its {@code dataset_kwargs} checked and written out with their
 * defaults, carried through the pipeline map and a checkpoint, and read again to the same splits
 * only while the file is unchanged.
 */
class GraphFileSourceTest {

  @TempDir Path directory;

  /** {@link TestFiles#ring} of 30 entities. */
  private Path ring(String name) {
    return TestFiles.write(directory, name, TestFiles.ring(30));
  }

  @Test
  void theServiceLoaderFindsTheSourceForGraphFilesOnly() {
    assertInstanceOf(
        GraphFileSource.class, DatasetSource.forLocation(ring("g.nt").toString()).orElseThrow());
    assertInstanceOf(
        GraphFileSource.class, DatasetSource.forLocation("missing/g.csv.gz").orElseThrow());
    assertTrue(DatasetSource.forLocation("umls").isEmpty());
    assertTrue(DatasetSource.forLocation(directory.toString()).isEmpty());
  }

  @Test
  void defaultsAreWrittenOutAndTheMapRoundTrips() {
    String file = ring("g.nt").toString();
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("create_inverse_triples", true);
    given.put("split", List.of(0.7, 0.2)); // testing is the rest
    given.put("split_seed", 5); // JSON integers arrive as Integer
    PipelineConfig config = lcwaDistMult(file, given);
    Map<?, ?> pipeline = (Map<?, ?>) config.toPipelineMap().get("pipeline");
    assertEquals(
        List.of("dataset", "dataset_kwargs", "model"),
        List.copyOf(pipeline.keySet()).subList(0, 3));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("create_inverse_triples", true);
    expected.put("split", List.of(0.7, 0.2, 1 - 0.7 - 0.2));
    expected.put("split_seed", 5L);
    expected.put("keep_literals", false);
    assertEquals(expected, pipeline.get("dataset_kwargs"));
    assertEquals(
        List.copyOf(expected.keySet()),
        List.copyOf(((Map<?, ?>) pipeline.get("dataset_kwargs")).keySet()));
    assertEquals(config, PipelineConfig.fromPipelineMap(config.toPipelineMap()));
    assertEquals(
        Map.of("split", List.of(0.8, 0.1, 0.1), "split_seed", 42L, "keep_literals", false),
        new DatasetConfig(file).sourceKwargs());
  }

  @Test
  void tableKwargsKeepTheirColumnsAndDelimiterAndNoLiteralOption() {
    Path file = TestFiles.write(directory, "g.csv", "a;b;c\n");
    Map<String, Object> given = Map.of("columns", List.of("c", 0, "b"), "delimiter", ";");
    assertEquals(
        Map.of(
            "split",
            List.of(0.8, 0.1, 0.1),
            "split_seed",
            42L,
            "columns",
            List.of("c", "0", "b"),
            "delimiter",
            ";"),
        DatasetConfig.fromKwargs(file.toString(), given).sourceKwargs());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "g.nt|eager=true|dataset_kwargs.eager is not supported by dataset {file}; supported:"
            + " create_inverse_triples, split, split_seed, keep_literals, columns, delimiter,"
            + " sha256",
        "g.nt|split=0.8|dataset_kwargs.split must be a list of two or three fractions such as"
            + " [0.8, 0.1, 0.1], got 0.8",
        "g.nt|split=0.8,0.3,0.1|dataset_kwargs.split split ratios must sum to 1, got [0.8, 0.3,"
            + " 0.1] with sum 1.2000000000000002",
        "g.nt|split_seed=1.5|dataset_kwargs.split_seed must be an integer, got 1.5",
        "g.nt|columns=a,b,c|dataset_kwargs.columns applies to CSV/TSV files only, got an RDF file"
            + " (N-Triples)",
        "g.csv|keep_literals=true|dataset_kwargs.keep_literals applies to RDF files only, got a"
            + " CSV/TSV file (CSV)",
        "g.csv|delimiter=ab|dataset_kwargs.delimiter must be one character other than a double"
            + " quote or a line break, got 'ab'",
        "g.csv|delimiter=\"|dataset_kwargs.delimiter must be one character other than a double"
            + " quote or a line break, got '\"'",
        "g.csv|columns=a,b|dataset_kwargs.columns must be a list of three header names or 0-based"
            + " indexes (head, relation, tail), got [a, b]",
        "g.nt|sha256=abc|dataset_kwargs.sha256 must be 64 hexadecimal digits, got 'abc'",
      })
  void badKwargsNameTheKeyTheValueAndWhatIsAllowed(String name, String setting, String message) {
    String file = directory.resolve(name).toString();
    String[] kv = setting.split("=", 2);
    Object value =
        switch (kv[0]) {
          case "split" ->
              kv[1].contains(",")
                  ? List.of(kv[1].split(",")).stream().map(Double::valueOf).toList()
                  : Double.valueOf(kv[1]);
          case "split_seed" -> Double.valueOf(kv[1]);
          case "keep_literals", "eager" -> Boolean.valueOf(kv[1]);
          case "columns" -> List.of(kv[1].split(","));
          default -> kv[1];
        };
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> DatasetConfig.fromKwargs(file, Map.of(kv[0], value)));
    assertEquals(message.replace("{file}", file), e.getMessage());
    assertEquals("dataset_kwargs." + kv[0], e.key());
  }

  @Test
  void aFileWithAnUnknownExtensionIsAnErrorOnTheDataset() {
    Path file = TestFiles.write(directory, "graph.json", "{}");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new DatasetConfig(file.toString()));
    assertEquals("dataset", e.key());
    assertTrue(e.getMessage().startsWith("cannot tell the format of " + file), e.getMessage());
  }

  @Test
  void resolvingRecordsTheShaAndTheResolvedConfigurationReadsTheSameSplits(@TempDir Path run)
      throws IOException {
    Path file = ring("g.nt");
    PipelineConfig config = lcwaDistMult(file.toString(), Map.of("split_seed", 3));
    LoadedDataset loaded = config.dataset().resolve();
    assertEquals(Sha256Reference.of(file), loaded.config().sourceKwargs().get("sha256"));
    assertEquals(
        Sha256Reference.of(file), ((Map<?, ?>) loaded.report().get("graph_file")).get("sha256"));
    assertTrue(loaded.summary().orElseThrow().startsWith("g.nt: N-Triples, 60 statements"));

    // A checkpoint carries the lists and the SHA-256; its configuration reads the same splits.
    PipelineConfig recorded = config.withDataset(loaded.config());
    PipelineConfig read = configThroughCheckpoint(recorded, run.resolve("checkpoint.kge4j"));
    assertEquals(recorded, read);
    LoadedDataset again = read.dataset().resolve();
    assertEquals(read.dataset(), again.config());
    assertArrayEquals(
        loaded.dataset().validation().mappedTriples(),
        again.dataset().validation().mappedTriples());

    // Moved, the file is still recognised by its content.
    Path moved =
        Files.copy(file, Files.createDirectory(directory.resolve("moved")).resolve("g.nt"));
    DatasetConfig relocated = read.dataset().at(moved.toString());
    assertEquals(read.dataset().sourceKwargs(), relocated.sourceKwargs());
    assertArrayEquals(
        loaded.dataset().testing().mappedTriples(),
        relocated.resolve().dataset().testing().mappedTriples());
    // Relocated to a named dataset, the graph file's kwargs do not apply.
    assertEquals(Map.of(), read.dataset().at("nations").sourceKwargs());

    String before = Sha256Reference.of(moved);
    Files.writeString(moved, "<urn:e0> <urn:next> <urn:e9> .\n", StandardOpenOption.APPEND);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, relocated::resolve);
    assertEquals(
        moved
            + " has SHA-256 "
            + Sha256Reference.of(moved)
            + ", but "
            + before
            + " was expected (the file changed since it was recorded)",
        e.getMessage());
    assertFalse(e instanceof ConfigurationException);
  }
}
