package org.kge4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.rdf.GraphDataset;
import org.kge4j.rdf.GraphFileOptions;
import org.kge4j.rdf.GraphFiles;

/**
 * Where a run's data came from and where it writes: the {@code --dataset} value as given (a
 * directory or graph file made absolute), the output directory and, for a graph file, its
 * provenance (path, SHA-256, how it was read and split, the counts). Stored in {@code results.json}
 * under {@code dataset.source} and {@code dataset.graph_file}, so that {@code --resume} and {@code
 * kge4j evaluate} find a run's dataset, split the same way, without being told again.
 *
 * @param datasetSource the dataset name, absolute directory or absolute graph file
 * @param directory the run's output directory
 * @param graphFile the graph file's provenance ({@link GraphDataset#provenance()}); empty for named
 *     datasets and directories
 */
record RunInfo(String datasetSource, Path directory, Map<String, Object> graphFile) {

  /**
   * Makes a directory or file source absolute, so that the run can be resumed from anywhere; names
   * ({@code embedded}, {@code umls}, ...) stay names, as {@link Datasets#load} reads them first.
   */
  RunInfo {
    if (!isName(datasetSource)
        && (Files.isDirectory(Path.of(datasetSource)) || GraphFiles.isGraphFile(datasetSource))) {
      datasetSource = Path.of(datasetSource).toAbsolutePath().normalize().toString();
    }
    // Provenance holds nulls (no columns chosen), which Map.copyOf refuses.
    graphFile = Collections.unmodifiableMap(new LinkedHashMap<>(graphFile));
  }

  /** A run on a named dataset or a directory: no graph file. */
  RunInfo(String datasetSource, Path directory) {
    this(datasetSource, directory, Map.of());
  }

  /** Whether {@code source} is {@code embedded} or a known dataset name rather than a path. */
  static boolean isName(String source) {
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
      JsonNode dataset = OutputFiles.json().readTree(results.toFile()).path("dataset");
      JsonNode source = dataset.path("source");
      if (!source.isTextual()) {
        return null;
      }
      JsonNode graphFile = dataset.path("graph_file");
      @SuppressWarnings("unchecked")
      Map<String, Object> provenance =
          graphFile.isObject() ? OutputFiles.json().convertValue(graphFile, Map.class) : Map.of();
      return new RunInfo(source.asText(), directory, provenance);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + results + ": " + e.getMessage(), e);
    }
  }

  /**
   * A loaded dataset and, for a graph file, where it came from.
   *
   * @param dataset the dataset
   * @param graph the graph file it was read and split from, if it was
   */
  record Loaded(Dataset dataset, Optional<GraphDataset> graph) {

    /** The graph file's provenance for {@code results.json}; empty for other datasets. */
    Map<String, Object> provenance() {
      return graph.map(GraphDataset::provenance).orElse(Map.of());
    }
  }

  /**
   * Loads a dataset — a graph file through {@link GraphFiles#load} with {@code graphOptions}, else
   * a name or directory through {@link Datasets#load} — turning an unknown name, a malformed file
   * or directory into a usage error on {@code option} (exit code 2, and nothing written yet); a
   * failed download ({@code DatasetDownloadException}) or an unreadable file stays a failure (exit
   * code 1) whose message says what went wrong.
   *
   * @param graphOptions how to read and split a graph file ({@link GraphFileMixin}); empty for
   *     names and directories
   */
  static Loaded loadDataset(
      OptionChecks checks, String option, String source, Optional<GraphFileOptions> graphOptions) {
    try {
      if (graphOptions.isPresent()) {
        GraphDataset graph = GraphFiles.load(Path.of(source), graphOptions.get());
        return new Loaded(graph.dataset(), Optional.of(graph));
      }
      return new Loaded(Datasets.load(source), Optional.empty());
    } catch (IllegalArgumentException e) {
      throw checks.invalid(option, e.getMessage());
    }
  }
}
