package org.kge4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.pipeline.BestPipeline;
import org.kge4j.hpo.pipeline.KgeSearchSpace;
import org.kge4j.hpo.pipeline.ObjectiveMetric;
import org.kge4j.hpo.pipeline.ParameterImportance;
import org.kge4j.hpo.pipeline.Replicates;
import org.kge4j.hpo.pipeline.SearchDimension;
import org.kge4j.hpo.pipeline.TrialsTable;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.Study;
import org.kge4j.hpo.study.TrialState;

/**
 * Writes a study's results in PyKEEN's layout under the output directory, every file atomically:
 *
 * <ul>
 *   <li>{@value #STUDY_JSON}: the study's name, storage, direction, metric, its attributes (kge4j
 *       version, dataset and the SHA-256 of its files, seeds, sampler, pruner, search space), the
 *       number of trials per state, the best trial and the parameter importances with their method;
 *   <li>{@value #TRIALS_TSV}: {@link TrialsTable};
 *   <li>{@code best_pipeline/pipeline_config.json}: {@link BestPipeline}, runnable with {@code
 *       kge4j train --config};
 *   <li>the plots of {@link StudyPlots} (with {@code plots});
 *   <li>{@code best_pipeline/replicates.tsv} and {@code replicates.json}: the test metrics of the
 *       re-trained best configuration per seed, and their mean and standard deviation.
 * </ul>
 */
final class StudyOutputs {

  static final String STUDY_JSON = "study.json";
  static final String TRIALS_TSV = "trials.tsv";
  static final String BEST_PIPELINE = "best_pipeline";
  static final String REPLICATES_TSV = "replicates.tsv";
  static final String REPLICATES_JSON = "replicates.json";

  /** The importance method, as study.json and the plot state it. */
  static final String IMPORTANCE_METHOD =
      "first-order variance decomposition: bias-corrected share of the variance of the complete"
          + " trials' values explained by each parameter (epsilon squared, one-way ANOVA over"
          + " equal-count groups on the parameter's sampling scale), normalised to sum 1";

  private StudyOutputs() {}

  /**
   * Writes study.json, trials.tsv, the best pipeline (once a trial is complete) and, with {@code
   * plots}, the plots.
   *
   * @return the best pipeline, if any
   */
  static Optional<BestPipeline> write(
      Path directory,
      Study study,
      Path storage,
      KgeSearchSpace space,
      ObjectiveMetric metric,
      boolean plots) {
    List<FrozenTrial> trials = study.trials();
    Map<String, Double> importance = ParameterImportance.of(trials);
    Optional<BestPipeline> best = BestPipeline.of(study, space, metric);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("study_name", study.name());
    document.put("storage", storage.toAbsolutePath().toString());
    document.put("direction", study.direction().name().toLowerCase(Locale.ROOT));
    document.put("metric", metric.key());
    Map<String, Object> attributes = new LinkedHashMap<>();
    study
        .attributes()
        .forEach(
            (key, value) ->
                attributes.put(
                    key, key.equals("search_space") ? List.of(value.split("\n")) : value));
    document.put("attributes", attributes);
    Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    document.put("n_trials", counts);
    best.ifPresent(
        b -> {
          Map<String, Object> bestTrial = new LinkedHashMap<>();
          bestTrial.put("number", b.trial().number());
          bestTrial.put("value", b.trial().value().orElseThrow());
          bestTrial.put("params", space.kwargsOf(b.trial().params()));
          bestTrial.put("user_attrs", b.trial().userAttributes());
          document.put("best_trial", bestTrial);
        });
    Map<String, Object> importances = new LinkedHashMap<>();
    importances.put("method", IMPORTANCE_METHOD);
    importances.put("values", importance);
    document.put("parameter_importance", importances);
    document.put("written", Instant.now().toString());
    OutputFiles.writeJson(document, directory.resolve(STUDY_JSON));
    OutputFiles.writeAtomically(directory.resolve(TRIALS_TSV), TrialsTable.toTsv(trials));
    best.ifPresent(
        b -> {
          Map<String, Object> extra = new LinkedHashMap<>();
          extra.put(
              "title", "best configuration of study " + study.name() + " (" + metric.key() + ")");
          extra.put("kge4j_version", Versions.kge4jVersion());
          extra.put("study_name", study.name());
          OutputFiles.writeJson(
              b.toPipelineMap(extra),
              bestDirectory(directory).resolve(OutputFiles.PIPELINE_CONFIG_JSON));
        });
    if (plots) {
      Map<String, HpoParameter> parameters = new LinkedHashMap<>();
      for (SearchDimension d : space.dimensions()) {
        parameters.put(d.name(), d.parameter());
      }
      StudyPlots.write(directory, trials, parameters, importance, metric.key(), study.direction());
    }
    return best;
  }

  /** {@code best_pipeline}, created. */
  static Path bestDirectory(Path directory) {
    Path best = directory.resolve(BEST_PIPELINE);
    try {
      Files.createDirectories(best);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + best + ": " + e.getMessage(), e);
    }
    return best;
  }

  /** Writes the replicate table and summary next to the best configuration. */
  static void writeReplicates(
      Path directory, BestPipeline best, List<Replicates.Replicate> replicates) {
    Path dir = bestDirectory(directory);
    StringBuilder tsv = new StringBuilder("seed");
    ObjectiveMetric.REPORTED.forEach(m -> tsv.append('\t').append(m));
    tsv.append("\ttraining_seconds\n");
    for (Replicates.Replicate r : replicates) {
      tsv.append(r.seed());
      ObjectiveMetric.REPORTED.forEach(m -> tsv.append('\t').append(r.test().get(m)));
      tsv.append('\t').append(r.result().training().trainingSeconds()).append('\n');
    }
    OutputFiles.writeAtomically(dir.resolve(REPLICATES_TSV), tsv.toString());
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("best_trial_number", best.trial().number());
    document.put("best_trial_evaluation", best.trial().value().orElseThrow());
    List<Long> seeds = new ArrayList<>();
    replicates.forEach(r -> seeds.add(r.seed()));
    document.put("seeds", seeds);
    Map<String, Object> summaries = new LinkedHashMap<>();
    for (String m : ObjectiveMetric.REPORTED) {
      Replicates.Summary s = Replicates.Summary.of(replicates, m);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("mean", s.mean());
      entry.put("std", s.std());
      entry.put("values", s.values());
      summaries.put(m, entry);
    }
    document.put("test", summaries);
    document.put("std", "sample standard deviation (n - 1)");
    document.put("configuration", best.toPipelineMap(Map.of()));
    document.put("written", Instant.now().toString());
    OutputFiles.writeJson(document, dir.resolve(REPLICATES_JSON));
  }
}
