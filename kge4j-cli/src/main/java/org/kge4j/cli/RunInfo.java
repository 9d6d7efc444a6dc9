package org.kge4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;

/**
 * Where a run's data came from and where it writes: the {@code --dataset} value as given (a
 * directory made absolute) and the output directory. Stored in {@code results.json} under {@code
 * dataset.source}, so that {@code --resume} and {@code kge4j evaluate} find a run's dataset without
 * being told again.
 *
 * @param datasetSource the dataset name or absolute directory
 * @param directory the run's output directory
 */
record RunInfo(String datasetSource, Path directory) {

  /**
   * Makes a directory source absolute, so that the run can be resumed from anywhere; names ({@code
   * embedded}, {@code umls}, ...) stay names, as {@link Datasets#load} reads them first.
   */
  RunInfo {
    if (!isName(datasetSource) && Files.isDirectory(Path.of(datasetSource))) {
      datasetSource = Path.of(datasetSource).toAbsolutePath().normalize().toString();
    }
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
   * The run recorded in {@code directory/results.json}, or null when there is none (a checkpoint
   * copied elsewhere) or it names no dataset.
   */
  static RunInfo read(Path directory) {
    Path results = directory.resolve(OutputFiles.RESULTS_JSON);
    if (!Files.isRegularFile(results)) {
      return null;
    }
    try {
      JsonNode source =
          OutputFiles.json().readTree(results.toFile()).path("dataset").path("source");
      return source.isTextual() ? new RunInfo(source.asText(), directory) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + results + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a dataset, turning an unknown name or a malformed directory into a usage error on {@code
   * option} (exit code 2); a failed download ({@code DatasetDownloadException}) stays a failure
   * (exit code 1) whose message says where to put the files.
   */
  static Dataset loadDataset(OptionChecks checks, String option, String source) {
    try {
      return Datasets.load(source);
    } catch (IllegalArgumentException e) {
      throw checks.invalid(option, e.getMessage());
    }
  }
}
