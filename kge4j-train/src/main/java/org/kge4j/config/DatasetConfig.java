package org.kge4j.config;

import java.util.List;
import java.util.Map;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;

/**
 * The dataset component: {@code dataset} and {@code dataset_kwargs} of the pipeline JSON. The name
 * is what {@link Datasets#load} takes: {@code embedded}, a known dataset ({@code nations}, {@code
 * umls}, {@code kinships}, {@code fb15k237}, {@code wn18rr}) or a directory with {@code train.txt},
 * {@code valid.txt} and {@code test.txt}. No keyword argument is supported yet ({@code
 * dataset_kwargs} must be empty).
 *
 * @param name the dataset name or directory, not blank
 */
public record DatasetConfig(String name) {

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
   * @throws ConfigurationException for a blank name or any keyword argument
   */
  public static DatasetConfig fromKwargs(String name, Map<String, ?> kwargs) {
    DatasetConfig config = new DatasetConfig(name);
    Kwargs.of("dataset_kwargs", kwargs, "dataset " + name, List.of());
    return config;
  }

  /** Loads the dataset (downloading a known one on first use). */
  public Dataset load() {
    return Datasets.load(name);
  }

  /** {@code dataset_kwargs}: empty. */
  public Map<String, Object> kwargs() {
    return Map.of();
  }
}
