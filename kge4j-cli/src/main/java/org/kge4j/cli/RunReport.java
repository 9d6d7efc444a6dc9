package org.kge4j.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;
import org.kge4j.training.PipelineResult;
import org.kge4j.training.TrainingResult;
import org.kge4j.training.ValidationRecord;

/**
 * Builds the {@code results.json} document of a run. Top-level keys:
 *
 * <ul>
 *   <li>{@code status}: {@code running} (written when training starts), {@code completed}, or
 *       {@code failed} (with {@code error}: the exception's message, or {@code interrupted});
 *   <li>{@code metrics}: the test metrics, flat under PyKEEN's names {@code <side>.<rank
 *       type>.<metric>}, e.g. {@code both.realistic.inverse_harmonic_mean_rank};
 *   <li>{@code configuration}: the run's pipeline document, {@code {"metadata": {"title",
 *       "kge4j_version"}, "pipeline": {...}}}, as in its {@code pipeline_config.json};
 *   <li>{@code loss}: the loss as resolved (form, margins, weights, activation, reduction);
 *   <li>{@code runtime}: {@code num_threads} (not part of the configuration: results do not depend
 *       on it);
 *   <li>{@code dataset}: name, source, {@code num_entities}, {@code num_relations} and per split
 *       {@code num_triples} (and the triples dropped for unknown entities); for a graph file also
 *       {@code graph_file}: path, format, SHA-256, the read and split options and the counts
 *       (statements read, literals skipped, duplicates removed, ...) — a report: the run reads its
 *       data again from the configuration's {@code dataset} and {@code dataset_kwargs};
 *   <li>{@code timings}: {@code training_seconds}, {@code evaluation_seconds}, {@code
 *       total_seconds}, {@code triples_per_second} (positive training triples per second of
 *       training, validation excluded);
 *   <li>{@code training}: epochs completed, early stopping, per-epoch losses and validation MRRs;
 *   <li>{@code versions}, {@code command}, {@code created}.
 * </ul>
 */
final class RunReport {

  private RunReport() {}

  /** The document written before training starts: no metrics yet. */
  static Map<String, Object> running(
      RunInfo info,
      PipelineConfig config,
      Dataset dataset,
      List<String> command,
      int numThreads,
      String title) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("status", "running");
    putConfiguration(document, config, title);
    document.put("runtime", runtime(numThreads));
    document.put("dataset", dataset(info, dataset));
    document.put("versions", Versions.current().toMap());
    document.put("command", command);
    document.put("created", Instant.now().toString());
    return document;
  }

  /** The document of a run that failed or was interrupted: {@code running}'s, with the error. */
  static Map<String, Object> failed(Map<String, Object> running, String error) {
    Map<String, Object> document = new LinkedHashMap<>(running);
    document.put("status", "failed");
    document.put("error", error);
    return document;
  }

  /** The document of a finished run. */
  static Map<String, Object> completed(
      RunInfo info,
      PipelineResult result,
      List<String> command,
      List<EpochRecord> history,
      double totalSeconds,
      int numThreads,
      String title) {
    TrainingResult training = result.training();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("status", "completed");
    document.put("metrics", result.test().map(m -> (Object) m.metrics()).orElse(Map.of()));
    putConfiguration(document, training.config(), title);
    document.put("runtime", runtime(numThreads));
    document.put("dataset", dataset(info, result.dataset()));
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("training_seconds", training.trainingSeconds());
    timings.put("evaluation_seconds", result.evaluationSeconds());
    timings.put("total_seconds", totalSeconds);
    timings.put("triples_per_second", training.triplesPerSecond());
    document.put("timings", timings);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("epochs_completed", training.epochsCompleted());
    run.put("stopped_early", training.stoppedEarly());
    run.put("best_epoch", training.bestEpoch());
    run.put("losses", training.losses());
    List<Map<String, Object>> validations = new ArrayList<>();
    for (ValidationRecord record : training.validations()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("epoch", record.epoch());
      entry.put(training.config().evaluator().mrrKey(), record.meanReciprocalRank());
      validations.add(entry);
    }
    run.put("validation", validations);
    document.put("training", run);
    document.put("versions", Versions.current().toMap());
    document.put("command", command);
    document.put("created", Instant.now().toString());
    return document;
  }

  /** One record per trained epoch, with the validation MRR of the epochs that were validated. */
  static List<EpochRecord> history(TrainingResult training) {
    Map<Integer, Double> mrrByEpoch = new HashMap<>();
    for (ValidationRecord record : training.validations()) {
      mrrByEpoch.put(record.epoch(), record.meanReciprocalRank());
    }
    List<EpochRecord> history = new ArrayList<>();
    List<Double> losses = training.losses();
    for (int i = 0; i < losses.size(); i++) {
      int epoch = i + 1;
      Double mrr = mrrByEpoch.get(epoch);
      history.add(
          mrr == null
              ? EpochRecord.of(epoch, losses.get(i))
              : EpochRecord.of(epoch, losses.get(i), mrr));
    }
    return history;
  }

  /**
   * The runnable pipeline document of {@code config}: {@code {"metadata": {"title": title,
   * "kge4j_version": ...}, "pipeline": {...}}}, what {@code pipeline_config.json} holds.
   */
  static Map<String, Object> pipelineDocument(PipelineConfig config, String title) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("title", title);
    metadata.put("kge4j_version", Versions.kge4jVersion());
    return config.toPipelineMap(metadata);
  }

  /** Puts {@code configuration} (the pipeline document) and {@code loss} (as resolved). */
  static void putConfiguration(Map<String, Object> document, PipelineConfig config, String title) {
    document.put("configuration", pipelineDocument(config, title));
    document.put("loss", config.loss().resolved());
  }

  private static Map<String, Object> runtime(int numThreads) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("num_threads", numThreads);
    return map;
  }

  private static Map<String, Object> dataset(RunInfo info, Dataset dataset) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", dataset.name());
    map.put("source", info.datasetSource());
    map.put("num_entities", dataset.numEntities());
    map.put("num_relations", dataset.numRelations());
    map.put("training", split(dataset.training()));
    map.put("validation", split(dataset.validation()));
    map.put("testing", split(dataset.testing()));
    // What the dataset's source reports, e.g. a graph file's provenance under graph_file.
    map.putAll(info.report());
    return map;
  }

  private static Map<String, Object> split(TriplesFactory triples) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("num_triples", triples.numTriples());
    map.put("num_dropped_triples", triples.numDroppedTriples());
    return map;
  }
}
