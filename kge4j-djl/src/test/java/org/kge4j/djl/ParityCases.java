package org.kge4j.djl;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the golden vectors of {@code ../shared/parity/public.jsonl} (schema in its README) and the
 * shared datasets, located through the system property {@code kge4j.shared} that Surefire passes.
 */
final class ParityCases {

  /** A tensor of the vectors: row-major float data and its shape ({@code []} = scalar). */
  record Tensor(float[] data, int[] shape) {
    long[] longShape() {
      return Arrays.stream(shape).asLongStream().toArray();
    }
  }

  /** Reads the vectors' integer and boolean arrays. */
  private static final Gson GSON = new Gson();

  private ParityCases() {}

  /**
   * {@code ../shared}: the {@code kge4j.shared} property that Surefire passes, or, when a build of
   * this module alone computed it from the wrong root, {@code ../../shared} from the module folder.
   */
  static Optional<Path> sharedFolder() {
    String property = System.getProperty("kge4j.shared");
    return Stream.of(property == null ? null : Path.of(property), Path.of("..", "..", "shared"))
        .filter(folder -> folder != null && Files.isDirectory(folder))
        .findFirst();
  }

  /** The golden vectors file, if the shared folder holds one. */
  static Optional<Path> vectorsFile() {
    return sharedFolder()
        .map(folder -> folder.resolve("parity").resolve("public.jsonl"))
        .filter(Files::isRegularFile);
  }

  static List<JsonObject> load(Path file) {
    try {
      List<JsonObject> cases = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          cases.add(JsonParser.parseString(line).getAsJsonObject());
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PyKEEN's keyword arguments, JSON null kept as Java null. */
  static Map<String, Object> config(JsonObject testCase) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : testCase.getAsJsonObject("config").entrySet()) {
      JsonElement value = entry.getValue();
      Object converted;
      if (value.isJsonNull()) {
        converted = null;
      } else if (value.getAsJsonPrimitive().isNumber()) {
        converted = value.getAsDouble();
      } else {
        converted = value.getAsString();
      }
      config.put(entry.getKey(), converted);
    }
    return config;
  }

  /** The {@code shape} of a tensor of the vectors. */
  static int[] shape(JsonObject tensor) {
    return GSON.fromJson(tensor.getAsJsonArray("shape"), int[].class);
  }

  static Tensor tensor(JsonObject tensor) {
    int[] shape = shape(tensor);
    var dataJson = tensor.getAsJsonArray("data");
    float[] data = new float[dataJson.size()];
    for (int i = 0; i < data.length; i++) {
      // NaN and the infinities are written as strings, which Float.parseFloat reads.
      data[i] = Float.parseFloat(dataJson.get(i).getAsString());
    }
    return new Tensor(data, shape);
  }

  /** The {@code data} of a boolean tensor of the vectors (a batch filter). */
  static boolean[] booleans(JsonObject tensor) {
    return GSON.fromJson(tensor.getAsJsonArray("data"), boolean[].class);
  }

  /** A nullable number of the inputs. */
  static Double optionalDouble(JsonObject inputs, String key) {
    JsonElement value = inputs.get(key);
    return value == null || value.isJsonNull() ? null : value.getAsDouble();
  }

  static Integer optionalInt(JsonObject inputs, String key) {
    JsonElement value = inputs.get(key);
    return value == null || value.isJsonNull() ? null : value.getAsInt();
  }
}
