package org.kge4j.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVMs for tests that need real separate processes (SQLite study workers in hpo, {@code
 * kge4j} commands in cli): this JVM's {@code java} on this test's class path.
 */
public final class JavaProcesses {

  private JavaProcesses() {}

  /** A process builder that runs {@code main} with {@code args}. */
  public static ProcessBuilder of(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
