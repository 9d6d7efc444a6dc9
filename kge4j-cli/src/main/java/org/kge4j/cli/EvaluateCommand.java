package org.kge4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.model.Model;
import org.kge4j.training.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kge4j evaluate}: loads the model of a checkpoint and computes rank-based metrics on a
 * split of a dataset — by default the testing split, filtered by the training and validation
 * triples as PyKEEN's pipeline does (the validation split: by the training triples, as during
 * training) — prints them as a table and optionally writes them as JSON under PyKEEN's names.
 */
@Command(
    name = "evaluate",
    description =
        "Evaluate a trained model (a checkpoint written by `kge4j train`) on a dataset split.")
public final class EvaluateCommand extends TrainedModelCommand {

  @Option(
      names = "--split",
      paramLabel = "SPLIT",
      defaultValue = "test",
      description = "Split to rank: test or valid.")
  private String split;

  @Option(
      names = "--unfiltered",
      description = "Rank against all entities (no filtering of known triples).")
  private boolean unfiltered;

  @Option(
      names = "--eval-candidates",
      paramLabel = "N",
      description =
          "Rank against N uniformly drawn entities (sampled.* metrics) instead of all; default:"
              + " as the run was evaluated (its configuration's evaluator).")
  private Integer evalCandidates;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Also write the metrics as JSON to FILE.")
  private Path output;

  @Option(names = "--overwrite", description = "Allow replacing an existing --output file.")
  private boolean overwrite;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads, >= 1. Default: all processors.")
  private Integer threads;

  @Override
  void run(OptionChecks checks, PrintWriter out) {
    String splitName = checks.choice("--split", split, List.of("test", "valid"));
    int numThreads = checks.threads("--threads", threads);
    if (output != null && Files.exists(output) && !overwrite) {
      throw checks.invalid(
          "--output",
          "file " + output.toAbsolutePath() + " already exists; pass --overwrite to replace it");
    }
    TrainedModel trained = loadModel();
    Checkpoint checkpoint = trained.checkpoint();
    Dataset data = trained.dataset();
    Model model = trained.model();
    String source = trained.datasetSource();

    TriplesFactory ranked = splitName.equals("test") ? data.testing() : data.validation();
    long start = System.nanoTime();
    int candidates =
        evalCandidates != null ? evalCandidates : checkpoint.config().evaluator().numNegatives();
    if (candidates < 0) {
      throw checks.invalid(
          "--eval-candidates", "must be >= 0 (0 = all entities), got " + candidates);
    }
    MetricResults metrics =
        RankBasedEvaluator.builder()
            .filtered(!unfiltered)
            .numThreads(numThreads)
            .sampledCandidates(candidates, checkpoint.config().randomSeed())
            .build()
            .evaluate(
                model,
                ranked,
                splitName.equals("test")
                    ? List.of(data.training(), data.validation())
                    : List.of(data.training()));
    double seconds = (System.nanoTime() - start) / 1e9;

    out.print(
        MetricsTable.format(
            String.format(
                Locale.ROOT,
                "%s metrics (%s, %s, %d triples, %s, realistic ranks):",
                splitName,
                data.name(),
                checkpoint.config().model().name(),
                ranked.numTriples(),
                unfiltered ? "unfiltered" : "filtered"),
            metrics));
    if (output != null) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("metrics", metrics.metrics());
      document.put("split", splitName);
      document.put("filtered", !unfiltered);
      document.put("checkpoint", trained.checkpointFile().toAbsolutePath().toString());
      document.put("epochs_completed", checkpoint.epochsCompleted());
      Map<String, Object> datasetInfo = new LinkedHashMap<>();
      datasetInfo.put("name", data.name());
      datasetInfo.put("source", source);
      datasetInfo.put("num_entities", data.numEntities());
      datasetInfo.put("num_relations", data.numRelations());
      document.put("dataset", datasetInfo);
      RunReport.putConfiguration(
          document, checkpoint.config(), TrainCommand.plotTitle(checkpoint.config(), data));
      document.put("evaluation_seconds", seconds);
      document.put("versions", Versions.current().toMap());
      document.put("created", Instant.now().toString());
      OutputFiles.writeJson(document, output);
      out.println("metrics written to " + output.toAbsolutePath());
    }
  }
}
