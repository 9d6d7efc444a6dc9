package org.kge4j.config;

import java.util.List;
import java.util.Map;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;

/**
 * The dataset component: {@code dataset} and {@code dataset_kwargs} of the pipeline JSON. The name
 * is what {@link Datasets#load} takes: {@code embedded}, a known dataset ({@code nations}, {@code
 * umls}, {@code kinships}, {@code fb15k237}, {@code wn18rr}) or a directory with {@code train.txt},
 * {@code valid.txt} and {@code test.txt}. One keyword argument: {@code create_inverse_triples}
 * (PyKEEN's, default false), which gives every relation {@code r} an inverse {@code r + R} so that
 * head prediction becomes tail prediction with the inverse relation; with the LCWA loop this is
 * PyKEEN's LCWA over the triples and their inverses (tails only).
 *
 * @param name the dataset name or directory, not blank
 * @param createInverseTriples whether the model keeps an inverse of every relation
 */
public record DatasetConfig(String name, boolean createInverseTriples) {

  /** The supported {@code dataset_kwargs}. */
  public static final List<String> KWARGS = List.of("create_inverse_triples");

  /** A dataset without inverse triples. */
  public DatasetConfig(String name) {
    this(name, false);
  }

  /** Checks the name. */
  public DatasetConfig {
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          "dataset", "dataset must name a dataset or a directory, got " + Kwargs.describe(name));
    }
  }

  /**
   * The component from its name and {@code dataset_kwargs}.
   *
   * @throws ConfigurationException for a blank name or an unsupported keyword argument
   */
  public static DatasetConfig fromKwargs(String name, Map<String, ?> kwargs) {
    new DatasetConfig(name);
    Kwargs k = Kwargs.of("dataset_kwargs", kwargs, "dataset " + name, KWARGS);
    Boolean inverse = k.bool("create_inverse_triples");
    return new DatasetConfig(name, inverse != null && inverse);
  }

  /** Loads the dataset (downloading a known one on first use). */
  public Dataset load() {
    return Datasets.load(name);
  }

  /** {@code dataset_kwargs}: {@code create_inverse_triples} when set. */
  public Map<String, Object> kwargs() {
    return createInverseTriples ? Map.of("create_inverse_triples", true) : Map.of();
  }
}
