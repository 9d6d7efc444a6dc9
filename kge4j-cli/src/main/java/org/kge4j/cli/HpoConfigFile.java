package org.kge4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HPO configuration file in PyKEEN's form, {@code {"metadata": {...}, "optuna": {...},
 * "pipeline": {...}}} ({@code hpo_pipeline_from_config}): {@code pipeline} holds a pipeline's keys
 * and {@code <component>_kwargs_ranges} (read by {@link org.kge4j.hpo.pipeline.KgeSearchSpace}),
 * {@code optuna} the study's settings:
 *
 * <table>
 *   <caption>optuna keys</caption>
 *   <tr><th>key</th><th>value</th><th>command line</th></tr>
 *   <tr><td>{@code n_trials}</td><td>an integer >= 1</td><td>{@code --n-trials}</td></tr>
 *   <tr><td>{@code timeout}</td><td>seconds, or a duration string ({@code "20m"})</td>
 *       <td>{@code --timeout}</td></tr>
 *   <tr><td>{@code sampler}</td><td>{@code tpe}, {@code random}, {@code sobol} (or {@code qmc}),
 *       {@code grid}</td><td>{@code --sampler}</td></tr>
 *   <tr><td>{@code sampler_kwargs}</td><td>{@code {"seed": N}}</td><td>{@code --seed}</td></tr>
 *   <tr><td>{@code pruner}</td><td>{@code median}, {@code asha} ({@code successive_halving}),
 *       {@code hyperband}, {@code none} ({@code nop})</td><td>{@code --pruner}</td></tr>
 *   <tr><td>{@code storage}</td><td>a file, or {@code sqlite:///FILE} as Optuna writes it</td>
 *       <td>{@code --storage}</td></tr>
 *   <tr><td>{@code study_name}</td><td>a name</td><td>{@code --study-name}</td></tr>
 *   <tr><td>{@code metric}</td><td>a metric ({@code mrr}, {@code hits@10},
 *       {@code both.realistic.inverse_harmonic_mean_rank}, ...)</td><td>{@code --metric}</td></tr>
 *   <tr><td>{@code direction}</td><td>{@code maximize} or {@code minimize}: must be the
 *       metric's</td><td>(follows the metric)</td></tr>
 * </table>
 *
 * Any other key fails with the key and the supported ones.
 *
 * @param file the file
 * @param optuna the {@code optuna} section
 * @param pipeline the {@code pipeline} section
 */
record HpoConfigFile(Path file, Map<String, Object> optuna, Map<String, Object> pipeline) {

  /** The keys of the {@code optuna} section. */
  static final List<String> OPTUNA_KEYS =
      List.of(
          "n_trials",
          "timeout",
          "sampler",
          "sampler_kwargs",
          "pruner",
          "storage",
          "study_name",
          "metric",
          "direction");

  /**
   * Reads and checks the file's structure (its values are checked where they are used).
   *
   * @throws picocli.CommandLine.ParameterException on {@code option} for a missing or malformed
   *     file or an unsupported key
   */
  static HpoConfigFile read(OptionChecks checks, String option, Path file) {
    Map<String, Object> document = checks.jsonObject(option, file);
    for (String key : document.keySet()) {
      if (!List.of("metadata", "optuna", "pipeline").contains(key)) {
        throw checks.invalid(
            option,
            file
                + ": "
                + key
                + " is not supported at the top level; supported: metadata, optuna,"
                + " pipeline");
      }
    }
    Map<String, Object> optuna = section(checks, option, file, document, "optuna");
    for (String key : optuna.keySet()) {
      if (!OPTUNA_KEYS.contains(key)) {
        throw checks.invalid(
            option,
            file
                + ": optuna."
                + key
                + " is not supported; supported: "
                + String.join(", ", OPTUNA_KEYS));
      }
    }
    Map<String, Object> samplerKwargs = section(checks, option, file, optuna, "sampler_kwargs");
    for (String key : samplerKwargs.keySet()) {
      if (!key.equals("seed")) {
        throw checks.invalid(
            option, file + ": optuna.sampler_kwargs." + key + " is not supported; supported: seed");
      }
    }
    section(checks, option, file, document, "metadata");
    return new HpoConfigFile(file, optuna, section(checks, option, file, document, "pipeline"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(
      OptionChecks checks, String option, Path file, Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return new LinkedHashMap<>();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw checks.invalid(option, file + ": " + key + " must be an object, got " + value);
    }
    return new LinkedHashMap<>((Map<String, Object>) value);
  }

  /** {@code optuna.<key>}, if present. */
  Optional<Object> optuna(String key) {
    return Optional.ofNullable(optuna.get(key));
  }

  /** {@code optuna.sampler_kwargs.seed}, if present. */
  Optional<Object> samplerSeed() {
    Object kwargs = optuna.get("sampler_kwargs");
    return kwargs instanceof Map<?, ?> m ? Optional.ofNullable(m.get("seed")) : Optional.empty();
  }
}
