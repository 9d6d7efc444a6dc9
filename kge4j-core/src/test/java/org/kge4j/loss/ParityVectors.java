package org.kge4j.loss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * Loads the golden vectors of {@code shared/parity/public.jsonl} (PyTorch running PyKEEN's code,
 * adapted to rules R1–R8). The file is found through the system property {@code kge4j.parity} (the
 * file), {@code kge4j.shared} (the shared folder, set by the build), or {@code ../shared} relative
 * to the working directory or its parent.
 */
final class ParityVectors {
  private ParityVectors() {}

  /** One golden case. */
  record Case(
      String id,
      String kind,
      Map<String, Object> config,
      Map<String, Object> inputs,
      Map<String, Object> expected) {
    @Override
    public String toString() {
      return id;
    }

    /** The PyKEEN keyword arguments: {@code config} with its {@code extra} entries merged in. */
    @SuppressWarnings("unchecked")
    Map<String, Object> kwargs() {
      Map<String, Object> kwargs = new LinkedHashMap<>(config);
      Object extra = kwargs.remove("extra");
      if (extra != null) {
        kwargs.putAll((Map<String, Object>) extra);
      }
      return kwargs;
    }

    boolean expectsError() {
      return expected.containsKey("error");
    }

    /** The loss PyKEEN's constructor builds from {@link #kwargs()}. */
    DoubleMarginLoss loss() {
      return DoubleMarginLoss.fromConfig(kwargs());
    }

    /** The number {@code name} of the configuration, or null when it is absent or null. */
    Double configNumber(String name) {
      return nullableNumber(config.get(name));
    }

    /** The float tensor input {@code name}. */
    FloatTensor tensor(String name) {
      return floatTensor(inputs.get(name));
    }

    /** The boolean tensor input {@code name}, or null when it is absent or null. */
    BoolTensor mask(String name) {
      return boolTensor(inputs.get(name));
    }

    /** The number input {@code name}, or null when it is absent or null. */
    Double number(String name) {
      return nullableNumber(inputs.get(name));
    }

    /** The integer input {@code name}, or null when it is absent or null. */
    Integer integer(String name) {
      Object value = inputs.get(name);
      return value == null ? null : ((Double) value).intValue();
    }
  }

  /** The file, or null when no candidate exists. */
  static Path locate() {
    List<Path> candidates = new ArrayList<>();
    String file = System.getProperty("kge4j.parity");
    if (file != null) {
      candidates.add(Path.of(file));
    }
    String shared = System.getProperty("kge4j.shared");
    if (shared != null) {
      candidates.add(Path.of(shared, "parity", "public.jsonl"));
    }
    candidates.add(Path.of("..", "shared", "parity", "public.jsonl"));
    candidates.add(Path.of("..", "..", "shared", "parity", "public.jsonl"));
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
  }

  @SuppressWarnings("unchecked")
  static List<Case> load(Path path) {
    try {
      List<Case> cases = new ArrayList<>();
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> o = (Map<String, Object>) Json.parse(line);
        cases.add(
            new Case(
                (String) o.get("id"),
                (String) o.get("kind"),
                (Map<String, Object>) o.get("config"),
                (Map<String, Object>) o.get("inputs"),
                (Map<String, Object>) o.get("expected")));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A number that may be written as the strings NaN, Infinity, -Infinity. */
  static double number(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    return switch ((String) value) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("not a number: " + value);
    };
  }

  static Double nullableNumber(Object value) {
    return value == null ? null : number(value);
  }

  @SuppressWarnings("unchecked")
  static int[] shape(Object tensor) {
    List<Object> dims = (List<Object>) ((Map<String, Object>) tensor).get("shape");
    return dims.stream().mapToInt(d -> ((Double) d).intValue()).toArray();
  }

  @SuppressWarnings("unchecked")
  static FloatTensor floatTensor(Object tensor) {
    List<Object> data = (List<Object>) ((Map<String, Object>) tensor).get("data");
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) number(data.get(i));
    }
    return FloatTensor.of(values, shape(tensor));
  }

  @SuppressWarnings("unchecked")
  static BoolTensor boolTensor(Object tensor) {
    if (tensor == null) {
      return null;
    }
    List<Object> data = (List<Object>) ((Map<String, Object>) tensor).get("data");
    boolean[] values = new boolean[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (Boolean) data.get(i);
    }
    return BoolTensor.of(values, shape(tensor));
  }
}
