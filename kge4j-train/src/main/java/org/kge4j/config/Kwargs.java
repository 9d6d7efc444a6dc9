package org.kge4j.config;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reading of one component's keyword arguments (a {@code *_kwargs} map of the pipeline JSON):
 * unknown keys and values of the wrong type fail with a {@link ConfigurationException} that names
 * {@code <section>.<key>}. JSON numbers arrive as Integer, Long or Double; an integer key accepts
 * any of them holding a whole number.
 */
final class Kwargs {
  private final String section;
  private final Map<String, ?> values;

  private Kwargs(String section, Map<String, ?> values) {
    this.section = section;
    this.values = values;
  }

  /**
   * The kwargs of {@code section} (e.g. {@code model_kwargs}) of {@code owner} (e.g. {@code
   * ComplEx}); {@code null} counts as empty.
   *
   * @throws ConfigurationException for a key outside {@code supported}, listing the supported ones
   */
  static Kwargs of(
      String section, Map<String, ?> values, String owner, Collection<String> supported) {
    Map<String, ?> map = values == null ? Map.of() : values;
    Set<String> unknown = new TreeSet<>(map.keySet());
    unknown.removeAll(supported);
    if (!unknown.isEmpty()) {
      String key = unknown.iterator().next();
      throw new ConfigurationException(
          section + "." + key,
          section
              + "."
              + key
              + " is not supported by "
              + owner
              + "; supported: "
              + (supported.isEmpty() ? "none" : String.join(", ", supported)));
    }
    return new Kwargs(section, map);
  }

  /**
   * Writes {@code value} under {@code key}, or removes {@code key} when {@code value} is null: in
   * an override or a builder setter, null means "back to the default".
   */
  static void putOrRemove(Map<String, Object> map, String key, Object value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  /**
   * Writes {@code value} under {@code key} unless it is null: an optional keyword argument appears
   * in {@code <component>_kwargs} only when it is set.
   */
  static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** The section's map of a pipeline map: absent or null gives an empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, ?> section(Map<String, ?> pipeline, String section) {
    Object value = pipeline.get(section);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigurationException(
          section, section + " must be an object of keyword arguments, got " + describe(value));
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw new ConfigurationException(
            section, section + " keys must be strings, got " + describe(key));
      }
    }
    return (Map<String, ?>) map;
  }

  /** The full name of {@code key}, e.g. {@code model_kwargs.embedding_dim}. */
  String name(String key) {
    return section + "." + key;
  }

  /** An error about {@code key}: {@code <section>.<key> <problem>}. */
  ConfigurationException invalid(String key, String problem) {
    return new ConfigurationException(name(key), name(key) + " " + problem);
  }

  Integer integer(String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n
        && isWhole(n)
        && n.doubleValue() >= Integer.MIN_VALUE
        && n.doubleValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw invalid(key, "must be an integer, got " + describe(value));
  }

  Long longInteger(String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n && isWhole(n) && Math.abs(n.doubleValue()) < 0x1p53) {
      return n.longValue();
    }
    throw invalid(key, "must be an integer, got " + describe(value));
  }

  Double number(String key) {
    Number value = typed(key, Number.class, "a number");
    return value == null ? null : value.doubleValue();
  }

  Boolean bool(String key) {
    return typed(key, Boolean.class, "true or false");
  }

  String string(String key) {
    return typed(key, String.class, "a name (a string)");
  }

  /**
   * The value of {@code key}, null when absent; a value not of {@code type} fails with "must be
   * {@code what}".
   */
  private <T> T typed(String key, Class<T> type, String what) {
    Object value = values.get(key);
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw invalid(key, "must be " + what + ", got " + describe(value));
  }

  /** Requires {@code value >= min}. */
  int atLeast(String key, int value, int min) {
    if (value < min) {
      throw invalid(key, "must be >= " + min + ", got " + value);
    }
    return value;
  }

  /** Requires a finite {@code value >= 0}. */
  double nonNegative(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw invalid(key, "must be a finite number >= 0, got " + value);
    }
    return value;
  }

  private static boolean isWhole(Number n) {
    double d = n.doubleValue();
    return !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d);
  }

  static String describe(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }
}
