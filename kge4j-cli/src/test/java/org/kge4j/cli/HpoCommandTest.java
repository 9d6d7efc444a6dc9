package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.PipelineConfig;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.SqliteStorage;
import org.kge4j.hpo.study.Study;
import org.kge4j.hpo.study.StudyDirection;
import org.kge4j.hpo.study.TrialState;

/**
 * {@code kge4j hpo} end to end on the embedded graph: the outputs exist and parse, trials.tsv has
 * its columns, the best configuration re-trains its trial's model, a study resumes and refuses a
 * changed space, and the config file's settings yield to the command line.
 */
class HpoCommandTest {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String MRR = "both.realistic.inverse_harmonic_mean_rank";

  @TempDir static Path dir;

  private static Path study;
  private static Cli.Run first;

  static String[] args(Path output, String... extra) {
    List<String> options = new ArrayList<>(List.of("--sampler", "random", "--threads", "2"));
    options.addAll(List.of(extra));
    return Cli.shortStudy(output, 3, 2, options.toArray(String[]::new));
  }

  @BeforeAll
  static void runAShortStudy() {
    study = dir.resolve("study");
    first = Cli.run(args(study, "--n-trials", "4", "--replicates", "2"));
    assertEquals(0, first.exitCode(), first::toString);
  }

  private static List<String[]> tsv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      rows.add(line.split("\t", -1));
    }
    return rows;
  }

  private static int column(String[] header, String name) {
    int i = List.of(header).indexOf(name);
    assertTrue(i >= 0, name + " in " + List.of(header));
    return i;
  }

  @Test
  void trialsTsvListsEveryTrialWithItsStateValueAndParameters() throws IOException {
    List<String[]> rows = tsv(study.resolve("trials.tsv"));
    String[] header = rows.get(0);
    assertEquals(List.of("number", "state", "value"), List.of(header).subList(0, 3));
    for (String p :
        List.of(
            "params_model.embedding_dim",
            "params_loss.positive_margin",
            "params_loss.offset",
            "params_loss.positive_negative_balance",
            "params_loss.margin_activation",
            "params_regularizer.weight",
            "params_optimizer.lr",
            "params_negative_sampler.num_negs_per_pos",
            "params_training.batch_size")) {
      column(header, p);
    }
    column(header, "duration");
    assertEquals(5, rows.size(), "a header and 4 trials");
    for (int i = 1; i < rows.size(); i++) {
      assertEquals(header.length, rows.get(i).length);
      assertEquals(Integer.toString(i - 1), rows.get(i)[0]);
      assertEquals("COMPLETE", rows.get(i)[1]);
      double value = Double.parseDouble(rows.get(i)[2]);
      assertTrue(value > 0 && value <= 1, "an MRR: " + value);
      int batch = Integer.parseInt(rows.get(i)[column(header, "params_training.batch_size")]);
      assertEquals(1, Integer.bitCount(batch), "a power of two: " + batch);
    }
    assertTrue(first.out().contains("trial 3 COMPLETE "), first.out());
  }

  @Test
  void theBestConfigurationReTrainsToItsTrialsValidationMrr() throws IOException {
    Path config = study.resolve("best_pipeline").resolve("pipeline_config.json");
    Map<String, Object> document = OutputFiles.json().readValue(config.toFile(), MAP);
    PipelineConfig.fromPipelineMap(document);
    JsonNode metadata = Cli.json(config).get("metadata");
    int bestNumber = metadata.get("best_trial_number").asInt();
    List<String[]> rows = tsv(study.resolve("trials.tsv"));
    double best = Double.NEGATIVE_INFINITY;
    int bestRow = -1;
    for (int i = 1; i < rows.size(); i++) {
      double v = Double.parseDouble(rows.get(i)[2]);
      if (v > best) {
        best = v;
        bestRow = i - 1;
      }
    }
    assertEquals(bestRow, bestNumber, "the best trial of trials.tsv");
    assertEquals(best, metadata.get("best_trial_evaluation").asDouble());

    JsonNode validations = Cli.retrain(config, dir.resolve("rerun")).at("/training/validation");
    JsonNode last = validations.get(validations.size() - 1);
    assertEquals(3, last.get("epoch").asInt(), "the re-run validates its last epoch");
    assertEquals(best, last.get(MRR).asDouble(), 0.0, "bit-identical model, same validation MRR");
  }

  @Test
  void studyJsonRecordsTheStudyTheDataAndTheSeeds() throws Exception {
    JsonNode s = Cli.json(study.resolve("study.json"));
    assertEquals("embedded-distmult-slcwa", s.get("study_name").asText());
    assertEquals("maximize", s.get("direction").asText());
    assertEquals(MRR, s.get("metric").asText());
    JsonNode attributes = s.get("attributes");
    assertEquals(Versions.kge4jVersion(), attributes.get("kge4j_version").asText());
    assertEquals("embedded", attributes.get("dataset").asText());
    assertEquals("42", attributes.get("random_seed").asText());
    assertEquals("42", attributes.get("sampler_seed").asText());
    assertEquals("RandomSampler(seed=42)", attributes.get("sampler").asText());
    assertEquals("NopPruner", attributes.get("pruner").asText());
    assertEquals(64, attributes.get("dataset_sha256.train.txt").asText().length());
    assertTrue(attributes.get("search_space").isArray());
    assertEquals(4, s.at("/n_trials/COMPLETE").asInt());
    assertTrue(s.at("/parameter_importance/method").asText().startsWith("first-order variance"));
    for (String png :
        List.of(
            "optimization_history.png",
            "intermediate_values.png",
            "parallel_coordinates.png",
            "param_importances.png")) {
      byte[] bytes = Files.readAllBytes(study.resolve(png));
      assertEquals(0x89, bytes[0] & 0xff, png + " is a PNG");
      assertEquals('P', bytes[1], png + " is a PNG");
    }
  }

  @Test
  void replicatesReportTheTestMetricsPerSeedAndTheirSummary() throws IOException {
    List<String[]> rows = tsv(study.resolve("best_pipeline").resolve("replicates.tsv"));
    assertEquals(3, rows.size());
    assertEquals("43", rows.get(1)[0]);
    assertEquals("44", rows.get(2)[0]);
    double a = Double.parseDouble(rows.get(1)[1]);
    double b = Double.parseDouble(rows.get(2)[1]);
    JsonNode summary =
        Cli.json(study.resolve("best_pipeline").resolve("replicates.json")).get("test").get(MRR);
    assertEquals((a + b) / 2, summary.get("mean").asDouble(), 1e-15);
    assertEquals(Math.abs(a - b) / Math.sqrt(2), summary.get("std").asDouble(), 1e-15);
    assertTrue(first.out().contains("(mean ± sample std over 2 seeds)"), first.out());
  }

  @Test
  void reRunningResumesTheStudyAndAnotherSpaceIsRefused() throws IOException {
    Path resumed = dir.resolve("resumed");
    Cli.succeeds(args(resumed, "--n-trials", "1"));
    Cli.Run b = Cli.succeeds(args(resumed, "--n-trials", "2"));
    assertTrue(b.out().contains("trial 1 COMPLETE"), b.out());
    assertTrue(!b.out().contains("trial 0 "), "trial 0 is not run again: " + b.out());
    assertEquals(3, tsv(resumed.resolve("trials.tsv")).size());

    Cli.Run other = Cli.usageError(args(resumed, "--n-trials", "3", "--metric", "hits@10"));
    assertTrue(other.err().contains("was created with another metric:"), other.err());
  }

  @Test
  void theConfigFileIsReadAndTheCommandLineOverridesIt() throws IOException {
    Path file = dir.resolve("hpo.json");
    Files.writeString(
        file,
        """
        {"metadata": {"title": "test"},
         "optuna": {"n_trials": 5, "sampler": "RandomSampler", "pruner": "nop",
                    "metric": "hits@10", "sampler_kwargs": {"seed": 7}},
         "pipeline": {"dataset": "nations", "model": "DistMult",
                      "model_kwargs": {"embedding_dim": 8},
                      "optimizer_kwargs_ranges": {"lr": {"type": "float", "low": 0.01, "high": 0.1,
                                                         "scale": "log"}},
                      "training_kwargs": {"num_epochs": 2, "batch_size": 512},
                      "negative_sampler_kwargs": {"num_negs_per_pos": 2},
                      "loss_kwargs": {"positive_margin": 1.0, "negative_margin": 0.0,
                                      "positive_negative_balance": 0.5, "margin_activation": "relu"},
                      "regularizer_kwargs": {"weight": 0.1},
                      "stopper_kwargs": {"frequency": 1}}}
        """);
    Path output = dir.resolve("from-config");
    Cli.hpo(
        output,
        "--config",
        file.toString(),
        "--dataset",
        "embedded",
        "--n-trials",
        "2",
        "--threads",
        "2");
    JsonNode s = Cli.json(output.resolve("study.json"));
    assertEquals("embedded", s.at("/attributes/dataset").asText(), "--dataset wins");
    assertEquals(2, s.at("/n_trials/COMPLETE").asInt(), "--n-trials wins");
    assertEquals("both.realistic.hits_at_10", s.get("metric").asText());
    assertEquals("RandomSampler(seed=7)", s.at("/attributes/sampler").asText());
    List<String[]> rows = tsv(output.resolve("trials.tsv"));
    assertEquals(
        List.of("params_optimizer.lr"),
        List.of(rows.get(0)).stream().filter(c -> c.startsWith("params_")).toList(),
        "only the ranged lr is searched");
  }

  @Test
  void gridAndSobolSamplersRunThroughTheCommand() throws IOException {
    Path grid = dir.resolve("grid");
    Cli.hpo(
        grid,
        "--dataset",
        "embedded",
        "--model",
        "transe",
        "--epochs",
        "1",
        "--sampler",
        "grid",
        "--grid-points",
        "2",
        "--n-trials",
        "2");
    List<String[]> rows = tsv(grid.resolve("trials.tsv"));
    int dim = column(rows.get(0), "params_model.embedding_dim");
    int lr = column(rows.get(0), "params_optimizer.lr");
    // grid points 0 and 1 differ in the last parameter only; the first is the bottom of every range
    assertEquals("16", rows.get(1)[dim]);
    assertEquals("16", rows.get(2)[dim]);
    assertEquals("0.001", rows.get(1)[lr]);

    Path sobol = dir.resolve("sobol");
    Cli.hpo(
        sobol,
        "--dataset",
        "embedded",
        "--model",
        "distmult",
        "--epochs",
        "1",
        "--sampler",
        "sobol",
        "--n-trials",
        "2");
    assertTrue(
        Cli.json(sobol.resolve("study.json"))
            .at("/attributes/sampler")
            .asText()
            .startsWith("SobolSampler("));
  }

  @Test
  void aDatasetDirectoryRecordsTheSha256OfItsFiles() throws Exception {
    Path nations = Cli.sharedDatasets().resolve("nations");
    Path output = dir.resolve("nations");
    Cli.hpo(
        output,
        "--dataset",
        nations.toString(),
        "--model",
        "distmult",
        "--epochs",
        "1",
        "--n-trials",
        "1");
    JsonNode attributes = Cli.json(output.resolve("study.json")).get("attributes");
    for (String split : List.of("train.txt", "valid.txt", "test.txt")) {
      String expected =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(Files.readAllBytes(nations.resolve(split))));
      assertEquals(expected, attributes.get("dataset_sha256." + split).asText(), split);
    }
    try (SqliteStorage storage = SqliteStorage.open(output.resolve("study.db"))) {
      List<FrozenTrial> trials =
          Study.builder("nations-distmult-slcwa", StudyDirection.MAXIMIZE)
              .storage(storage)
              .build()
              .trials();
      assertEquals(1, trials.size());
      assertEquals(TrialState.COMPLETE, trials.get(0).state());
      assertEquals(
          Map.of(1, trials.get(0).value().getAsDouble()), trials.get(0).intermediateValues());
    }
  }
}
