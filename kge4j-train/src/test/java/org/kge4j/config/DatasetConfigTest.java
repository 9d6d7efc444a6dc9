package org.kge4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.config.ConfigAssertions.refused;
import static org.kge4j.testing.TrainingFixtures.configThroughCheckpoint;
import static org.kge4j.testing.TrainingFixtures.lcwaDistMult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Datasets;

/**
 * The dataset component: {@code create_inverse_triples} for every dataset, and a {@link
 * org.kge4j.data.DatasetSource}'s keyword arguments (here {@link FixtureSource}'s) checked,
 * normalized, written into the pipeline map and a checkpoint, resolved and relocated.
 */
class DatasetConfigTest {

  private static Map<?, ?> pipeline(PipelineConfig config) {
    return (Map<?, ?>) config.toPipelineMap().get("pipeline");
  }

  @Test
  void inverseTriplesAreWrittenIntoThePipelineMapAndReadBack() {
    PipelineConfig config = lcwaDistMult("nations", Map.of("create_inverse_triples", true));
    assertEquals(Map.of("create_inverse_triples", true), pipeline(config).get("dataset_kwargs"));
    PipelineConfig read = PipelineConfig.fromPipelineMap(config.toPipelineMap());
    assertTrue(read.dataset().createInverseTriples());
    assertEquals(config, read);
    assertFalse(pipeline(lcwaDistMult("nations", Map.of())).containsKey("dataset_kwargs"));
  }

  @Test
  void aSourcesKwargsAreNormalizedWithDefaultsAndRoundTrip() {
    PipelineConfig config =
        lcwaDistMult("fixture:x", Map.of("create_inverse_triples", true, "version", 1));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("create_inverse_triples", true);
    expected.put("labels", List.of("a", "b"));
    expected.put("version", 1L);
    assertEquals(expected, pipeline(config).get("dataset_kwargs"));
    assertEquals(
        List.copyOf(expected.keySet()),
        List.copyOf(((Map<?, ?>) pipeline(config).get("dataset_kwargs")).keySet()));
    assertEquals(config, PipelineConfig.fromPipelineMap(config.toPipelineMap()));
    assertEquals(Map.of(), new DatasetConfig("nations").sourceKwargs());
  }

  @Test
  void unknownAndBadKwargsNameTheKey() {
    ConfigurationException unknown =
        refused(() -> DatasetConfig.fromKwargs("fixture:x", Map.of("split", List.of(0.5))));
    assertEquals("dataset_kwargs.split", unknown.key());
    assertEquals(
        "dataset_kwargs.split is not supported by dataset fixture:x; supported:"
            + " create_inverse_triples, labels, version",
        unknown.getMessage());
    ConfigurationException bad =
        refused(() -> DatasetConfig.fromKwargs("fixture:x", Map.of("labels", "a")));
    assertEquals("dataset_kwargs.labels must be a list of strings, got a", bad.getMessage());
    ConfigurationException inverse =
        refused(() -> DatasetConfig.fromKwargs("nations", Map.of("create_inverse_triples", "yes")));
    assertEquals(
        "dataset_kwargs.create_inverse_triples must be true or false, got 'yes'",
        inverse.getMessage());
  }

  @Test
  void aCheckpointCarriesListValuedKwargs(@TempDir Path dir) {
    PipelineConfig config = lcwaDistMult("fixture:x", Map.of("labels", List.of("p", "q", "r")));
    PipelineConfig read = configThroughCheckpoint(config, dir.resolve("c.kge4j"));
    assertEquals(config, read);
    assertEquals(List.of("p", "q", "r"), read.dataset().sourceKwargs().get("labels"));
  }

  @Test
  void resolvingLoadsThroughTheSourceAndRecordsWhatItLearned() {
    DatasetConfig config = new DatasetConfig("fixture:x", true);
    LoadedDataset loaded = config.resolve();
    assertSame(Datasets.embedded(), loaded.dataset());
    assertEquals(
        new DatasetConfig("fixture:x", true, Map.of("labels", List.of("a", "b"), "version", 1)),
        loaded.config());
    assertEquals(Map.of("fixture", Map.of("location", "fixture:x")), loaded.report());
    assertEquals(Optional.of("fixture fixture:x"), loaded.summary());
    IllegalArgumentException changed =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetConfig.fromKwargs("fixture:x", Map.of("version", 2)).resolve());
    assertEquals("fixture:x is version 1, not 2", changed.getMessage());

    LoadedDataset named = new DatasetConfig("embedded").resolve();
    assertEquals(new DatasetConfig("embedded"), named.config());
    assertEquals(Map.of(), named.report());
    assertTrue(named.summary().isEmpty());
  }

  @Test
  void relocatingKeepsTheKwargsOfTheSameSourceOnly() {
    DatasetConfig config =
        DatasetConfig.fromKwargs(
            "fixture:x", Map.of("create_inverse_triples", true, "labels", List.of("z")));
    DatasetConfig moved = config.at("fixture:y");
    assertEquals("fixture:y", moved.name());
    assertEquals(config.sourceKwargs(), moved.sourceKwargs());
    assertTrue(moved.createInverseTriples());
    DatasetConfig named = config.at("nations");
    assertEquals(new DatasetConfig("nations", true), named);
  }
}
