package org.kge4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;

/**
 * Where a run's data came from: the {@code --dataset} value as given (a directory made absolute).
 * The source is the configuration's {@code dataset} (so that {@code --resume} and {@code kge4j
 * evaluate} find a run's dataset in its checkpoint without being told again) and is recorded in
 * {@code results.json} under {@code dataset.source}.
 *
 * @param datasetSource the dataset name or absolute directory
 */
record RunInfo(String datasetSource) {

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
