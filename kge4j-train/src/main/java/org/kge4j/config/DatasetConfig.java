package org.kge4j.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kge4j.data.Dataset;
import org.kge4j.data.DatasetSource;
import org.kge4j.data.Datasets;

/**
 * The dataset component: {@code dataset} and {@code dataset_kwargs} of the pipeline JSON. The name
 * is what {@link Datasets#load} takes — {@code embedded}, a known dataset ({@code nations}, {@code
 * umls}, {@code kinships}, {@code fb15k237}, {@code wn18rr}) or a directory with {@code train.txt},
 * {@code valid.txt} and {@code test.txt} — or a location that a {@link DatasetSource} on the class
 * path reads (kge4j-rdf: an RDF or CSV/TSV graph file, split as its keyword arguments say).
 *
 * <p>Keyword arguments: {@code create_inverse_triples} (PyKEEN's, default false) for every dataset,
 * which gives every relation {@code r} an inverse {@code r + R} so that head prediction becomes
 * tail prediction with the inverse relation (with the LCWA loop this is PyKEEN's LCWA over the
 * triples and their inverses, tails only); and those of the dataset's source ({@link
 * DatasetSource#kwargs()}), held normalized (defaults written out) so that a configuration names
 * exactly the data it trains on. Any other key fails with the key and what is supported.
 *
 * @param name the dataset name, directory or a source's location, not blank
 * @param createInverseTriples whether the model keeps an inverse of every relation
 * @param sourceKwargs the source's keyword arguments, normalized; empty for names and directories
 */
public record DatasetConfig(
    String name, boolean createInverseTriples, Map<String, Object> sourceKwargs) {

  /** The {@code dataset_kwargs} every dataset supports. */
  public static final List<String> KWARGS = List.of("create_inverse_triples");

  /** A dataset without inverse triples and with its source's default keyword arguments. */
  public DatasetConfig(String name) {
    this(name, false);
  }

  /** A dataset with its source's default keyword arguments. */
  public DatasetConfig(String name, boolean createInverseTriples) {
    this(name, createInverseTriples, Map.of());
  }

  /**
   * Checks the name and the source's keyword arguments, and normalizes them.
   *
   * @throws ConfigurationException for a blank name, a key the dataset does not support (listing
   *     the supported ones) or a bad value
   */
  public DatasetConfig {
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          "dataset", "dataset must name a dataset or a directory, got " + Kwargs.describe(name));
    }
    Optional<DatasetSource> source = DatasetSource.forLocation(name);
    List<String> supported = new ArrayList<>(KWARGS);
    source.ifPresent(s -> supported.addAll(s.kwargs()));
    Map<String, ?> given = sourceKwargs == null ? Map.of() : sourceKwargs;
    Kwargs.of("dataset_kwargs", given, "dataset " + name, supported);
    if (given.containsKey("create_inverse_triples")) {
      throw new IllegalArgumentException(
          "sourceKwargs must not hold create_inverse_triples, which is createInverseTriples");
    }
    sourceKwargs =
        source.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(source.get().normalize(name, given)));
  }

  /**
   * The component from its name and {@code dataset_kwargs}.
   *
   * @throws ConfigurationException for a blank name, an unsupported keyword argument or a bad value
   */
  public static DatasetConfig fromKwargs(String name, Map<String, ?> kwargs) {
    Map<String, Object> rest = new LinkedHashMap<>(kwargs == null ? Map.of() : kwargs);
    Object inverse = rest.remove("create_inverse_triples");
    if (inverse != null && !(inverse instanceof Boolean)) {
      throw new ConfigurationException(
          "dataset_kwargs.create_inverse_triples",
          "dataset_kwargs.create_inverse_triples must be true or false, got "
              + Kwargs.describe(inverse));
    }
    return new DatasetConfig(name, Boolean.TRUE.equals(inverse), rest);
  }

  /** Loads the dataset (downloading a known one on first use). */
  public Dataset load() {
    return resolve().dataset();
  }

  /**
   * Loads the dataset and resolves this configuration to the one that reproduces it: the source's
   * keyword arguments with what reading learned (a graph file's SHA-256, which later loads of the
   * resolved configuration check).
   *
   * @throws IllegalArgumentException if the dataset is unknown, malformed or not the one the
   *     keyword arguments describe
   */
  public LoadedDataset resolve() {
    Optional<DatasetSource> source = DatasetSource.forLocation(name);
    if (source.isEmpty()) {
      return new LoadedDataset(this, Datasets.load(name), Map.of(), Optional.empty());
    }
    DatasetSource.Loaded loaded = source.get().load(name, sourceKwargs);
    return new LoadedDataset(
        new DatasetConfig(name, createInverseTriples, loaded.kwargs()),
        loaded.dataset(),
        loaded.report(),
        Optional.of(loaded.summary()));
  }

  /**
   * The same data at another location (a moved directory or file): inverse triples as here, and the
   * source's keyword arguments too when the same source reads {@code location} — a graph file's
   * recorded SHA-256 then still checks that it holds the same data — else that source's defaults.
   *
   * @throws ConfigurationException for a blank location
   */
  public DatasetConfig at(String location) {
    Optional<DatasetSource> here = DatasetSource.forLocation(name);
    Optional<DatasetSource> there =
        location == null || location.isBlank()
            ? Optional.empty()
            : DatasetSource.forLocation(location);
    boolean sameSource =
        here.isPresent()
            && there.isPresent()
            && here.get().getClass().equals(there.get().getClass());
    return new DatasetConfig(location, createInverseTriples, sameSource ? sourceKwargs : Map.of());
  }

  /**
   * {@code dataset_kwargs}: {@code create_inverse_triples} when set, then the source's keyword
   * arguments.
   */
  public Map<String, Object> kwargs() {
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (createInverseTriples) {
      kwargs.put("create_inverse_triples", true);
    }
    kwargs.putAll(sourceKwargs);
    return kwargs;
  }
}
