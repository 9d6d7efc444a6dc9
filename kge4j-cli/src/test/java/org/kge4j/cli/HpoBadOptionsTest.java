package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--n-trials 2 --timeout 5x|Invalid value for option '--timeout': must be a duration such as"
            + " 90s, 20m or 2h, got '5x'",
        "--n-trials 0|Invalid value for option '--n-trials': must be an integer >= 1, got 0",
        "|Invalid value for option '--n-trials': is required (the study's total of trials), or"
            + " optuna.n_trials in --config",
        "--n-trials 2 --sampler cmaes|Invalid value for option '--sampler': expected one of tpe,"
            + " random, sobol, grid (case-insensitive), got 'cmaes'",
        "--n-trials 2 --pruner patient|Invalid value for option '--pruner': expected one of median,"
            + " asha, hyperband, none (case-insensitive), got 'patient'",
        "--n-trials 2 --patience 3|Invalid value for option '--patience': needs --early-stopping (or"
            + " stopper early in --config)",
        "--n-trials 2 --metric hits@7|Invalid value for option '--metric': metric must be <side>.<rank"
            + " type>.<metric>",
        "--n-trials 2 --loop lcwa --model transe --eval-frequency 0|Invalid value for option"
            + " '--eval-frequency': must be an integer >= 1, got 0",
        "--n-trials 2 --threads 0|Invalid value for option '--threads': must be an integer >= 1,"
            + " got 0"
      })
  void badValuesNameTheOptionTheValueAndWhatIsAllowed(String options, String message) {
    assertUsageError(hpo(options == null ? new String[0] : options.split(" ")), message);
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
    assertFileRefused(
        "--config",
        "{\"optuna\": {\"n_trials\": 2, \"n_jobs\": 4}}",
        "optuna.n_jobs is not supported; supported: n_trials, timeout, sampler, sampler_kwargs,"
            + " pruner, storage, study_name, metric, direction");
    assertFileRefused(
        "--config",
        "{\"optuna\": {\"n_trials\": 2}, \"pipeline\": {\"epochs\": 5}}",
        "epochs is not supported in an HPO pipeline; supported: dataset, dataset_kwargs,");
    assertFileRefused(
        "--search-space",
        "{\"optimizer_kwargs_ranges\": {\"lr\": {\"type\": \"float\", \"low\": 0.1, \"hi\": 1}}}",
        "optimizer_kwargs_ranges.lr.hi is not a range key; supported: base, choices, high, log,"
            + " low, q, scale, step, type",
        "--n-trials",
        "2");
    assertFileRefused(
        "--search-space",
        "{\"regularizer_kwargs_ranges\": {\"weight\": {\"type\": \"float\", \"low\": 0.1,"
            + " \"high\": 1}}}",
        "regularizer_kwargs_ranges.weight cannot be searched with TransE, which has no"
            + " regularizer (as in PyKEEN)",
        "--n-trials",
        "2",
        "--model",
        "transe");
    assertFileRefused(
        "--config",
        "{\"optuna\": {\"n_trials\": 2, \"metric\": \"mr\", \"direction\": \"maximize\"}}",
        "optuna.direction maximize does not fit both.realistic.arithmetic_mean_rank, which is to"
            + " minimize");
    assertFileRefused(
        "--config",
        "{\"optuna\": {\"n_trials\": 2, \"sampler\": \"CmaEsSampler\"}}",
        "optuna.sampler must be one of tpe, random, sobol, grid, got 'CmaEsSampler'");
    assertFileRefused(
        "--config",
        "{\"optuna\": {\"n_trials\": 2, \"pruner\": \"PatientPruner\"}}",
        "optuna.pruner must be one of median, asha, hyperband, none, got 'PatientPruner'");
  }

  /**
   * {@code json} written to a file and given to {@code option} (with {@code options}): a usage
   * error on that option, {@code <file>: <what>...}.
   */
  private void assertFileRefused(String option, String json, String what, String... options)
      throws IOException {
    Path file = Files.writeString(dir.resolve("file.json"), json);
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of(option, file.toString()));
    assertUsageError(
        hpo(args.toArray(String[]::new)),
        "Invalid value for option '" + option + "': " + file + ": " + what);
  }
}
