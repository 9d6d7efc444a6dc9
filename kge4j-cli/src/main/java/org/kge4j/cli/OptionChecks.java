package org.kge4j.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Range checks for option values that turn a bad value into a picocli {@link ParameterException}
 * (exit code 2) whose message names the option, the value received and what is allowed, e.g. {@code
 * Invalid value for option '--dim': must be an integer >= 1, got 0}.
 */
final class OptionChecks {

  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private final CommandLine commandLine;

  OptionChecks(CommandLine commandLine) {
    this.commandLine = commandLine;
  }

  /** An error about {@code option}'s value: {@code Invalid value for option '<option>': <what>}. */
  ParameterException invalid(String option, String what) {
    return new ParameterException(
        commandLine, "Invalid value for option '" + option + "': " + what);
  }

  /** {@code value >= min}. */
  int atLeast(String option, int value, int min) {
    if (value < min) {
      throw invalid(option, "must be an integer >= " + min + ", got " + value);
    }
    return value;
  }

  /** A worker-thread count: {@code value >= 1}, or all available processors when not given. */
  int threads(String option, Integer value) {
    return value == null ? Runtime.getRuntime().availableProcessors() : atLeast(option, value, 1);
  }

  /** {@code value} finite and {@code > 0}. */
  double positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(option, "must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** {@code value} finite and {@code >= 0}. */
  Double nonNegative(String option, Double value) {
    if (value != null && (!(value >= 0) || Double.isInfinite(value))) {
      throw invalid(option, "must be a finite number >= 0, got " + value);
    }
    return value;
  }

  /** {@code value} finite (or absent). */
  Double finite(String option, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw invalid(option, "must be a finite number, got " + value);
    }
    return value;
  }

  /** {@code value} in the open interval {@code (lower, upper)}. */
  double openInterval(String option, double value, double lower, double upper) {
    if (!(value > lower && value < upper)) {
      throw invalid(
          option, "must be in the open interval (" + lower + ", " + upper + "), got " + value);
    }
    return value;
  }

  /** {@code value} in {@code [lower, upper)} (or absent). */
  Double halfOpen(String option, Double value, double lower, double upper) {
    if (value != null && !(value >= lower && value < upper)) {
      throw invalid(option, "must be in [" + lower + ", " + upper + "), got " + value);
    }
    return value;
  }

  /**
   * {@code value}, lower-cased, if it is one of {@code allowed} ignoring case.
   *
   * @return the lower-case name
   */
  String choice(String option, String value, List<String> allowed) {
    String key = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(key)) {
      throw invalid(
          option,
          "expected one of "
              + String.join(", ", allowed)
              + " (case-insensitive), got '"
              + value
              + "'");
    }
    return key;
  }

  /**
   * Creates {@code directory}, the value of {@code option}, with its parents (nothing when it
   * exists).
   *
   * @return {@code directory}
   * @throws ParameterException on {@code option} when it cannot be created
   */
  Path createDirectories(String option, Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw invalid(option, "cannot create directory " + directory + ": " + e.getMessage());
    }
    return directory;
  }

  /**
   * The JSON object in {@code file}, the value of {@code option}.
   *
   * @throws ParameterException on {@code option} when the file is missing, is not valid JSON or
   *     holds {@code null}
   */
  Map<String, Object> jsonObject(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw invalid(option, "no such file: " + file.toAbsolutePath());
    }
    Map<String, Object> document;
    try {
      document = OutputFiles.json().readValue(file.toFile(), JSON_OBJECT);
    } catch (IOException e) {
      throw invalid(option, file + " is not valid JSON: " + e.getMessage());
    }
    if (document == null) {
      throw invalid(option, file + " is empty");
    }
    return document;
  }
}
