package org.kge4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The versions a result depends on, recorded in {@code results.json} so that a result can be traced
 * to the software that produced it: kge4j (from the build), the Java runtime and the operating
 * system.
 *
 * @param kge4j kge4j's version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param java {@code java.version} of the running JVM
 * @param javaVendor {@code java.vendor}
 * @param javaVm {@code java.vm.name}
 * @param os {@code os.name os.version os.arch}
 * @param processors processors available to the JVM
 */
public record Versions(
    String kge4j, String java, String javaVendor, String javaVm, String os, int processors) {

  /** The versions of this process. */
  public static Versions current() {
    return new Versions(
        kge4jVersion(),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors());
  }

  /** kge4j's version as written into {@code version.properties} by the build. */
  public static String kge4jVersion() {
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the kge4j-cli jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The versions under the keys written to {@code results.json}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kge4j", kge4j);
    map.put("java", java);
    map.put("java_vendor", javaVendor);
    map.put("java_vm", javaVm);
    map.put("os", os);
    map.put("available_processors", processors);
    return map;
  }
}
