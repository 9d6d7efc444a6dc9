package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad {@code kge4j hpo} options and configuration keys: exit code 2 and a message naming them. */
class HpoBadOptionsTest {

  @TempDir Path dir;

  private Cli.Run hpo(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "hpo",
                "--dataset",
                "embedded",
                "--quiet",
                "--output",
                dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--model")) {
      args.addAll(List.of("--model", "distmult"));
    }
    return Cli.run(args.toArray(String[]::new));
  }

  private static void assertUsageError(Cli.Run run, String message) {
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("kge4j: " + message), run.err());
  }

  @Test
  void badValuesNameTheOptionTheValueAndWhatIsAllowed() {
    assertUsageError(
        hpo("--n-trials", "2", "--timeout", "5x"),
        "Invalid value for option '--timeout': must be a duration such as 90s, 20m or 2h, got '5x'");
    assertUsageError(
        hpo("--n-trials", "0"),
        "Invalid value for option '--n-trials': must be an integer >= 1, got 0");
    assertUsageError(
        hpo(),
        "Invalid value for option '--n-trials': is required (the study's total of trials), or"
            + " optuna.n_trials in --config");
    assertUsageError(
        hpo("--n-trials", "2", "--sampler", "cmaes"),
        "Invalid value for option '--sampler': expected one of tpe, random, sobol, grid"
            + " (case-insensitive), got 'cmaes'");
    assertUsageError(
        hpo("--n-trials", "2", "--pruner", "patient"),
        "Invalid value for option '--pruner': expected one of median, asha, hyperband, none"
            + " (case-insensitive), got 'patient'");
    assertUsageError(
        hpo("--n-trials", "2", "--patience", "3"),
        "Invalid value for option '--patience': needs --early-stopping (or stopper early in"
            + " --config)");
    assertUsageError(
        hpo("--n-trials", "2", "--metric", "hits@7"),
        "Invalid value for option '--metric': metric must be <side>.<rank type>.<metric>");
    assertUsageError(
        hpo("--n-trials", "2", "--loop", "lcwa", "--model", "transe", "--eval-frequency", "0"),
        "Invalid value for option '--eval-frequency': must be an integer >= 1, got 0");
  }

  @Test
  void timeoutsTakeSecondsMinutesOrHours() {
    OptionChecks checks = new OptionChecks(new picocli.CommandLine(new HpoCommand()));
    assertEquals(Duration.ofSeconds(90), HpoCommand.parseDuration(checks, "--timeout", "90s"));
    assertEquals(Duration.ofMinutes(20), HpoCommand.parseDuration(checks, "--timeout", "20m"));
    assertEquals(Duration.ofHours(2), HpoCommand.parseDuration(checks, "--timeout", "2h"));
    assertEquals(Duration.ofSeconds(45), HpoCommand.parseDuration(checks, "--timeout", "45"));
    assertUsageError(
        hpo("--n-trials", "2", "--timeout", "0m"),
        "Invalid value for option '--timeout': must be longer than 0, got '0m'");
  }

  @Test
  void unknownConfigurationKeysNameTheKeyAndWhatIsSupported() throws Exception {
    Path optuna = dir.resolve("optuna.json");
    Files.writeString(optuna, "{\"optuna\": {\"n_trials\": 2, \"n_jobs\": 4}}");
    assertUsageError(
        hpo("--config", optuna.toString()),
        "Invalid value for option '--config': "
            + optuna
            + ": optuna.n_jobs is not supported; supported: n_trials, timeout, sampler,"
            + " sampler_kwargs, pruner, storage, study_name, metric, direction");

    Path pipeline = dir.resolve("pipeline.json");
    Files.writeString(pipeline, "{\"optuna\": {\"n_trials\": 2}, \"pipeline\": {\"epochs\": 5}}");
    assertUsageError(
        hpo("--config", pipeline.toString()),
        "Invalid value for option '--config': "
            + pipeline
            + ": epochs is not supported in an HPO pipeline; supported: dataset, dataset_kwargs,");

    Path range = dir.resolve("range.json");
    Files.writeString(
        range,
        "{\"optimizer_kwargs_ranges\": {\"lr\": {\"type\": \"float\", \"low\": 0.1, \"hi\": 1}}}");
    assertUsageError(
        hpo("--n-trials", "2", "--search-space", range.toString()),
        "Invalid value for option '--search-space': "
            + range
            + ": optimizer_kwargs_ranges.lr.hi is not a range key; supported: base, choices, high,"
            + " log, low, q, scale, step, type");

    Path regularizer = dir.resolve("regularizer.json");
    Files.writeString(
        regularizer,
        "{\"regularizer_kwargs_ranges\": {\"weight\": {\"type\": \"float\", \"low\": 0.1,"
            + " \"high\": 1}}}");
    assertUsageError(
        hpo("--n-trials", "2", "--model", "transe", "--search-space", regularizer.toString()),
        "Invalid value for option '--search-space': "
            + regularizer
            + ": regularizer_kwargs_ranges.weight cannot be searched with TransE, which has no"
            + " regularizer (as in PyKEEN)");

    Path direction = dir.resolve("direction.json");
    Files.writeString(
        direction,
        "{\"optuna\": {\"n_trials\": 2, \"metric\": \"mr\", \"direction\": \"maximize\"}}");
    assertUsageError(
        hpo("--config", direction.toString()),
        "Invalid value for option '--config': "
            + direction
            + ": optuna.direction maximize does not fit both.realistic.arithmetic_mean_rank, which"
            + " is to minimize");
  }
}
