package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.data.DatasetSource;
import org.kge4j.data.Datasets;

/**
 * A {@link DatasetSource} for the tests of kge4j-train (registered in its test resources): reads
 * {@code fixture:<anything>} as the embedded dataset; {@code labels} is a list of strings (default
 * {@code [a, b]}), {@code version} an integer that loading learns (always 1) and then checks.
 */
public final class FixtureSource implements DatasetSource {

  @Override
  public boolean reads(String location) {
    return location.startsWith("fixture:");
  }

  @Override
  public List<String> kwargs() {
    return List.of("labels", "version");
  }

  @Override
  public Map<String, Object> normalize(String location, Map<String, ?> kwargs) {
    Map<String, Object> normalized = new LinkedHashMap<>();
    Object labels = kwargs.get("labels");
    if (labels != null
        && !(labels instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
      throw new ConfigurationException(
          "dataset_kwargs.labels",
          "dataset_kwargs.labels must be a list of strings, got " + labels);
    }
    normalized.put("labels", labels == null ? List.of("a", "b") : List.copyOf((List<?>) labels));
    Object version = kwargs.get("version");
    if (version != null) {
      normalized.put("version", ((Number) version).longValue());
    }
    return normalized;
  }

  @Override
  public Loaded load(String location, Map<String, ?> kwargs) {
    Object version = kwargs.get("version");
    if (version != null && !version.equals(1L)) {
      throw new IllegalArgumentException(location + " is version 1, not " + version);
    }
    Map<String, Object> learned = new LinkedHashMap<>(kwargs);
    learned.put("version", 1L);
    return new Loaded(
        Datasets.embedded(),
        learned,
        Map.of("fixture", Map.of("location", location)),
        "fixture " + location);
  }
}
