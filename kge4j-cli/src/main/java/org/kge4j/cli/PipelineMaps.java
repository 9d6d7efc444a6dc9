package org.kge4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pipeline maps in PyKEEN's JSON form ({@code {"model": "ComplEx", "model_kwargs": {...}, ...}}) as
 * {@code train} and {@code hpo} build them from a file and the command line. A section is replaced
 * by a changed copy, never changed in place, so the document a map came from stays as it was read.
 */
final class PipelineMaps {

  private PipelineMaps() {}

  /** The map under {@code key}, or an empty map when there is none; for reading only. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> section(Map<String, ?> map, String key) {
    Object value = map.get(key);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** A modifiable copy of the map under {@code key} (empty when there is none). */
  static Map<String, Object> mutableSection(Map<String, ?> map, String key) {
    return new LinkedHashMap<>(section(map, key));
  }

  /** Sets {@code <section>.<key>} to {@code value}: the section becomes a copy holding it. */
  static void putKwarg(Map<String, Object> pipeline, String section, String key, Object value) {
    Map<String, Object> kwargs = mutableSection(pipeline, section);
    kwargs.put(key, value);
    pipeline.put(section, kwargs);
  }

  /** A copy of {@code map} whose nested maps are modifiable copies too. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(key, value instanceof Map<?, ?> m ? deepCopy((Map<String, ?>) m) : value));
    return copy;
  }
}
