package org.kge4j.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kge4j.config.DatasetConfig;
import org.kge4j.config.LoadedDataset;
import org.kge4j.data.DatasetSource;
import org.kge4j.data.Datasets;

/**
 * Where a run's data came from, for {@code results.json}'s {@code dataset} block: the
 * configuration's {@code dataset} ({@code dataset.source}) and what its source reported (a graph
 * file's {@code graph_file}: path, format, SHA-256, read and split options, counts). The
 * configuration itself — in the checkpoint and {@code pipeline_config.json} — is what {@code
 * --resume}, {@code evaluate}, {@code predict}, {@code export} and {@code serve} read the data
 * from.
 *
 * @param datasetSource the dataset name, absolute directory or absolute graph file
 * @param report the dataset source's entries (e.g. {@code graph_file}); empty for names and
 *     directories
 */
record RunInfo(String datasetSource, Map<String, Object> report) {

  /** Copies the report, which may hold null values (a graph file without chosen columns). */
  RunInfo {
    report = Collections.unmodifiableMap(new LinkedHashMap<>(report));
  }

  /** The run's data as loaded. */
  static RunInfo of(LoadedDataset loaded) {
    return new RunInfo(loaded.config().name(), loaded.report());
  }

  /**
   * {@code source} made absolute when it is a directory or a {@link DatasetSource}'s file, so that
   * a run's configuration reads it from anywhere; names ({@code embedded}, {@code umls}, ...) stay
   * names, as {@link Datasets#load} reads them first.
   */
  static String location(String source) {
    if (isName(source)) {
      return source;
    }
    try {
      Path path = Path.of(source);
      if (Files.isDirectory(path) || DatasetSource.forLocation(source).isPresent()) {
        return path.toAbsolutePath().normalize().toString();
      }
    } catch (InvalidPathException e) {
      // not a path: Datasets.load reports it as an unknown dataset
    }
    return source;
  }

  private static boolean isName(String source) {
    if (source.isBlank()
        || source.replaceAll("[^A-Za-z0-9]", "").equalsIgnoreCase(Datasets.EMBEDDED)) {
      return true;
    }
    try {
      Datasets.spec(source);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Loads the dataset of a configuration ({@link DatasetConfig#resolve()}), turning an unknown
   * name, a malformed directory or file, or a graph file that changed since the configuration
   * recorded it into a usage error on {@code option} (exit code 2, nothing written yet); a failed
   * download ({@code DatasetDownloadException}) or an unreadable file stays a failure (exit code 1)
   * whose message says what went wrong.
   */
  static LoadedDataset load(OptionChecks checks, String option, DatasetConfig dataset) {
    try {
      return dataset.resolve();
    } catch (IllegalArgumentException e) {
      throw checks.invalid(option, e.getMessage());
    }
  }
}
