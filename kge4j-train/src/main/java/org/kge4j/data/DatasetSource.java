package org.kge4j.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of dataset beyond the names and directories of {@link Datasets}, provided by another
 * module — kge4j-rdf reads RDF and CSV/TSV graph files — and found with {@link
 * java.util.ServiceLoader} (declared in the module's {@code
 * META-INF/services/org.kge4j.data.DatasetSource}). It lets a pipeline configuration's {@code
 * dataset} and {@code dataset_kwargs} name such a dataset, and lets checkpoints and {@code
 * pipeline_config.json} files read it again, while kge4j-train depends on no such module.
 *
 * <p>Contract: {@link #normalize} is a function of its arguments (it may look at the location's
 * name but not read its content) and returns its own fixed point, so that a configuration written
 * out and read back is equal to itself; {@link #load} with normalized keyword arguments returns the
 * keyword arguments that reproduce the dataset (normalized ones, plus what reading learned, such as
 * a file's SHA-256 that later reads check). Implementations are stateless and thread-safe.
 */
public interface DatasetSource {

  /**
   * Whether this source reads {@code location}, the configuration's {@code dataset} (e.g. a file
   * whose extension it knows). Must not fail.
   */
  boolean reads(String location);

  /**
   * The {@code dataset_kwargs} keys this source takes, in the order {@link #normalize} lists them;
   * {@code create_inverse_triples} is every dataset's and not among them.
   */
  List<String> kwargs();

  /**
   * The keyword arguments checked and in canonical form: defaults written out, numbers as {@code
   * Long}/{@code Double}, sequences as {@code List}, no {@code null} values.
   *
   * @param kwargs keys among {@link #kwargs()} (unknown keys are rejected before this is called)
   * @throws IllegalArgumentException for a bad value, as an {@code
   *     org.kge4j.config.ConfigurationException} whose key is {@code dataset_kwargs.<key>}
   */
  Map<String, Object> normalize(String location, Map<String, ?> kwargs);

  /**
   * Reads the dataset at {@code location}.
   *
   * @param kwargs normalized keyword arguments ({@link #normalize})
   * @throws IllegalArgumentException if the content is malformed or not the one the keyword
   *     arguments describe (the message names the location and the problem)
   * @throws java.io.UncheckedIOException if it cannot be read
   */
  Loaded load(String location, Map<String, ?> kwargs);

  /**
   * A dataset read by a source.
   *
   * @param dataset the dataset
   * @param kwargs the keyword arguments that reproduce it: the normalized ones plus what reading
   *     learned (e.g. {@code sha256})
   * @param report entries for the {@code dataset} block of a run's {@code results.json}, e.g.
   *     {@code graph_file} with the file's provenance and counts
   * @param summary one line about what was read, for a command line
   */
  record Loaded(
      Dataset dataset, Map<String, Object> kwargs, Map<String, Object> report, String summary) {

    /** Checks that every part is present. */
    public Loaded {
      Objects.requireNonNull(dataset, "dataset");
      Objects.requireNonNull(kwargs, "kwargs");
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /**
   * The first source on the class path that {@link #reads} {@code location}; empty for names and
   * directories, which {@link Datasets#load} reads.
   */
  static Optional<DatasetSource> forLocation(String location) {
    for (DatasetSource source : InstalledSources.ALL) {
      if (source.reads(location)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
