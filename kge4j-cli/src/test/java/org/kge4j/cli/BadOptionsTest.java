package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invalid command lines end with exit code 2 and one message that names the option, the value
 * received and what is allowed, before anything is trained or written.
 */
class BadOptionsTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--dim|0|Invalid value for option '--dim': must be an integer >= 1, got 0",
        "--epochs|-3|Invalid value for option '--epochs': must be an integer >= 1, got -3",
        "--negatives|0|Invalid value for option '--negatives': must be an integer >= 1, got 0",
        "--batch-size|0|Invalid value for option '--batch-size': must be an integer >= 1, got 0",
        "--lr|-0.1|Invalid value for option '--lr': must be a finite number > 0, got -0.1",
        "--lr|Infinity|Invalid value for option '--lr': must be a finite number > 0, got Infinity",
        "--balance|1|Invalid value for option '--balance': must be in the open interval (0.0, 1.0), got 1.0",
        "--balance|0|Invalid value for option '--balance': must be in the open interval (0.0, 1.0), got 0.0",
        "--model|transh|Invalid value for option '--model': expected one of transe, distmult, complex, rotate "
            + "(case-insensitive), got 'transh'",
        "--loop|owa|Invalid value for option '--loop': expected one of slcwa, lcwa (case-insensitive), got 'owa'",
        "--optimizer|rmsprop|Invalid value for option '--optimizer': expected one of adam, sparseadam, adagrad, sgd "
            + "(case-insensitive), got 'rmsprop'",
        "--activation|tanh|Invalid value for option '--activation': expected one of relu, hard, softplus, soft "
            + "(case-insensitive), got 'tanh'",
        "--reduction|max|Invalid value for option '--reduction': expected one of mean, sum (case-insensitive), "
            + "got 'max'",
        "--positive-margin|NaN|Invalid value for option '--positive-margin': must be a finite number, got NaN",
        "--threads|0|Invalid value for option '--threads': must be an integer >= 1, got 0",
        "--patience|0|Invalid value for option '--patience': must be an integer >= 1, got 0",
        "--eval-frequency|-1|Invalid value for option '--eval-frequency': must be an integer >= 0, got -1",
        "--scoring-norm|3|Invalid value for option '--scoring-norm': must be 1 or 2, got 3",
        "--regularizer-weight|-1|Invalid value for option '--regularizer-weight': must be a finite number >= 0, "
            + "got -1.0",
        "--distance-limits|2,1|Invalid value for option '--distance-limits': expected finite 0 <= γ1 < γ2, "
            + "got γ1 = 2.0, γ2 = 1.0",
        "--distance-limits|1|Invalid value for option '--distance-limits': expected two numbers γ1,γ2 with "
            + "0 <= γ1 < γ2, got 1 value(s) [1.0]",
        "--epochs|many|Invalid value for option '--epochs': 'many' is not an int",
        "--initializer|glorot|Invalid value for option '--initializer': expected one of normal,"
            + " uniform, xavier_uniform, xavier_normal, xavier_uniform_norm, xavier_normal_norm,"
            + " uniform_norm, normal_norm, init_phases (case-insensitive), got 'glorot'",
        // sLCWA holds 3 x 256 x 10^8 ints in one array: at most 2147483639 / 768 = 2796202
        // negatives
        "--negatives|100000000|Invalid value for option '--negatives':"
            + " negative_sampler_kwargs.num_negs_per_pos x training_kwargs.batch_size x 3 must be"
            + " <= 2147483639 (sLCWA holds a batch's negative triples in one Java array), got"
            + " 100000000 x 256 x 3 = 76800000000; with batch_size 256, num_negs_per_pos can be at"
            + " most 2796202",
        // ComplEx rows hold 2 x dim floats, four rows in one scratch array: (2^31 - 9) / 8
        "--dim|2000000000|Invalid value for option '--dim': model_kwargs.embedding_dim must be"
            + " <= 268435454 for ComplEx (a row of 2 x embedding_dim floats must fit four times"
            + " into one Java array), got 2000000000",
      })
  void outOfRangeValuesNameOptionValueAndRange(String option, String value, String message) {
    Cli.Run run = assertRefused(message, option, value);
    assertTrue(run.err().contains("Try 'kge4j train --help' for the options."), run::toString);
  }

  @Test
  void labelSmoothingNeedsTheLcwaLoop() {
    Cli.Run run =
        assertInvalid(
            "--label-smoothing", "is only supported with --loop lcwa", "--label-smoothing", "0.1");
    assertTrue(run.err().contains("got 0.1 with slcwa"), run::toString);
    assertInvalid(
        "--label-smoothing",
        "must be in [0.0, 1.0), got 1.0",
        "--loop",
        "lcwa",
        "--label-smoothing",
        "1");
  }

  @Test
  void marginsThatPykeenRejectsAreAUsageError() {
    // resolve_margin requires λ >= λ̄.
    Cli.Run run = train("--positive-margin", "0", "--negative-margin", "1");
    assertTrue(run.err().startsWith("kge4j: Invalid options: "), run::toString);
    assertTrue(run.err().contains("0.0") && run.err().contains("1.0"), run::toString);
  }

  @Test
  void distanceLimitsExcludeMargins() {
    assertInvalid(
        "--positive-margin",
        "cannot be combined with --distance-limits",
        "--model",
        "transe",
        "--distance-limits",
        "0.5,2",
        "--positive-margin",
        "1");
    assertInvalid(
        "--activation",
        "--distance-limits uses relu, got 'softplus'",
        "--model",
        "transe",
        "--distance-limits",
        "0.5,2",
        "--activation",
        "softplus");
  }

  @Test
  void aRegularizerWeightNeedsAModelWithARegularizer() {
    assertInvalid(
        "--regularizer-weight",
        "regularizer_kwargs is not supported by TransE, which has no regularizer (as in PyKEEN),"
            + " got {weight=0.5}",
        "--model",
        "transe",
        "--regularizer-weight",
        "0.5");
  }

  @Test
  void splitsWhoseTriplesWereAllDroppedFailBeforeTraining() throws Exception {
    Path data = dataset("unknown", "a\tr\tb\nb\tr\tc\n", "x\tr\ta\n", "a\tr\ty\nz\tr\tb\n");
    assertRefused(
        "Invalid value for option '--dataset': the test split of '"
            + data
            + "' has no triples left: all 2 were dropped because an entity or relation does not"
            + " occur in training; it needs at least 1",
        "--dataset",
        data.toString());

    Files.writeString(data.resolve("test.txt"), "a\tr\tc\n");
    assertRefused(
        "Invalid value for option '--eval-frequency': the validation split of '"
            + data
            + "' has no triples left to evaluate every 3 epochs: all 1 were dropped as unknown;"
            + " it needs at least 1, or --eval-frequency 0",
        "--dataset",
        data.toString());
  }

  @Test
  void anUnknownDatasetListsTheKnownNames() {
    Cli.Run run = train("--dataset", "no-such-dataset");
    String first = run.err().lines().findFirst().orElseThrow();
    assertTrue(
        first.startsWith(
            "kge4j: Invalid value for option '--dataset': unknown dataset \"no-such-dataset\""),
        first);
    assertTrue(first.contains("nations") && first.contains("wn18rr"), first);
  }

  @Test
  void aMalformedDatasetFileNamesFileAndLine() throws Exception {
    Path data = dataset("data", "a\tr\tb\nb\tr\n", "a\tr\tb\n", "b\tr\ta\n");
    Cli.Run run = train("--dataset", data.toString());
    assertTrue(run.err().contains(data.resolve("train.txt") + ":2:"), run::toString);
  }

  @Test
  void anUnknownOptionIsReportedWithASuggestion() {
    Cli.Run run = Cli.usageError("train", "--epoch", "3");
    assertTrue(run.err().startsWith("kge4j: Unknown options: '--epoch', '3'"), run::toString);
    assertTrue(run.err().contains("--epochs"), "suggests the similar option: " + run.err());
  }

  @Test
  void resumeKeepsTheCheckpointsConfiguration() throws Exception {
    Path checkpoint = Files.writeString(dir.resolve("c.kge4j"), "not a checkpoint");
    Cli.Run mixed = Cli.usageError("train", "--resume", checkpoint.toString(), "--dim", "32");
    assertTrue(
        mixed
            .err()
            .startsWith(
                "kge4j: Invalid value for option '--dim': cannot be combined with " + "--resume"),
        mixed::toString);
    Cli.Run corrupt = Cli.usageError("train", "--resume", checkpoint.toString());
    assertTrue(
        corrupt.err().startsWith("kge4j: Invalid value for option '--resume': "),
        corrupt::toString);
    assertTrue(corrupt.err().contains(checkpoint.toString()), corrupt::toString);
    Cli.Run missing = Cli.usageError("train", "--resume", dir.resolve("nothing.kge4j").toString());
    assertTrue(
        missing.err().contains("no such checkpoint file: " + dir.resolve("nothing.kge4j")),
        missing::toString);
  }

  /**
   * Runs {@code train} with {@code options} (writing under r/) and checks that it ends as a usage
   * error: exit code 2 and a message starting {@code kge4j: Invalid value for option '<option>':
   * <what>}.
   */
  private Cli.Run assertInvalid(String option, String what, String... options) {
    Cli.Run run = train(options);
    assertTrue(
        run.err().startsWith("kge4j: Invalid value for option '" + option + "': " + what),
        run::toString);
    return run;
  }

  /**
   * Runs {@code train} with {@code options} (writing under r/) and checks that it ends as a usage
   * error whose first line is {@code kge4j: <message>}, and that nothing was written.
   */
  private Cli.Run assertRefused(String message, String... options) {
    Cli.Run run = train(options);
    assertEquals("kge4j: " + message, run.err().lines().findFirst().orElseThrow(), run::toString);
    assertFalse(Files.exists(dir.resolve("r")), "nothing is written for an invalid command line");
    return run;
  }

  /** {@code train options... --output r}, asserted to end as a usage error (exit code 2). */
  private Cli.Run train(String... options) {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(List.of(options));
    args.addAll(List.of("--output", dir.resolve("r").toString()));
    return Cli.usageError(args.toArray(String[]::new));
  }

  /** A dataset directory {@code name} holding the three PyKEEN split files with these lines. */
  private Path dataset(String name, String train, String valid, String test) throws IOException {
    Path data = Files.createDirectories(dir.resolve(name));
    Files.writeString(data.resolve("train.txt"), train);
    Files.writeString(data.resolve("valid.txt"), valid);
    Files.writeString(data.resolve("test.txt"), test);
    return data;
  }
}
