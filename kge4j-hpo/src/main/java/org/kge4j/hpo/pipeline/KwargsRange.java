package org.kge4j.hpo.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kge4j.config.ConfigurationException;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.PowerTwoParameter;

/**
 * Reads one entry of a PyKEEN {@code *_kwargs_ranges} section into a {@link SearchDimension}:
 *
 * <table>
 *   <caption>range entries</caption>
 *   <tr><th>{@code type}</th><th>keys</th><th>parameter</th></tr>
 *   <tr><td>{@code int}</td><td>{@code low}, {@code high}, {@code step} (or {@code q}, default 1),
 *       {@code log} or {@code "scale": "log"}</td><td>{@link IntParameter}</td></tr>
 *   <tr><td>{@code int}</td><td>{@code low}, {@code high} (exponents), {@code "scale":
 *       "power_two"} (optionally {@code "base": 2})</td><td>{@link PowerTwoParameter}:
 *       2^low..2^high</td></tr>
 *   <tr><td>{@code float}</td><td>{@code low}, {@code high}, {@code log} or {@code "scale":
 *       "log"}</td><td>{@link FloatParameter}</td></tr>
 *   <tr><td>{@code categorical}</td><td>{@code choices}: strings, numbers or booleans</td>
 *       <td>{@link CategoricalParameter}</td></tr>
 *   <tr><td>{@code bool}</td><td>none</td><td>choices {@code true}, {@code false}</td></tr>
 * </table>
 *
 * <p>Unlike PyKEEN, a float range declared {@code "scale": "log"} is sampled on the log scale
 * (PyKEEN's {@code suggest_kwargs} reads {@code log} for floats and {@code scale} only for ints, so
 * it samples such ranges uniformly): both spellings mean the same for ints and floats. A float
 * range with a step is not supported (an int range or a categorical list says the same). Every
 * other key fails with the key and the supported ones.
 */
final class KwargsRange {
  private static final List<String> TYPES = List.of("int", "float", "categorical", "bool");
  private static final Set<String> KEYS =
      Set.of("type", "low", "high", "step", "q", "log", "scale", "base", "choices");

  private KwargsRange() {}

  /**
   * The dimension of {@code spec}, the entry {@code key} of the section {@code <component>
   * _kwargs_ranges}.
   *
   * @throws ConfigurationException naming {@code <component>_kwargs_ranges.<key>}, the value and
   *     what is allowed
   */
  static SearchDimension parse(String component, String key, Object spec) {
    String where = component + "_kwargs_ranges." + key;
    if (!(spec instanceof Map<?, ?> map)) {
      throw invalid(
          where,
          "must be an object such as {\"type\": \"int\", \"low\": 1, \"high\": 10}, got " + spec);
    }
    Set<String> unknown = new TreeSet<>();
    for (Object k : map.keySet()) {
      if (!KEYS.contains(String.valueOf(k))) {
        unknown.add(String.valueOf(k));
      }
    }
    if (!unknown.isEmpty()) {
      throw invalid(
          where + "." + unknown.iterator().next(),
          "is not a range key; supported: " + String.join(", ", new TreeSet<>(KEYS)));
    }
    Object typeValue = map.get("type");
    String type =
        typeValue instanceof String s ? s.toLowerCase(Locale.ROOT) : String.valueOf(typeValue);
    String name = component + "." + key;
    HpoParameter parameter;
    List<Object> choiceValues = List.of();
    switch (type) {
      case "int" -> parameter = intRange(where, name, map);
      case "float" -> parameter = floatRange(where, name, map);
      case "categorical" -> {
        allowOnly(where, map, "type", "choices");
        choiceValues = choices(where, map.get("choices"));
        parameter =
            new CategoricalParameter(name, choiceValues.stream().map(String::valueOf).toList());
      }
      case "bool" -> {
        allowOnly(where, map, "type");
        choiceValues = List.of(true, false);
        parameter = new CategoricalParameter(name, List.of("true", "false"));
      }
      default ->
          throw invalid(
              where + ".type",
              "must be one of " + String.join(", ", TYPES) + ", got " + describe(typeValue));
    }
    return new SearchDimension(component, key, parameter, ValueSource.USER_RANGE, choiceValues);
  }

  private static HpoParameter intRange(String where, String name, Map<?, ?> map) {
    String scale = scale(where, map);
    if (scale.equals("power_two")) {
      allowOnly(where, map, "type", "low", "high", "scale", "base");
      Object base = map.get("base");
      if (base != null && !(base instanceof Number n && n.doubleValue() == 2)) {
        throw invalid(where + ".base", "must be 2 with scale power_two, got " + base);
      }
      int low = integer(where, map, "low");
      int high = integer(where, map, "high");
      if (low < 0 || high > 30 || low > high) {
        throw invalid(
            where,
            "power_two exponents must satisfy 0 <= low <= high <= 30 (2^low..2^high), got low "
                + low
                + ", high "
                + high);
      }
      return new PowerTwoParameter(name, low, high);
    }
    allowOnly(where, map, "type", "low", "high", "step", "q", "log", "scale");
    int low = integer(where, map, "low");
    int high = integer(where, map, "high");
    Object stepValue = map.containsKey("step") ? map.get("step") : map.get("q");
    int step = stepValue == null ? 1 : wholeNumber(where + ".step", stepValue);
    boolean log = scale.equals("log") || bool(where, map, "log");
    if (low > high) {
      throw invalid(where, "needs low <= high, got low " + low + ", high " + high);
    }
    if (step < 1) {
      throw invalid(where + ".step", "must be an integer >= 1, got " + step);
    }
    if (log && low < 1) {
      throw invalid(where + ".low", "must be >= 1 on a log scale, got " + low);
    }
    if (log && step != 1) {
      throw invalid(
          where + ".step",
          "must be 1 on a log scale (log-spaced values have no step), got " + step);
    }
    return new IntParameter(name, low, high, step, log);
  }

  private static HpoParameter floatRange(String where, String name, Map<?, ?> map) {
    if (map.containsKey("step") || map.containsKey("q")) {
      throw invalid(
          where + (map.containsKey("step") ? ".step" : ".q"),
          "is not supported for float ranges; use type int or a categorical list of values");
    }
    allowOnly(where, map, "type", "low", "high", "log", "scale");
    String scale = scale(where, map);
    if (scale.equals("power_two")) {
      throw invalid(where + ".scale", "power_two is for int ranges, got it with type float");
    }
    double low = number(where, map, "low");
    double high = number(where, map, "high");
    boolean log = scale.equals("log") || bool(where, map, "log");
    if (low > high) {
      throw invalid(where, "needs low <= high, got low " + low + ", high " + high);
    }
    if (log && !(low > 0)) {
      throw invalid(where + ".low", "must be > 0 on a log scale, got " + low);
    }
    return new FloatParameter(name, low, high, log);
  }

  private static String scale(String where, Map<?, ?> map) {
    Object value = map.get("scale");
    if (value == null) {
      return "linear";
    }
    String scale = String.valueOf(value).toLowerCase(Locale.ROOT);
    return switch (scale) {
      case "linear", "log", "power_two" -> scale;
      case "power" -> "power_two";
      default ->
          throw invalid(
              where + ".scale", "must be linear, log or power_two, got " + describe(value));
    };
  }

  private static List<Object> choices(String where, Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw invalid(
          where + ".choices", "must be a non-empty list of values, got " + describe(value));
    }
    List<Object> choices = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Object choice : list) {
      if (!(choice instanceof String || choice instanceof Number || choice instanceof Boolean)) {
        throw invalid(
            where + ".choices", "must hold strings, numbers or booleans, got " + describe(choice));
      }
      if (!seen.add(String.valueOf(choice))) {
        throw invalid(where + ".choices", "must be distinct, got " + choice + " twice");
      }
      choices.add(choice);
    }
    return choices;
  }

  private static void allowOnly(String where, Map<?, ?> map, String... allowed) {
    List<String> keys = List.of(allowed);
    for (Object k : map.keySet()) {
      if (!keys.contains(String.valueOf(k))) {
        throw invalid(
            where + "." + k,
            "does not apply to a "
                + map.get("type")
                + " range"
                + (map.get("scale") != null ? " with scale " + map.get("scale") : "")
                + "; its keys: "
                + String.join(", ", keys));
      }
    }
  }

  private static int integer(String where, Map<?, ?> map, String key) {
    if (!map.containsKey(key)) {
      throw invalid(where + "." + key, "is missing");
    }
    return wholeNumber(where + "." + key, map.get(key));
  }

  private static int wholeNumber(String where, Object value) {
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw invalid(where, "must be an integer, got " + describe(value));
  }

  private static double number(String where, Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      throw invalid(where + "." + key, "is missing");
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    throw invalid(where + "." + key, "must be a finite number, got " + describe(value));
  }

  private static boolean bool(String where, Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw invalid(where + "." + key, "must be true or false, got " + describe(value));
  }

  private static String describe(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  private static ConfigurationException invalid(String where, String problem) {
    return new ConfigurationException(where, where + " " + problem);
  }
}
